import { DefaultAzureCredential } from '@azure/identity';
import { reconcileExceptions } from '../../engine/expiry';
import { latestFindings } from '../../engine/run-result';
import { AmlGuardApiClient, ApiCallError, type ApiException } from '../api-client';
import { parseCommandArgs, single, type ParsedArgs } from '../args';
import { textTable } from '../format';
import type { CliIo } from '../io';
import { DEFAULT_API_PORT } from '../local-api';
import { renderRun, shortId } from '../render-run';
import { openRuntime } from '../runtime';
import { UsageError } from '../usage-error';

export const exceptionsUsage = [
  'aml-guard exceptions request --scope ARM_ID --rule RULE_ID|* --reason TEXT --hours N  [--api URL] [--token T] [--format table|json]',
  '  aml-guard exceptions approve ID [--comment TEXT] | reject ID --reason TEXT | revoke ID --reason TEXT',
  '  aml-guard exceptions list [--status pending|approved|rejected|revoked|expired] [--scope ARM_ID] | show ID',
  '  aml-guard exceptions reconcile [--sandbox ESTATE.json] [--format table|json]   (expire due exceptions, re-evaluate what they covered)',
].join('\n');

const COMMON = {
  api: { type: 'string' },
  token: { type: 'string' },
  format: { type: 'string' },
} as const;

const SUBCOMMANDS = {
  request: { scope: { type: 'string' }, rule: { type: 'string' }, reason: { type: 'string' }, hours: { type: 'string' } },
  approve: { comment: { type: 'string' } },
  reject: { reason: { type: 'string' } },
  revoke: { reason: { type: 'string' } },
  list: { status: { type: 'string' }, scope: { type: 'string' } },
  show: {},
} as const;

type Sub = keyof typeof SUBCOMMANDS;

function required(args: ParsedArgs, name: string): string {
  const v = single(args, name);
  if (v === undefined || v.trim() === '') throw new UsageError(`--${name} is required\nusage: ${exceptionsUsage}`);
  return v;
}

function onePositional(args: ParsedArgs, sub: string): string {
  if (args.positionals.length !== 1) throw new UsageError(`exceptions ${sub} takes one exception id\nusage: ${exceptionsUsage}`);
  return args.positionals[0]!;
}

function format(args: ParsedArgs): 'table' | 'json' {
  const f = single(args, 'format') ?? 'table';
  if (f !== 'table' && f !== 'json') throw new UsageError(`--format: expected table or json, got ${JSON.stringify(f)}`);
  return f;
}

/**
 * The bearer token: --token, else AMLGUARD_TOKEN, else one from @azure/identity
 * (DefaultAzureCredential: az login, managed identity...) for `${AMLGUARD_AUTH_AUDIENCE}/.default`.
 */
function tokenSource(args: ParsedArgs, io: CliIo): string | (() => Promise<string>) {
  const given = single(args, 'token') ?? io.env.AMLGUARD_TOKEN;
  if (given) return given.trim();
  const audience = io.env.AMLGUARD_AUTH_AUDIENCE?.split(',')[0]?.trim();
  if (!audience) {
    throw new UsageError('no token: pass --token TOKEN, set AMLGUARD_TOKEN, or set AMLGUARD_AUTH_AUDIENCE (the API app id) to get one from az login / managed identity');
  }
  return async () => {
    const t = await new DefaultAzureCredential().getToken(`${audience.replace(/\/+$/, '')}/.default`);
    if (!t) throw new Error(`no token for ${audience}: sign in with az login`);
    return t.token;
  };
}

function apiUrl(args: ParsedArgs, io: CliIo): string {
  const url = single(args, 'api') ?? io.env.AMLGUARD_API_URL ?? `http://127.0.0.1:${DEFAULT_API_PORT}`;
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--api: ${JSON.stringify(url)} is not a URL`);
  }
  return url;
}

function hours(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value) || !Number.isFinite(n)) throw new UsageError(`--hours: ${JSON.stringify(value)} is not a number of hours`);
  return n;
}

const FIELDS: readonly (keyof ApiException)[] = [
  'id', 'status', 'ruleId', 'scope', 'reason', 'durationHours', 'requestedBy', 'requestedByName', 'createdAt',
  'approvedBy', 'approvedByName', 'approvedAt', 'expiresAt', 'decidedBy', 'decidedAt', 'decisionReason',
];

function renderOne(e: ApiException, f: 'table' | 'json'): string {
  if (f === 'json') return JSON.stringify(e, null, 2);
  const rows = FIELDS.filter((k) => e[k] !== undefined).map((k) => [k, String(e[k])]);
  return textTable(['FIELD', 'VALUE'], rows, 400);
}

function renderList(list: readonly ApiException[], f: 'table' | 'json'): string {
  if (f === 'json') return JSON.stringify({ exceptions: list }, null, 2);
  if (!list.length) return 'No exceptions.';
  return textTable(
    ['ID', 'STATUS', 'RULE', 'SCOPE', 'REQUESTED BY', 'EXPIRES', 'REASON'],
    list.map((e) => [e.id, e.status, e.ruleId, shortId(e.scope), e.requestedByName ?? e.requestedBy, e.expiresAt ?? '', e.reason]),
    60,
  );
}

/** `aml-guard exceptions ...`: calls the HTTP API. Exit 0 done, 2 refused by the API (4xx) or bad input, 1 server/network failure. */
export async function exceptionsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'reconcile') return reconcileCommand(rest, io);
  if (!sub || !(sub in SUBCOMMANDS)) throw new UsageError(`${sub ? `unknown subcommand ${JSON.stringify(sub)}` : 'a subcommand is required'}\nusage: ${exceptionsUsage}`);
  const name = sub as Sub;
  const args = parseCommandArgs(rest, { ...COMMON, ...SUBCOMMANDS[name] }, exceptionsUsage);
  const f = format(args);
  if (name !== 'approve' && name !== 'reject' && name !== 'revoke' && name !== 'show' && args.positionals.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[0])}\nusage: ${exceptionsUsage}`);
  }
  const client = new AmlGuardApiClient(apiUrl(args, io), tokenSource(args, io));
  try {
    switch (name) {
      case 'request': {
        const body = { scope: required(args, 'scope'), ruleId: required(args, 'rule'), reason: required(args, 'reason'), durationHours: hours(required(args, 'hours')) };
        const e = await client.request(body);
        io.stderr(`requested exception ${e.id} (pending): an approver other than you must approve it\n`);
        io.stdout(`${renderOne(e, f)}\n`);
        return 0;
      }
      case 'approve': {
        const comment = single(args, 'comment');
        const e = await client.approve(onePositional(args, name), comment);
        io.stderr(`approved ${e.id} until ${e.expiresAt}\n`);
        io.stdout(`${renderOne(e, f)}\n`);
        return 0;
      }
      case 'reject':
      case 'revoke': {
        const id = onePositional(args, name);
        const e = name === 'reject' ? await client.reject(id, required(args, 'reason')) : await client.revoke(id, required(args, 'reason'));
        io.stderr(`${e.id} is now ${e.status}\n`);
        io.stdout(`${renderOne(e, f)}\n`);
        return 0;
      }
      case 'list': {
        const filter = { ...(single(args, 'status') ? { status: single(args, 'status')! } : {}), ...(single(args, 'scope') ? { scope: single(args, 'scope')! } : {}) };
        io.stdout(`${renderList(await client.list(filter), f)}\n`);
        return 0;
      }
      case 'show': {
        io.stdout(`${renderOne(await client.show(onePositional(args, name)), f)}\n`);
        return 0;
      }
    }
  } catch (error) {
    if (!(error instanceof ApiCallError)) throw error;
    const field = error.body.field ? ` (field: ${error.body.field})` : '';
    const current = error.body.currentStatus ? ` (current status: ${error.body.currentStatus})` : '';
    io.stderr(`aml-guard exceptions ${name}: ${error.message}${field}${current}\n`);
    return error.status >= 400 && error.status < 500 ? 2 : 1;
  }
}

const reconcileUsage = 'aml-guard exceptions reconcile [--sandbox ESTATE.json] [--format table|json]';

/** Runs the expiry timer's job once, against the configured store (or a sandbox run's own). */
async function reconcileCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, { sandbox: { type: 'string' }, format: { type: 'string' } }, reconcileUsage);
  const f = format(args);
  const runtime = await openRuntime(io, { sandbox: single(args, 'sandbox') });
  try {
    const r = await reconcileExceptions(runtime.ctx, { progress: (m) => io.stderr(`${m}\n`) });
    io.stderr(`${r.ended.length} exception(s) ended, ${r.expiredRequests.length} stale request(s) expired, ${r.reevaluated.length} resource(s) re-evaluated\n`);
    for (const e of r.errors) io.stderr(`warning: ${e.resourceId ?? ''} ${e.error}\n`);
    io.stdout(`${renderRun({ findings: latestFindings(r.findings), actions: r.actions }, f)}\n`);
    return r.actions.some((a) => a.outcome === 'failed') ? 1 : 0;
  } finally {
    await runtime.close();
  }
}
