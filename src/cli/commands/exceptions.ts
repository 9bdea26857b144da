import { Option, InvalidArgumentError, type Command } from 'commander';
import { DefaultAzureCredential } from '@azure/identity';
import { reconcileExceptions } from '../../engine/expiry';
import { latestFindings } from '../../engine/run-result';
import { AmlGuardApiClient, ApiCallError, type ApiException } from '../api-client';
import { CredentialError } from '../credential-error';
import { terminalColumns, type CliIo, type CommandEnv } from '../io';
import { DEFAULT_API_PORT } from '../local-api';
import { addSandboxOptions, formatOption, remediateOption, type OutputFormat, type SandboxFlags } from '../options';
import { printRun, shortId } from '../render-run';
import { openRuntime } from '../runtime';
import { chooseSandbox } from '../sandbox-choice';
import { textTable } from '../table';
import { UsageError } from '../usage-error';

interface ApiOptions {
  readonly api?: string;
  readonly token?: string;
  readonly format: 'table' | 'json';
}

const STATUSES = ['pending', 'approved', 'rejected', 'revoked', 'expired'] as const;

/** `aml-guard exceptions ...`: calls the HTTP API. Exit 0 done, 2 refused by the API (4xx) or bad input, 1 server/network failure. */
export function registerExceptions(parent: Command, env: CommandEnv): void {
  const group = parent
    .command('exceptions')
    .summary('request / approve / reject / revoke / list / show time-boxed exceptions (HTTP API)')
    .description('Time-boxed exceptions through the HTTP API (`aml-guard serve`, or the Function app). The token: --token, else AMLGUARD_TOKEN, else one from az login / managed identity for AMLGUARD_AUTH_AUDIENCE.');
  const sub = (name: string, summary: string) =>
    group
      .command(name)
      .summary(summary)
      .option('--api <url>', `the API (default AMLGUARD_API_URL, else http://127.0.0.1:${DEFAULT_API_PORT})`)
      .option('--token <token>', 'bearer token (default AMLGUARD_TOKEN)')
      .addOption(formatOption(['table', 'json']));
  const call = (name: string, work: (client: AmlGuardApiClient, width: number) => Promise<void>) => async (options: ApiOptions) =>
    env.exit(await callApi(name, options, env.io, work));
  const width = terminalColumns(env.io);

  sub('request', 'ask for an exception (an approver other than you must approve it)')
    .requiredOption('--scope <armId>', 'the resource (or resource group, subscription) it covers')
    .requiredOption('--rule <ruleId>', 'the rule id, or * for every rule')
    .requiredOption('--reason <text>', 'why')
    .addOption(new Option('--hours <n>', 'how long it lasts once approved').argParser(hours).makeOptionMandatory())
    .action((options: ApiOptions & { scope: string; rule: string; reason: string; hours: number }) =>
      call('request', async (client) => {
        const e = await client.request({ scope: options.scope, ruleId: options.rule, reason: options.reason, durationHours: options.hours });
        env.io.stderr(`requested exception ${e.id} (pending): an approver other than you must approve it\n`);
        env.io.stdout(`${renderOne(e, options.format, width)}\n`);
      })(options),
    );
  sub('approve', 'approve a pending request (Approver; not your own)')
    .argument('<id>', 'the exception id')
    .option('--comment <text>', 'a comment kept with the approval')
    .action((id: string, options: ApiOptions & { comment?: string }) =>
      call('approve', async (client) => {
        const e = await client.approve(id, options.comment);
        env.io.stderr(`approved ${e.id} until ${e.expiresAt}\n`);
        env.io.stdout(`${renderOne(e, options.format, width)}\n`);
      })(options),
    );
  for (const name of ['reject', 'revoke'] as const) {
    sub(name, name === 'reject' ? 'reject a pending request' : 'end an approved exception now')
      .argument('<id>', 'the exception id')
      .requiredOption('--reason <text>', 'why')
      .action((id: string, options: ApiOptions & { reason: string }) =>
        call(name, async (client) => {
          const e = name === 'reject' ? await client.reject(id, options.reason) : await client.revoke(id, options.reason);
          env.io.stderr(`${e.id} is now ${e.status}\n`);
          env.io.stdout(`${renderOne(e, options.format, width)}\n`);
        })(options),
      );
  }
  sub('list', 'list exceptions')
    .addOption(new Option('--status <status>', 'only this status').choices(STATUSES))
    .option('--scope <armId>', 'only this scope')
    .action((options: ApiOptions & { status?: string; scope?: string }) =>
      call('list', async (client) => {
        const filter = { ...(options.status ? { status: options.status } : {}), ...(options.scope ? { scope: options.scope } : {}) };
        env.io.stdout(`${renderList(await client.list(filter), options.format, width)}\n`);
      })(options),
    );
  sub('show', 'show one exception')
    .argument('<id>', 'the exception id')
    .action((id: string, options: ApiOptions) =>
      call('show', async (client) => {
        env.io.stdout(`${renderOne(await client.show(id), options.format, width)}\n`);
      })(options),
    );
  const reconcile = group
    .command('reconcile')
    .summary('expire due exceptions and re-evaluate what they covered (the expiry timer, once)');
  addSandboxOptions(reconcile)
    .addOption(remediateOption('fix what the re-evaluation finds'))
    .addOption(formatOption(['table', 'json']))
    .action(async (options: SandboxFlags & { remediate?: boolean; format: OutputFormat }) => env.exit(await reconcileCommand(options, env)));
}

async function callApi(name: string, options: ApiOptions, io: CliIo, work: (client: AmlGuardApiClient, width: number) => Promise<void>): Promise<number> {
  const client = new AmlGuardApiClient(apiUrl(options, io), tokenSource(options, io));
  try {
    await work(client, terminalColumns(io));
    return 0;
  } catch (error) {
    if (!(error instanceof ApiCallError)) throw error;
    const field = error.body.field ? ` (field: ${error.body.field})` : '';
    const current = error.body.currentStatus ? ` (current status: ${error.body.currentStatus})` : '';
    io.stderr(`aml-guard exceptions ${name}: ${error.message}${field}${current}\n`);
    return error.status >= 400 && error.status < 500 ? 2 : 1;
  }
}

/**
 * The bearer token: --token, else AMLGUARD_TOKEN, else one from @azure/identity
 * (DefaultAzureCredential: az login, managed identity...) for `${AMLGUARD_AUTH_AUDIENCE}/.default`.
 */
function tokenSource(options: ApiOptions, io: CliIo): string | (() => Promise<string>) {
  const given = options.token ?? io.env.AMLGUARD_TOKEN;
  if (given) return given.trim();
  const audience = io.env.AMLGUARD_AUTH_AUDIENCE?.split(',')[0]?.trim();
  if (!audience) {
    throw new UsageError('no token: pass --token TOKEN, set AMLGUARD_TOKEN, or set AMLGUARD_AUTH_AUDIENCE (the API app id) to get one from az login / managed identity');
  }
  return async () => {
    let t;
    try {
      t = await new DefaultAzureCredential().getToken(`${audience.replace(/\/+$/, '')}/.default`);
    } catch (error) {
      throw new CredentialError(error, 'or pass --token TOKEN / set AMLGUARD_TOKEN.');
    }
    if (!t) throw new Error(`no token for ${audience}: sign in with az login`);
    return t.token;
  };
}

function apiUrl(options: ApiOptions, io: CliIo): string {
  const url = options.api ?? io.env.AMLGUARD_API_URL ?? `http://127.0.0.1:${DEFAULT_API_PORT}`;
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--api: ${JSON.stringify(url)} is not a URL`);
  }
  return url;
}

function hours(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value) || !Number.isFinite(n)) throw new InvalidArgumentError('not a number of hours.');
  return n;
}

const FIELDS: readonly (keyof ApiException)[] = [
  'id', 'status', 'ruleId', 'scope', 'reason', 'durationHours', 'requestedBy', 'requestedByName', 'createdAt',
  'approvedBy', 'approvedByName', 'approvedAt', 'expiresAt', 'decidedBy', 'decidedAt', 'decisionReason',
];

function renderOne(e: ApiException, f: 'table' | 'json', width: number): string {
  if (f === 'json') return JSON.stringify(e, null, 2);
  const rows = FIELDS.filter((k) => e[k] !== undefined).map((k) => [k, String(e[k])]);
  return textTable(['FIELD', 'VALUE'], rows, { width });
}

function renderList(list: readonly ApiException[], f: 'table' | 'json', width: number): string {
  if (f === 'json') return JSON.stringify({ exceptions: list }, null, 2);
  if (!list.length) return 'No exceptions.';
  return textTable(
    ['ID', 'STATUS', 'RULE', 'SCOPE', 'REQUESTED BY', 'EXPIRES', 'REASON'],
    list.map((e) => [e.id, e.status, e.ruleId, shortId(e.scope), e.requestedByName ?? e.requestedBy, e.expiresAt ?? '', e.reason]),
    { width },
  );
}

/** Runs the expiry timer's job once, against the configured store (or a sandbox run's own). */
async function reconcileCommand(options: SandboxFlags & { remediate?: boolean; format: OutputFormat }, env: CommandEnv): Promise<number> {
  const { io } = env;
  const sandbox = await chooseSandbox(options);
  const runtime = await openRuntime(io, { sandbox, remediate: options.remediate === true });
  try {
    const r = await reconcileExceptions(runtime.ctx, { progress: (m) => io.stderr(`${m}\n`) });
    io.stderr(`${r.ended.length} exception(s) ended, ${r.expiredRequests.length} stale request(s) expired, ${r.reevaluated.length} resource(s) re-evaluated\n`);
    for (const e of r.errors) io.stderr(`warning: ${e.resourceId ?? ''} ${e.error}\n`);
    await printRun(io, { findings: latestFindings(r.findings), actions: r.actions }, options);
    return r.actions.some((a) => a.outcome === 'failed') ? 1 : 0;
  } finally {
    await runtime.close();
  }
}
