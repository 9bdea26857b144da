import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { latestFindings, sweep, WriteBudget, type RunResult } from '../../engine';
import { API_VERSIONS } from '../../azure/api-versions';
import { parseArmId, type GuardException } from '../../model';
import { loadEstateFile, USER_PRINCIPAL } from '../../sandbox';
import { queueClient } from '../../store';
import { parseCommandArgs, single } from '../args';
import type { CliIo } from '../io';
import { LocalEventQueue } from '../local-queue';
import { packageRoot } from '../package-root';
import { renderRun, shortId } from '../render-run';
import { openRuntime, type Runtime } from '../runtime';

export const demoUsage = 'aml-guard demo [--estate ESTATE.json]';

export const DEMO_ESTATE = path.join(packageRoot(), 'examples', 'demo-estate.json');

/**
 * The main job on embedded defaults, no Azure account: a sandbox ARM seeded with a small
 * estate, Azurite, a sweep that fixes what it may, then a data scientist re-opening a
 * workspace and the event-driven fix that follows.
 */
export async function demoCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, { estate: { type: 'string' } }, demoUsage);
  const estateFile = single(args, 'estate') ?? DEMO_ESTATE;
  const say = (s = '') => io.stdout(`${s}\n`);
  const estate = await loadEstateFile(estateFile);
  const runtime = await openRuntime({ ...io, env: { ...io.env, AMLGUARD_LRO_POLL_MS: io.env.AMLGUARD_LRO_POLL_MS ?? '50' } }, { sandbox: estateFile });
  const { ctx, sandbox } = runtime;
  try {
    if (!sandbox) throw new Error('demo needs the sandbox');
    say('AML Guard demo: a local ARM sandbox (HTTPS, official SDK clients), Azurite for Table/Queue Storage.');
    say(`Estate: ${estate.length} resources from ${path.relative(process.cwd(), estateFile) || estateFile}`);
    say('');

    // 1. An approver has granted ws-partner a time-boxed exception.
    const partner = estate.find((r) => r.name === 'ws-partner');
    if (partner) {
      const now = ctx.clock();
      const exception: GuardException = {
        id: randomUUID(),
        subscriptionId: parseArmId(partner.id).subscriptionId.toLowerCase(),
        scope: partner.id,
        ruleId: 'AML-WS-001',
        status: 'approved',
        reason: 'Partner data-sharing pilot needs public access until the private link is approved',
        durationHours: 72,
        requestedBy: USER_PRINCIPAL.oid,
        requestedByName: USER_PRINCIPAL.name,
        createdAt: now.toISOString(),
        approvedBy: 'approver-oid',
        approvedByName: 'security-approver@contoso.example',
        approvedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 72 * 3600_000).toISOString(),
      };
      await ctx.store.exceptions.create(exception);
      say(`1. Approved exception ${exception.id.slice(0, 8)}… for ${shortId(partner.id)} (AML-WS-001, 72 h): "${exception.reason}"`);
    }

    // 2. The sweep: evaluate everything, remediate what mode and exceptions allow.
    say('2. Sweep (the periodic re-evaluation) with remediation on:');
    sandbox.clearRequests();
    const swept = await sweep(ctx, { subscriptions: runtime.subscriptions, budget: new WriteBudget(ctx.config.maxWritesPerRun) });
    say(indent(renderRun({ findings: latestFindings(swept.findings), actions: swept.actions }, 'table')));
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
      say(indent(renderRun({ findings, actions }, 'table')));
      say(`   ARM traffic: ${sandbox.requests.length} requests, ${writes(sandbox)} write(s) — the echo event caused a re-read and no second write`);
    }
    say('');

    // 4. What the audit trail says.
    const audit = await ctx.store.audit.list({});
    say(`4. Audit trail (${audit.length} entries, newest first):`);
    for (const a of audit.slice(0, 10)) {
      say(`   ${a.at}  ${a.outcome.padEnd(18)} ${(a.ruleId ?? '').padEnd(11)} ${shortId(a.resourceId ?? '')}  ${a.before !== undefined ? `${JSON.stringify(a.before)} -> ${JSON.stringify(a.after)}` : (a.exceptionId ? `exception ${a.exceptionId.slice(0, 8)}…` : '')}`);
    }
    say('');
    const open = await ctx.store.findings.list({});
    const count = (s: string) => open.filter((f) => f.status === s).length;
    say(`Summary: ${count('open')} open, ${count('excepted')} excepted, ${count('resolved')} resolved finding(s) in the findings table.`);
    say('Next: `aml-guard scan --sandbox examples/demo-estate.json --remediate --format json`, `aml-guard --help`.');
    return 0;
  } finally {
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
  return text.split('\n').map((l) => `   ${l}`).join('\n');
}

/** Lets the sandbox's event callbacks and the queue's async sends run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}
