import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleEventMessage, sweep, WriteBudget, createGuardContext, type RunResult } from '../../src/engine';
import { guardConfigSchema } from '../../src/model';
import { isResourceGraphRequest, isWriteRequest } from '../../src/sandbox';
import type { EventGridEvent } from '../../src/sandbox';
import { amlWs001 } from '../../src/rules/aml-ws-001';
import { rgAndName, startHarness as startAnyHarness, workspace, type Harness, type HarnessOptions } from '../support/harness';

// These tests are about the engine's mechanics, with the one foundation rule.
const startHarness = (estate: Parameters<typeof startAnyHarness>[0], options: HarnessOptions = {}) => startAnyHarness(estate, { rules: [amlWs001], ...options });

const SUB = '5b0a4c7e-1d2f-4a3b-9c8d-7e6f5a4b3c2d';
const SUB2 = '9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f';
const PUBLIC = workspace(SUB, 'rg-ml', 'ws-public', { publicNetworkAccess: 'Enabled' });
const MISSING = workspace(SUB, 'rg-ml', 'ws-missing', {});
const PRIVATE = workspace(SUB, 'rg-ml', 'ws-private', { publicNetworkAccess: 'Disabled' });
const OTHER_SUB = workspace(SUB2, 'RG-Other', 'ws-other', { publicNetworkAccess: 'Enabled' });

let h: Harness;

beforeAll(async () => {
  h = await startHarness([PUBLIC, MISSING, PRIVATE, OTHER_SUB], { pageSize: 2 });
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.clearRequests());

/** Makes the workspace public again as a user would, and returns the event ARM emitted for it. */
async function userEnablesPublicAccess(id: string): Promise<EventGridEvent> {
  const [rg, name] = rgAndName(id);
  const before = h.sandbox.events.length;
  await h.userMl(SUB).workspaces.beginUpdateAndWait(rg, name, { publicNetworkAccess: 'Enabled' }, { updateIntervalInMs: 5 });
  const event = h.sandbox.events.slice(before).find((e) => e.eventType === 'Microsoft.Resources.ResourceWriteSuccess');
  if (!event) throw new Error('sandbox emitted no write event');
  h.sandbox.clearRequests();
  return event;
}

const budget = () => new WriteBudget(25);
const outcomes = (r: RunResult) => r.actions.map((a) => `${a.outcome}:${a.resourceId.split('/').pop()}`).sort();

describe('sweep', () => {
  it('finds every exposed workspace across paged subscriptions and fixes it with one PATCH each', async () => {
    const result = await sweep(h.ctx, { subscriptions: [SUB, SUB2], budget: budget() });
    expect(outcomes(result)).toEqual(['applied:ws-missing', 'applied:ws-other', 'applied:ws-public']);
    const patches = h.writes();
    expect(patches.map((w) => `${w.method} ${w.path.split('/').pop()}`).sort()).toEqual(['PATCH ws-missing', 'PATCH ws-other', 'PATCH ws-public']);
    for (const w of patches) expect(w.body).toEqual({ properties: { publicNetworkAccess: 'Disabled' } });
    expect(h.sandbox.requests.filter((r) => isResourceGraphRequest(r) || /\/Microsoft\.MachineLearningServices\//i.test(r.path)).every((r) => r.apiVersion === (isResourceGraphRequest(r) ? '2024-04-01' : '2025-12-01'))).toBe(true);
    for (const ws of [PUBLIC, MISSING, OTHER_SUB]) expect(h.sandbox.getResource(ws.id)?.properties?.publicNetworkAccess).toBe('Disabled');

    const stored = await h.store.findings.list({});
    expect(stored.map((f) => `${f.status}:${f.resourceId.split('/').pop()}`).sort()).toEqual(['resolved:ws-missing', 'resolved:ws-other', 'resolved:ws-public']);
    const all = await h.store.audit.list({});
    // Every write is preceded by its write-ahead 'attempting' entry.
    expect(all.filter((a) => a.outcome === 'attempting')).toHaveLength(3);
    const audit = all.filter((a) => a.outcome !== 'attempting');
    expect(audit.filter((a) => a.outcome === 'applied')).toHaveLength(3);
    expect(audit.find((a) => a.resourceId === PUBLIC.id)).toMatchObject({ before: 'Enabled', after: 'Disabled', ruleId: 'AML-WS-001', actor: 'aml-guard' });
  });

  it('a second sweep over a compliant estate writes nothing', async () => {
    const result = await sweep(h.ctx, { subscriptions: [SUB, SUB2], budget: budget() });
    expect(result.actions).toEqual([]);
    expect(h.writes()).toEqual([]);
  });
});

describe('event -> fix', () => {
  it('a user re-enabling public access is fixed from the event, and the echo of our fix writes nothing', async () => {
    const event = await userEnablesPublicAccess(PUBLIC.id);
    expect(event.data.operationName).toBe('Microsoft.MachineLearningServices/workspaces/write');
    const eventsBefore = h.sandbox.events.length;

    const first = await handleEventMessage(h.ctx, [event]);
    expect(outcomes(first)).toEqual(['applied:ws-public']);
    expect(h.writes()).toHaveLength(1);
    expect(first.findings[0]).toMatchObject({ status: 'resolved', ruleId: 'AML-WS-001', evidence: { publicNetworkAccess: 'Enabled' } });

    const echo = h.sandbox.events.slice(eventsBefore).find((e) => e.eventType === 'Microsoft.Resources.ResourceWriteSuccess');
    expect(echo, 'our PATCH emits an event too').toBeDefined();
    h.sandbox.clearRequests();
    const second = await handleEventMessage(h.ctx, [echo!]);
    expect(second.actions).toEqual([]);
    expect(h.sandbox.requests.length).toBeGreaterThan(0);
    expect(h.sandbox.requests.filter(isWriteRequest)).toEqual([]);
  });

  it('a duplicate delivery of the same event id writes once', async () => {
    const event = await userEnablesPublicAccess(PUBLIC.id);
    // Concurrent deliveries: one claims the event id; the other is told to retry later (or sees it done).
    const settled = await Promise.allSettled([handleEventMessage(h.ctx, [event]), handleEventMessage(h.ctx, [event])]);
    expect(h.writes()).toHaveLength(1);
    const done = settled.filter((s): s is PromiseFulfilledResult<RunResult> => s.status === 'fulfilled');
    expect(done.flatMap((s) => s.value.actions).filter((x) => x.outcome === 'applied')).toHaveLength(1);
    for (const s of settled) if (s.status === 'rejected') expect(String(s.reason)).toMatch(/being processed by another invocation/);
    // Sequential redelivery, as the queue would after a timeout.
    const again = await handleEventMessage(h.ctx, Buffer.from(JSON.stringify([event])).toString('base64'));
    expect(again.ignored).toEqual([{ eventId: event.id, reason: expect.stringContaining('duplicate') }]);
    expect(h.writes()).toHaveLength(1);
  });

  it('an out-of-order (stale) event re-reads the current state and writes nothing', async () => {
    const event = await userEnablesPublicAccess(PUBLIC.id);
    await handleEventMessage(h.ctx, [event]);
    h.sandbox.clearRequests();
    const stale = { ...event, id: 'a4f1a1a1-0000-4000-8000-00000000beef', eventTime: '2020-01-01T00:00:00Z' };
    const result = await handleEventMessage(h.ctx, [stale]);
    expect(result.actions).toEqual([]);
    expect(h.writes()).toEqual([]);
  });

  it('an event about a child (private endpoint connection, mixed case id) evaluates the parent workspace', async () => {
    const event = await userEnablesPublicAccess(MISSING.id);
    const child = {
      ...event,
      id: 'b5f2b2b2-0000-4000-8000-00000000cafe',
      subject: `${MISSING.id.replace('resourceGroups', 'resourcegroups').toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/')}/privateEndpointConnections/pec1`,
      data: { ...event.data, resourceUri: undefined, operationName: 'Microsoft.MachineLearningServices/workspaces/privateEndpointConnections/write' },
    };
    const result = await handleEventMessage(h.ctx, JSON.stringify(child));
    expect(outcomes(result)).toEqual(['applied:ws-missing']);
    expect(h.sandbox.getResource(MISSING.id)?.properties?.publicNetworkAccess).toBe('Disabled');
  });

  it('an irrelevant event (a storage blob, a VM write, a failed write) costs zero ARM calls', async () => {
    const event = await userEnablesPublicAccess(PRIVATE.id);
    await handleEventMessage(h.ctx, [event]);
    h.sandbox.clearRequests();
    const vm = { ...event, id: 'c6a3c3c3-0000-4000-8000-000000000001', subject: `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.Compute/virtualMachines/vm1`, data: { ...event.data, resourceUri: `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.Compute/virtualMachines/vm1`, operationName: 'Microsoft.Compute/virtualMachines/write' } };
    const failed = { ...event, id: 'c6a3c3c3-0000-4000-8000-000000000002', eventType: 'Microsoft.Resources.ResourceWriteFailure', data: { ...event.data, status: 'Failed' } };
    const blob = { id: 'c6a3c3c3-0000-4000-8000-000000000003', eventType: 'Microsoft.Storage.BlobCreated', subject: '/blobServices/default/containers/c/blobs/b', eventTime: event.eventTime, data: {}, dataVersion: '1', metadataVersion: '1' };
    const result = await handleEventMessage(h.ctx, [vm, failed, blob]);
    expect(result.ignored).toHaveLength(3);
    expect(h.sandbox.requests).toHaveLength(0);
  });
});

describe('deleted resources, exceptions and audit mode', () => {
  it('a delete event resolves the open findings of the deleted workspace', async () => {
    const doomed = workspace(SUB, 'rg-gone', 'ws-doomed', { publicNetworkAccess: 'Enabled' });
    const local = await startHarness([doomed], { config: { mode: 'audit' } });
    try {
      await sweep(local.ctx, { subscriptions: [SUB], budget: budget() });
      expect((await local.store.findings.get(doomed.id, 'AML-WS-001'))?.status).toBe('open');
      const [rg, name] = rgAndName(doomed.id);
      await local.userMl(SUB).workspaces.beginDeleteAndWait(rg, name, { updateIntervalInMs: 5 });
      const deleted = local.sandbox.events.find((e) => e.eventType === 'Microsoft.Resources.ResourceDeleteSuccess');
      expect(deleted).toBeDefined();
      const result = await handleEventMessage(local.ctx, [deleted!]);
      expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'AML-WS-001', status: 'resolved', resolvedAt: expect.any(String) })]);
      expect((await local.store.findings.get(doomed.id, 'AML-WS-001'))?.status).toBe('resolved');
    } finally {
      await local.close();
    }
  });

  it('a sweep resolves findings of a workspace deleted while no event arrived', async () => {
    const doomed = workspace(SUB, 'rg-gone', 'ws-silent', { publicNetworkAccess: 'Enabled' });
    const local = await startHarness([doomed], { config: { mode: 'audit' } });
    try {
      await sweep(local.ctx, { subscriptions: [SUB], budget: budget() });
      const [rg, name] = rgAndName(doomed.id);
      await local.userMl(SUB).workspaces.beginDeleteAndWait(rg, name, { updateIntervalInMs: 5 });
      const result = await sweep(local.ctx, { subscriptions: [SUB], budget: budget() });
      expect(result.findings).toEqual([expect.objectContaining({ resourceId: doomed.id, status: 'resolved' })]);
    } finally {
      await local.close();
    }
  });

  it('an approved, unexpired exception blocks the write and marks the finding excepted; expiry lets it through', async () => {
    const kept = workspace(SUB, 'rg-partner', 'ws-kept', { publicNetworkAccess: 'Enabled' });
    let now = new Date('2026-11-25T12:00:00Z');
    const local = await startHarness([kept], { now });
    const ctx = { ...local.ctx, clock: () => now };
    try {
      await local.store.exceptions.create({
        id: 'e0e0e0e0-0000-4000-8000-000000000001',
        subscriptionId: SUB,
        scope: `/subscriptions/${SUB}/resourcegroups/RG-PARTNER`,
        ruleId: 'AML-WS-001',
        status: 'approved',
        reason: 'pilot',
        durationHours: 24,
        requestedBy: 'u1',
        createdAt: now.toISOString(),
        approvedBy: 'u2',
        approvedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 24 * 3600_000).toISOString(),
      });
      local.sandbox.clearRequests();
      const held = await sweep(ctx, { subscriptions: [SUB], budget: budget() });
      expect(held.actions).toEqual([expect.objectContaining({ outcome: 'skipped-exception', exceptionId: 'e0e0e0e0-0000-4000-8000-000000000001' })]);
      expect(local.writes()).toEqual([]);
      expect(await local.store.findings.get(kept.id, 'AML-WS-001')).toMatchObject({ status: 'excepted', exceptionId: 'e0e0e0e0-0000-4000-8000-000000000001' });
      expect((await local.store.audit.list({ since: '2026-11-01T00:00:00Z', until: '2026-12-31T00:00:00Z' })).map((a) => a.outcome)).toEqual(['skipped-exception']);

      now = new Date('2026-11-26T12:00:01Z');
      const released = await sweep(ctx, { subscriptions: [SUB], budget: budget() });
      expect(released.actions).toEqual([expect.objectContaining({ outcome: 'applied' })]);
      expect(local.writes()).toHaveLength(1);
      const finding = await local.store.findings.get(kept.id, 'AML-WS-001');
      expect(finding).toMatchObject({ status: 'resolved' });
      expect(finding?.exceptionId).toBeUndefined();
    } finally {
      await local.close();
    }
  });

  it('audit mode records findings and makes no ARM write; a per-rule enforce overrides it', async () => {
    const exposed = workspace(SUB, 'rg-audit', 'ws-audit', { publicNetworkAccess: 'Enabled' });
    const local = await startHarness([exposed], { config: { mode: 'audit' } });
    try {
      const result = await sweep(local.ctx, { subscriptions: [SUB], budget: budget() });
      expect(result.actions).toEqual([expect.objectContaining({ outcome: 'skipped-audit', action: 'set-property' })]);
      expect(local.writes()).toEqual([]);
      expect(await local.store.findings.get(exposed.id, 'AML-WS-001')).toMatchObject({ status: 'open', severity: 'high' });

      const enforcing = createGuardContext({
        rules: [amlWs001],
        arm: { endpoint: local.sandbox.endpoint, credential: local.sandbox.credential(), ca: local.sandbox.ca, pollIntervalMs: 5 },
        store: local.store,
        config: guardConfigSchema.parse({ mode: 'audit', ruleModes: { 'AML-WS-001': 'enforce' } }),
      });
      const fixed = await sweep(enforcing, { subscriptions: [SUB], budget: budget() });
      expect(fixed.actions).toEqual([expect.objectContaining({ outcome: 'applied' })]);
    } finally {
      await local.close();
    }
  });

  it('the blast-radius cap stops writes after the limit and reports the rest as skipped-cap', async () => {
    const many = [1, 2, 3, 4].map((i) => workspace(SUB, 'rg-cap', `ws-cap${i}`, { publicNetworkAccess: 'Enabled' }));
    const local = await startHarness(many);
    try {
      const result = await sweep(local.ctx, { subscriptions: [SUB], budget: new WriteBudget(2) });
      expect(result.actions.map((a) => a.outcome).sort()).toEqual(['applied', 'applied', 'skipped-cap', 'skipped-cap']);
      expect(local.writes()).toHaveLength(2);
      expect((await local.store.findings.list({ status: 'open' }))).toHaveLength(2);
    } finally {
      await local.close();
    }
  });

  it('a failed PATCH is recorded as failed with the ARM error, and the finding stays open', async () => {
    const stuck = workspace(SUB, 'rg-fail', 'ws-locked', { publicNetworkAccess: 'Enabled' });
    const local = await startHarness([stuck]);
    try {
      local.sandbox.injectFault({ method: 'PATCH', pathPattern: /ws-locked/, status: 409, code: 'ScopeLocked', message: 'The scope is locked', times: 10 });
      const result = await sweep(local.ctx, { subscriptions: [SUB], budget: budget() });
      expect(result.actions).toEqual([expect.objectContaining({ outcome: 'failed', error: expect.stringContaining('ScopeLocked') })]);
      expect(await local.store.findings.get(stuck.id, 'AML-WS-001')).toMatchObject({ status: 'open' });
      expect((await local.store.audit.list({})).find((a) => a.outcome !== 'attempting')).toMatchObject({ outcome: 'failed', error: expect.stringContaining('409') });
    } finally {
      await local.close();
    }
  });
});
