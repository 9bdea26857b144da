import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { eventGridPublisher } from '../../src/azure/notification-publisher';
import { createGuardContext, evaluateResource, handleQueueMessage, sweep, WriteBudget, type GuardContext } from '../../src/engine';
import { computeKpis } from '../../src/engine/kpis';
import { guardConfigSchema, notificationDataSchema, parseArmId, type ArmResource, type AuditEntry, type GuardConfig, type Rule } from '../../src/model';
import { API_VERSIONS } from '../../src/resources/api-versions';
import { amlNet002 } from '../../src/rules/aml-net-002';
import { amlWs001 } from '../../src/rules/aml-ws-001';
import { isWriteRequest, SANDBOX_TENANT_ID, startSandbox, USER_PRINCIPAL, type EventGridEvent, type Sandbox } from '../../src/sandbox';
import { resourceEvent } from '../../src/sandbox/events';
import { openStore, type GuardStore } from '../../src/store';
import { StorageOutage } from '../support/failing-storage';
import { workspace } from '../support/harness';
import { testConnection, uniqueTablePrefix } from '../support/store';

/**
 * A write whose outcome could not be recorded is not lost: Table Storage goes away right after
 * ARM served AML Guard's PATCH (a real connection failure), the invocation throws, and the queue
 * redelivers the event to a fresh instance with healthy storage once the lease has lapsed. The
 * retry finds the workspace compliant and records what the first delivery could not: the
 * reconciled `applied` outcome, the resolved finding, the `Applied` notification — once.
 */
const SUB = '5c4b3a29-1807-4f6e-9d5c-4b3a29180716';
const WS = { ...workspace(SUB, 'rg-lost', 'ws-lost', { publicNetworkAccess: 'Enabled' }), tags: { owner: 'team-lost@contoso.com' } };
const CONFIG = guardConfigSchema.parse({});
const FIRST = new Date('2026-03-02T01:00:00Z');
/** The redelivery comes after the first delivery's lease lapsed (it could not be given up: storage was gone). */
const RETRY = new Date(FIRST.getTime() + (CONFIG.leaseSeconds + 60) * 1000);
const CORRELATION = 'c0ffee00-0000-4000-8000-00000000aaaa';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

interface SceneOptions {
  readonly estate: readonly ArmResource[];
  readonly rules: readonly Rule[];
  /** The resource the event is about. */
  readonly subject: string;
  /** The resource AML Guard writes (default: the subject). */
  readonly written?: string;
  readonly config?: GuardConfig;
}

interface Scene {
  readonly sandbox: Sandbox;
  readonly healthy: GuardStore;
  readonly prefix: string;
  /** The user's write the scene is about. */
  readonly event: EventGridEvent;
  context(store: GuardStore, at: Date): GuardContext;
  /** The first delivery, with Table Storage gone from the `failFrom`th request after ARM served a write (for `times` requests). */
  deliverFailing(failFrom: number, times?: number): Promise<unknown>;
  redeliver(dequeueCount: number, at?: Date): ReturnType<typeof handleQueueMessage>;
  audit(): Promise<AuditEntry[]>;
  patches(): number;
  applied(): ReturnType<typeof notificationDataSchema.parse>[];
}

async function scene(options: SceneOptions = { estate: [WS], rules: [amlWs001], subject: WS.id }): Promise<Scene> {
  const { subject, rules } = options;
  const written = options.written ?? subject;
  const config = options.config ?? CONFIG;
  const s = await startSandbox({ estate: options.estate });
  sandbox = s;
  const prefix = uniqueTablePrefix();
  const healthy = await openStore(testConnection(), { tablePrefix: prefix });
  const event: EventGridEvent = resourceEvent('write', subject, parseArmId(subject).subscriptionId, {
    method: 'PUT',
    url: `https://management.azure.com${subject}`,
    armAction: `${parseArmId(subject).provider ?? 'Microsoft.Resources'}/write`,
    claims: { oid: USER_PRINCIPAL.oid, appid: USER_PRINCIPAL.appId, name: USER_PRINCIPAL.name, tid: SANDBOX_TENANT_ID, exp: 4_000_000_000 },
    correlationId: CORRELATION,
    clientRequestId: 'c0ffee00-0000-4000-8000-00000000bbbb',
    clientIpAddress: '10.0.0.1',
  });
  // Each instance's clock starts at `at` and runs, so the audit's order is the order things happened.
  const context = (store: GuardStore, at: Date) => {
    const started = Date.now();
    return createGuardContext({
      arm: { endpoint: s.endpoint, credential: s.credential(), ca: s.ca, pollIntervalMs: 5 },
      store,
      config,
      rules,
      clock: () => new Date(at.getTime() + Date.now() - started),
      notifications: eventGridPublisher({ endpoint: s.topicEndpoint(), credential: s.credential(), ca: s.ca, maxRetries: 0 }),
    });
  };
  return {
    sandbox: s,
    healthy,
    prefix,
    event,
    context,
    async deliverFailing(failFrom, times) {
      const outage = new StorageOutage(failFrom, () => s.requests.some(isWriteRequest), times);
      const failing = await openStore(testConnection(), { tablePrefix: prefix, policies: [outage.policy], retryOptions: { maxRetries: 0 } });
      outage.arm();
      return handleQueueMessage(context(failing, FIRST), [event], { source: 'test', dequeueCount: 1, maxDequeueCount: 5 }).then(
        () => 'returned',
        (error: unknown) => error,
      );
    },
    // A fresh instance: its own context on healthy storage.
    redeliver: (dequeueCount, at = RETRY) => handleQueueMessage(context(healthy, at), [event], { source: 'test', dequeueCount, maxDequeueCount: 5 }),
    audit: async () => (await healthy.audit.list({ category: 'remediation', resourceId: written, since: '2026-01-01T00:00:00Z', until: '2026-12-31T00:00:00Z' })).sort((a, b) => a.at.localeCompare(b.at)),
    patches: () => s.requests.filter((r) => isWriteRequest(r) && r.path === written && r.status < 400).length,
    applied: () => s.published.filter((e) => e.type === 'AmlGuard.Remediation.Applied').map((e) => notificationDataSchema.parse(e.data)),
  };
}

const outcomes = (entries: readonly AuditEntry[]) => entries.map((e) => `${e.outcome}${e.summary?.startsWith('reconciled:') ? ' (reconciled)' : ''}`);

describe('a write whose outcome could not be recorded', () => {
  it('storage gone right after the PATCH: the redelivery records the reconciled `applied`, resolves the finding and notifies once', async () => {
    const sc = await scene();
    expect(await sc.deliverFailing(1), 'the invocation fails, so the queue redelivers').toBeInstanceOf(Error);
    expect(sc.patches()).toBe(1);
    expect(outcomes(await sc.audit()), 'only the intent was recorded').toEqual(['attempting']);
    expect(await sc.healthy.findings.get(WS.id, amlWs001.id)).toBeUndefined();
    expect(sc.applied()).toEqual([]);

    const retry = await sc.redeliver(2);
    expect(sc.patches(), 'the retry writes nothing: the workspace is compliant').toBe(1);
    const audit = await sc.audit();
    expect(outcomes(audit)).toEqual(['attempting', 'applied (reconciled)']);
    expect(audit[1]).toMatchObject({ correlationId: CORRELATION, action: 'set-property' });
    expect(audit[1]!.at >= RETRY.toISOString()).toBe(true);
    expect(audit[1]!.summary).toContain(`intended by ${CORRELATION} at ${audit[0]!.at}`);
    expect(retry.actions.map((a) => `${a.ruleId} ${a.outcome}`)).toEqual([`${amlWs001.id} applied`]);
    // As the first delivery would have stored it: seen at the intent, resolved when the outcome was recorded.
    expect(await sc.healthy.findings.get(WS.id, amlWs001.id)).toMatchObject({ status: 'resolved', firstSeen: audit[0]!.at, resolvedAt: audit[1]!.at });
    const applied = sc.applied();
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ ruleId: amlWs001.id, resourceId: WS.id, owner: 'team-lost@contoso.com', finding: { status: 'resolved' }, action: { outcome: 'applied', correlationId: CORRELATION } });
    expect((await computeKpis(sc.healthy, { now: new Date(RETRY.getTime() + 60_000) })).remediationsByOutcome).toEqual({ applied: 1 });

    // Once recorded, never again: a later redelivery is a duplicate, and an evaluation as a retry finds nothing lost.
    expect((await sc.redeliver(3)).ignored).toEqual([expect.objectContaining({ reason: expect.stringContaining('duplicate') })]);
    // (another instance whose clock is a little behind the one that reconciled)
    await evaluateResource(sc.context(sc.healthy, RETRY), WS.id, { budget: new WriteBudget(5), retry: true });
    expect(outcomes(await sc.audit())).toEqual(['attempting', 'applied (reconciled)']);
    expect(sc.applied()).toHaveLength(1);
  });

  it('storage gone after the outcome was recorded: the redelivery stores the finding and sends the notification, the audit gets nothing more', async () => {
    const sc = await scene();
    expect(await sc.deliverFailing(2)).toBeInstanceOf(Error);
    expect(outcomes(await sc.audit())).toEqual(['attempting', 'applied']);
    expect(await sc.healthy.findings.get(WS.id, amlWs001.id)).toBeUndefined();
    expect(sc.applied()).toEqual([]);

    await sc.redeliver(2);
    expect(sc.patches()).toBe(1);
    expect(outcomes(await sc.audit())).toEqual(['attempting', 'applied']);
    expect(await sc.healthy.findings.get(WS.id, amlWs001.id)).toMatchObject({ status: 'resolved' });
    expect(sc.applied()).toHaveLength(1);
    expect(sc.applied()[0]).toMatchObject({ resourceId: WS.id, action: { outcome: 'applied', correlationId: CORRELATION, before: 'Enabled', after: 'Disabled' } });
    expect((await computeKpis(sc.healthy, { now: new Date(RETRY.getTime() + 60_000) })).remediationsByOutcome).toEqual({ applied: 1 });
  });

  it('a dangling intent whose write was undone before the retry: recorded as not applied (reconciled), then written again, one notification', async () => {
    const sc = await scene();
    expect(await sc.deliverFailing(1)).toBeInstanceOf(Error);
    const [rg, name] = [parseArmId(WS.id).resourceGroup ?? '', WS.name];
    const user = new AzureMachineLearningWorkspaces(sc.sandbox.credential(USER_PRINCIPAL), SUB, { endpoint: sc.sandbox.endpoint, apiVersion: API_VERSIONS.machineLearning, tlsOptions: { ca: sc.sandbox.ca } });
    await user.workspaces.beginUpdateAndWait(rg, name, { publicNetworkAccess: 'Enabled' }, { updateIntervalInMs: 5 });
    expect(sc.patches(), 'AML Guard, then the user').toBe(2);

    const retry = await sc.redeliver(2);
    expect(sc.patches(), 'one new write').toBe(3);
    const audit = await sc.audit();
    expect(outcomes(audit)).toEqual(['attempting', 'failed (reconciled)', 'attempting', 'applied']);
    expect(audit[1]).toMatchObject({ correlationId: CORRELATION, error: expect.stringContaining('not applied') });
    expect(retry.actions.map((a) => a.outcome)).toEqual(['applied']);
    expect(await sc.healthy.findings.get(WS.id, amlWs001.id)).toMatchObject({ status: 'resolved' });
    expect(sc.applied()).toHaveLength(1);
  });

  it('an open finding resolved later, without a redelivery (e.g. by the sweep): its dangling intent is reconciled as applied', async () => {
    const sc = await scene();
    // A sweep with no write allowed opens the finding first.
    await sweep(sc.context(sc.healthy, new Date(FIRST.getTime() - 60_000)), { subscriptions: [SUB], budget: new WriteBudget(0) });
    expect(await sc.healthy.findings.get(WS.id, amlWs001.id)).toMatchObject({ status: 'open' });
    expect(await sc.deliverFailing(1)).toBeInstanceOf(Error);

    await evaluateResource(sc.context(sc.healthy, RETRY), WS.id, { budget: new WriteBudget(5) });
    expect(sc.patches()).toBe(1);
    expect(outcomes(await sc.audit())).toEqual(['skipped-cap', 'attempting', 'applied (reconciled)']);
    expect(await sc.healthy.findings.get(WS.id, amlWs001.id)).toMatchObject({ status: 'resolved' });
    expect(sc.applied()).toHaveLength(1);
  });

  it('a transient failure (the lease and the claim given up): the queue\'s dequeue count alone makes the redelivery look', async () => {
    const sc = await scene();
    expect(await sc.deliverFailing(1, 1)).toBeInstanceOf(Error);
    // Redelivered at once: nothing was left behind, only the queue knows it is a redelivery.
    await sc.redeliver(2, new Date(FIRST.getTime() + 5_000));
    expect(sc.patches()).toBe(1);
    expect(outcomes(await sc.audit())).toEqual(['attempting', 'applied (reconciled)']);
    expect(sc.applied()).toHaveLength(1);
  });

  it('a claim left behind by the failed delivery marks a redelivery the queue does not count (a replay, an Event Grid push)', async () => {
    const sc = await scene();
    expect(await sc.deliverFailing(1)).toBeInstanceOf(Error);
    await sc.redeliver(1);
    expect(outcomes(await sc.audit())).toEqual(['attempting', 'applied (reconciled)']);
    expect(await sc.healthy.findings.get(WS.id, amlWs001.id)).toMatchObject({ status: 'resolved' });
    expect(sc.applied()).toHaveLength(1);
  });

  it('a write to another resource than the one judged (NET-002: the public IP judged, its NIC written) is reconciled through the entry\'s subject', async () => {
    const estate = JSON.parse(readFileSync(join(__dirname, '../../examples/exposed-estate.json'), 'utf8')) as ArmResource[];
    const byName = (name: string) => estate.find((r) => r.id.endsWith(`/${name}`))!.id;
    const [pip, nic] = [byName('pip-jumpbox-vision'), byName('nic-jumpbox-vision')];
    const sc = await scene({ estate, rules: [amlNet002], subject: pip, written: nic });
    // A read-only sweep first: the link index (which subnet hosts AML compute) the rule reads.
    await sweep(sc.context(sc.healthy, new Date(FIRST.getTime() - 60_000)), { subscriptions: [], budget: new WriteBudget(0) });
    expect(await sc.deliverFailing(1)).toBeInstanceOf(Error);
    expect(sc.patches()).toBe(1);

    await sc.redeliver(2);
    expect(sc.patches()).toBe(1);
    const audit = await sc.audit();
    expect(outcomes(audit)).toEqual(['skipped-cap', 'attempting', 'applied (reconciled)']);
    expect(audit.map((e) => e.subjectId)).toEqual([pip, pip, pip]);
    expect(await sc.healthy.findings.get(pip, amlNet002.id)).toMatchObject({ status: 'resolved' });
    expect(sc.applied().map((a) => a.resourceId)).toEqual([nic]);
  });

  it('an applied outcome whose finding was lost, found by another evaluation than its redelivery: the finding is stored, nothing announced twice', async () => {
    const sc = await scene();
    await sweep(sc.context(sc.healthy, new Date(FIRST.getTime() - 60_000)), { subscriptions: [SUB], budget: new WriteBudget(0) });
    expect(await sc.deliverFailing(2)).toBeInstanceOf(Error);
    expect(outcomes(await sc.audit())).toEqual(['skipped-cap', 'attempting', 'applied']);

    // Not the event's redelivery (a sweep's re-check, say): whether that write was announced is not known here.
    await evaluateResource(sc.context(sc.healthy, RETRY), WS.id, { budget: new WriteBudget(5), correlationId: 'sweep-later' });
    expect(await sc.healthy.findings.get(WS.id, amlWs001.id)).toMatchObject({ status: 'resolved' });
    expect(outcomes(await sc.audit())).toEqual(['skipped-cap', 'attempting', 'applied']);
    expect(sc.applied()).toEqual([]);
  });

  it('cost: the normal paths never read the audit; a redelivery reads it once per month partition of its window, and writes nothing when nothing was lost', async () => {
    const sc = await scene();
    let auditReads = 0;
    const counting = await openStore(testConnection(), {
      tablePrefix: sc.prefix,
      policies: [{ name: 'countAuditReads', sendRequest: (request, next) => ((auditReads += request.method === 'GET' && request.url.includes(`/${sc.prefix}audit`) ? 1 : 0), next(request)) }],
    });
    const ctx = sc.context(counting, FIRST);
    const fixed = await handleQueueMessage(ctx, [sc.event], { source: 'test', dequeueCount: 1 });
    expect(fixed.actions.map((a) => a.outcome)).toEqual(['applied']);
    await evaluateResource(ctx, WS.id, { budget: new WriteBudget(5) });
    expect(auditReads, 'a fix, then a compliant evaluation').toBe(0);

    const before = counting.stats().writes;
    await evaluateResource(ctx, WS.id, { budget: new WriteBudget(5), retry: true });
    // The 7-day window from 2 March spans February and March: one query per month partition.
    expect(auditReads).toBe(2);
    expect(counting.stats().writes - before, 'the inventory row only').toBeLessThanOrEqual(1);
    expect(outcomes(await sc.audit())).toEqual(['attempting', 'applied']);
  });
});
