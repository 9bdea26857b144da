import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import * as path from 'node:path';
import { latestFindings, sweep, WriteBudget, type RunResult } from '../../engine';
import { API_VERSIONS } from '../../resources/api-versions';
import { computeKpis } from '../../engine/kpis';
import { parseArmId } from '../../model';
import { loadEstateFile, USER_PRINCIPAL } from '../../sandbox';
import { queueClient } from '../../store';
import type { Command } from 'commander';
import { terminalColumns, type CommandEnv } from '../io';
import { stdoutColours } from '../colours';
import { AmlGuardApiClient, ApiCallError } from '../api-client';
import { renderKpis } from './report';
import { startLocalApi } from '../local-api';
import { LocalEventQueue } from '../local-queue';
import { packageRoot } from '../../package-root';
import { renderRun, shortId, type TableLook } from '../render-run';
import { chooseSandbox } from '../sandbox-choice';
import { textTable, wrap } from '../table';
import { openRuntime, type Runtime } from '../runtime';

/** Audit entries the demo prints (the count says how many there are). */
const AUDIT_LINES = 12;

export const DEMO_ESTATE = path.join(packageRoot(), 'examples', 'demo-estate.json');

export function registerDemo(parent: Command, env: CommandEnv): void {
  parent
    .command('demo')
    .summary('run the main job on embedded defaults (sandbox ARM + Azurite), no Azure account')
    .description('The main job on embedded defaults, no Azure account: a sandbox ARM seeded with a small estate (it writes only to that in-memory sandbox), Azurite, the exception workflow over the HTTP API, a sweep that fixes what it may, then a data scientist re-opening a workspace and the event-driven fix that follows.')
    .option('--estate <estate.json>', 'the estate to seed the sandbox with', DEMO_ESTATE)
    .action(async (options: { estate: string }) => env.exit(await runDemo(options.estate, env)));
}

async function runDemo(estateFile: string, env: CommandEnv): Promise<number> {
  const io = env.io;
  const width = terminalColumns(io);
  // Prose wraps at the terminal's width, continuing under its first word; tables already fit.
  const say = (s = '') => io.stdout(`${s.split('\n').flatMap((line) => fitLine(line, width)).join('\n')}\n`);
  const look: TableLook = { width: terminalColumns(io) - 3, colours: stdoutColours(io) };
  const sandboxChoice = await chooseSandbox({ sandbox: estateFile });
  const estate = sandboxChoice.kind === 'own' ? sandboxChoice.estate : await loadEstateFile(estateFile);
  const runtime = await openRuntime({ ...io, env: { ...io.env, AMLGUARD_LRO_POLL_MS: io.env.AMLGUARD_LRO_POLL_MS ?? '50' } }, { sandbox: sandboxChoice, remediate: true });
  const { ctx, sandbox } = runtime;
  const closers: (() => Promise<void>)[] = [];
  try {
    if (!sandbox) throw new Error('demo needs the sandbox');
    say('AML Guard demo: a local ARM sandbox (HTTPS, official SDK clients), Azurite for Table/Queue Storage.');
    say(`Estate: ${estate.length} resources from ${path.relative(process.cwd(), estateFile) || estateFile}`);
    say('');

    // 1. The exception workflow, over the real HTTP API with local-issuer tokens.
    const api = await startLocalApi(ctx);
    closers.push(() => api.close());
    const partner = estate.find((r) => r.name === 'ws-partner');
    if (partner) {
      say(`1. Exceptions: the HTTP API on ${api.url} with a local token issuer (Entra ID in production).`);
      // dana holds both roles, so the refusal below is separation of duties, not a missing role.
      const dana = new AmlGuardApiClient(api.url, await api.tokenFor('dana', ['Requester', 'Approver']));
      const request = await dana.request({
        scope: partner.id,
        ruleId: 'AML-WS-001',
        reason: 'Partner data-sharing pilot needs public access until the private link is approved',
        durationHours: 72,
      });
      say(`   dana (Requester, Approver) requests ${request.id.slice(0, 8)}… for ${shortId(partner.id)} (AML-WS-001, 72 h): ${request.status}`);
      const danaApproves = await dana.approve(request.id).then(
        () => 'approved (unexpected)',
        (error: unknown) => (error instanceof ApiCallError ? `HTTP ${error.status} ${error.body.code}: ${error.body.message}` : String(error)),
      );
      say(`   dana tries to approve her own request (separation of duties) -> ${danaApproves}`);
      const sam = new AmlGuardApiClient(api.url, await api.tokenFor('sam', ['Approver']));
      const approved = await sam.approve(request.id, 'pilot signed off by the data owner');
      say(`   sam (Approver) approves -> ${approved.status}, expires ${approved.expiresAt}`);
    }
    say('');

    // 2. The sweep: evaluate everything, remediate what mode and exceptions allow.
    say('2. Sweep (the periodic re-evaluation), remediating what mode, exceptions and the write cap allow:');
    sandbox.clearRequests();
    const swept = await sweep(ctx, { subscriptions: runtime.subscriptions, budget: new WriteBudget(ctx.config.maxWritesPerRun) });
    say(indent(renderRun({ findings: latestFindings(swept.findings), actions: swept.actions }, 'table', look)));
    say(`   ARM traffic: ${sandbox.requests.length} requests, ${writes(sandbox)} write(s)`);
    say('');

    // 3. A data scientist turns public access back on; Event Grid -> queue -> handler fixes it.
    const queue = new LocalEventQueue(await demoQueue(runtime));
    const stopForwarding = sandbox.onEvent((event) => void queue.enqueue([event]));
    const research = estate.find((r) => r.name === 'ws-research');
    if (research) {
      const p = parseArmId(research.id);
      const userClient = new AzureMachineLearningWorkspaces(sandbox.credential(USER_PRINCIPAL), p.subscriptionId, {
        endpoint: sandbox.endpoint,
        apiVersion: API_VERSIONS.machineLearning,
        tlsOptions: { ca: sandbox.ca },
      });
      say(`3. ${USER_PRINCIPAL.name} re-enables public network access on ${shortId(research.id)} ...`);
      await userClient.workspaces.beginUpdateAndWait(p.resourceGroup!, p.names[0]!, { publicNetworkAccess: 'Enabled' }, { updateIntervalInMs: 50 });
      await settle();
      sandbox.clearRequests();
      const reacted: RunResult[] = [];
      let rounds = 0;
      // Our own fix emits an echo event: drain until the queue stays empty.
      for (;;) {
        const r = await queue.drain(ctx, (m) => reacted.push(m));
        await settle();
        if (r.findings.length === 0 && r.actions.length === 0 && r.ignored.length === 0 && ++rounds > 1) break;
        if (rounds > 5) break;
      }
      stopForwarding();
      const actions = reacted.flatMap((r) => r.actions);
      const findings = latestFindings(reacted.flatMap((r) => r.findings));
      say(`   ${reacted.length} event message(s) handled (the user's change, then the echo of our own fix):`);
      say(indent(renderRun({ findings, actions }, 'table', look)));
      say(`   ARM traffic: ${sandbox.requests.length} requests, ${writes(sandbox)} write(s) — the echo event caused a re-read and no second write`);
    }
    say('');

    // 4. What the audit trail says.
    const audit = await ctx.store.audit.list({});
    const shown = audit.slice(0, AUDIT_LINES);
    say(`4. Audit trail: ${audit.length} entries${audit.length > shown.length ? `, the newest ${shown.length}` : ''} (newest first):`);
    const auditRows = shown.map((a) => [
      a.at,
      a.outcome,
      a.ruleId ?? '',
      shortId(a.resourceId ?? ''),
      a.before !== undefined ? `${JSON.stringify(a.before)} -> ${JSON.stringify(a.after)}` : a.exceptionId ? `exception ${a.exceptionId.slice(0, 8)}…` : '',
    ]);
    say(indent(textTable(['TIME', 'OUTCOME', 'RULE', 'RESOURCE', 'CHANGE'], auditRows, { width: look.width })));
    say('');
    say('5. Governance KPIs (aml-guard report, GET /api/kpis):');
    say(indent(renderKpis(await computeKpis(ctx.store, { now: ctx.clock() }), 'table', look.width)));
    say('');
    const all = await ctx.store.findings.list({});
    const count = (s: string) => all.filter((f) => f.status === s).length;
    say(`Summary: ${count('open')} open (audit-mode rules report, they do not write), ${count('excepted')} excepted, ${count('resolved')} resolved finding(s).`);
    say('Next: `npx aml-guard scan --sandbox examples/demo-estate.json` (the plan), add `--remediate` to fix, `npx aml-guard --help`.');
    return 0;
  } finally {
    for (const close of closers.reverse()) await close();
    await runtime.close();
  }
}

async function demoQueue(runtime: Runtime) {
  const queue = queueClient(runtime.storage, 'aml-guard-events');
  await queue.createIfNotExists();
  return queue;
}

function writes(sandbox: { requests: readonly { method: string }[] }): number {
  return sandbox.requests.filter((r) => r.method !== 'GET').length;
}

function indent(text: string): string {
  return text.split('\n').map((l) => (l ? `   ${l}` : l)).join('\n');
}

/** Lets the sandbox's event callbacks and the queue's async sends run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}

function fitLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const lead = /^\s*(\d+\.\s+)?/.exec(line)![0].length;
  const pad = ' '.repeat(Math.min(lead, 8));
  return wrap(line.slice(lead), width - pad.length).map((l, i) => (i === 0 ? `${line.slice(0, lead)}${l}` : `${pad}${l}`));
}
