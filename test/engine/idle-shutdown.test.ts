import { afterEach, describe, expect, it } from 'vitest';
import { idleShutdown } from '../../src/engine/idle-shutdown';
import type { RunResult } from '../../src/engine';
import type { ArmResource, Finding } from '../../src/model';
import { startHarness, type Harness } from '../support/harness';
import { cluster, computeInstance, hoursBefore, op, workspace } from './idle-estate';

const SUB = '5b0a4c7e-1d2f-4a3b-9c8d-7e6f5a4b3c2d';
const NOW = new Date('2026-11-25T01:00:00.000Z');
const WS = workspace(SUB, 'rg-ml', 'ws-idle', { publicNetworkAccess: 'Disabled' });
const WS2 = workspace(SUB, 'rg-other', 'ws-two', { publicNetworkAccess: 'Disabled' });

const running = (name: string, hoursAgo: number, ws = WS, operationName = 'Start') =>
  computeInstance(ws.id, name, { state: 'Running', lastOperation: op(operationName, hoursBefore(NOW, hoursAgo)) });

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(estate: ArmResource[], config: Record<string, unknown> = {}): Promise<Harness> {
  h = await startHarness(estate, { now: NOW, pageSize: 2, config });
  return h;
}

const outcomes = (r: RunResult) => Object.fromEntries(r.actions.map((a) => [a.resourceId.split('/').pop(), a.outcome]));
const stateOf = (hh: Harness, c: ArmResource) => (hh.sandbox.getResource(c.id)?.properties?.properties as Record<string, unknown>).state;
const stops = (hh: Harness) => hh.writes().filter((w) => w.method === 'POST' && w.path.endsWith('/stop')).map((w) => w.path.split('/').slice(-2, -1)[0]);

describe('idleShutdown', () => {
  it('stops exactly the idle instances (exactly 4 h counts), with one POST .../stop at api-version 2025-12-01 each', async () => {
    const idle = running('ci-idle', 6);
    const boundary = running('ci-boundary', 4);
    const almost = computeInstance(WS.id, 'ci-almost', { state: 'Running', lastOperation: op('Start', hoursBefore(NOW, 4, 1)) });
    const restarted = running('ci-restarted', 0.5, WS, 'Restart');
    const job = computeInstance(WS.id, 'ci-job', { state: 'JobRunning', lastOperation: op('Start', hoursBefore(NOW, 30)) });
    const stopped = computeInstance(WS.id, 'ci-stopped', { state: 'Stopped', lastOperation: op('Stop', hoursBefore(NOW, 30)) });
    const undated = computeInstance(WS.id, 'ci-undated', { state: 'Running' });
    const other = running('ci-other-ws', 12, WS2);
    const amlCluster = cluster(WS.id, 'cpu-cluster');
    const hh = await harness([WS, WS2, idle, boundary, almost, restarted, job, stopped, undated, other, amlCluster]);

    const result = await idleShutdown(hh.ctx, { subscriptions: [SUB] });

    expect(outcomes(result)).toEqual({ 'ci-other-ws': 'applied', 'ci-idle': 'applied', 'ci-boundary': 'applied' });
    // longest idle first
    expect(result.actions.map((a) => a.resourceId.split('/').pop())).toEqual(['ci-other-ws', 'ci-idle', 'ci-boundary']);
    const posts = hh.writes().filter((w) => w.method === 'POST');
    expect(posts.map((w) => w.path).sort()).toEqual([boundary.id, idle.id, other.id].map((id) => `${id}/stop`).sort());
    for (const w of hh.sandbox.requests.filter((r) => r.method === 'POST')) expect(w.apiVersion).toBe('2025-12-01');
    expect(hh.writes().every((w) => w.method === 'POST')).toBe(true);

    for (const c of [idle, boundary, other]) expect(stateOf(hh, c)).toBe('Stopped');
    for (const [c, s] of [[almost, 'Running'], [restarted, 'Running'], [job, 'JobRunning'], [stopped, 'Stopped'], [undated, 'Running']] as const) expect(stateOf(hh, c)).toBe(s);
    expect(hh.sandbox.getResource(amlCluster.id)).toEqual(amlCluster);

    const applied = result.actions.find((a) => a.resourceId === idle.id)!;
    expect(applied).toMatchObject({ ruleId: 'AML-CMP-007', action: 'stop-compute', before: 'Running', after: 'Stopped', at: NOW.toISOString() });

    const all = await hh.store.audit.list({ until: NOW.toISOString() });
    // The one remediation path: each stop's intent was recorded before ARM was touched.
    const intents = all.filter((a) => a.outcome === 'attempting');
    expect(intents.map((a) => a.resourceId).sort()).toEqual([boundary.id, idle.id, other.id].sort());
    for (const a of intents) expect(a).toMatchObject({ category: 'remediation', ruleId: 'AML-CMP-007', action: 'stop-compute', correlationId: result.actions[0]!.correlationId });
    const audit = all.filter((a) => a.outcome !== 'attempting');
    expect(audit).toHaveLength(3);
    for (const a of audit) expect(a).toMatchObject({ category: 'remediation', ruleId: 'AML-CMP-007', action: 'stop-compute', outcome: 'applied', before: 'Running', after: 'Stopped', actor: 'aml-guard' });

    const findings = await hh.store.findings.list({ ruleId: 'AML-CMP-007' });
    expect(findings.map((f) => `${f.status}:${f.resourceId.split('/').pop()}`).sort()).toEqual(['resolved:ci-boundary', 'resolved:ci-idle', 'resolved:ci-other-ws']);
    expect(findings.find((f) => f.resourceId === idle.id)).toMatchObject({ severity: 'low', firstSeen: NOW.toISOString(), resolvedAt: NOW.toISOString(), evidence: { state: 'Running', lastOperation: 'Start', hoursSinceLastOperation: 6 } });

    // A second run at the same time: nothing idle any more, nothing written, nothing audited.
    hh.sandbox.clearRequests();
    const again = await idleShutdown(hh.ctx, { subscriptions: [SUB] });
    expect(again.actions).toEqual([]);
    expect(hh.writes()).toEqual([]);
    // One minute later ci-almost has crossed its 4 h window too.
    const later = await idleShutdown(hh.ctx, { subscriptions: [SUB], now: new Date(NOW.getTime() + 60_000) });
    expect(outcomes(later)).toEqual({ 'ci-almost': 'applied' });
  });

  it('caps the stops (3 idle, cap 2): the two longest idle are stopped, the third is reported skipped-cap and stays open', async () => {
    const a = running('ci-a', 20);
    const b = running('ci-b', 10);
    const c = running('ci-c', 5);
    const hh = await harness([WS, a, b, c], { idleMaxStops: 2 });
    const result = await idleShutdown(hh.ctx, { subscriptions: [SUB] });
    expect(outcomes(result)).toEqual({ 'ci-a': 'applied', 'ci-b': 'applied', 'ci-c': 'skipped-cap' });
    expect(result.actions.find((x) => x.outcome === 'skipped-cap')?.error).toMatch(/cap of 2 stops/);
    expect(stops(hh).sort()).toEqual(['ci-a', 'ci-b']);
    expect(stateOf(hh, c)).toBe('Running');
    expect((await hh.store.findings.get(c.id, 'AML-CMP-007'))?.status).toBe('open');
    // maxStops given by the caller wins over config
    const capped = await idleShutdown(hh.ctx, { subscriptions: [SUB], maxStops: 0 });
    expect(outcomes(capped)).toEqual({ 'ci-c': 'skipped-cap' });
  });

  it('an approved, unexpired exception for AML-CMP-007 skips that stop (finding excepted); an expired one does not', async () => {
    const kept = running('ci-kept', 8);
    const expired = running('ci-expired', 8);
    const hh = await harness([WS, kept, expired]);
    const base = { subscriptionId: SUB, ruleId: 'AML-CMP-007', status: 'approved' as const, reason: 'overnight training demo', durationHours: 24, requestedBy: 'alice', createdAt: hoursBefore(NOW, 2), approvedBy: 'bob' };
    await hh.store.exceptions.create({ ...base, id: 'exc-idle-kept', scope: kept.id, expiresAt: hoursBefore(NOW, -22) });
    await hh.store.exceptions.create({ ...base, id: 'exc-idle-expired', scope: expired.id, expiresAt: hoursBefore(NOW, 1) });

    const result = await idleShutdown(hh.ctx, { subscriptions: [SUB] });
    expect(outcomes(result)).toEqual({ 'ci-kept': 'skipped-exception', 'ci-expired': 'applied' });
    expect(result.actions.find((x) => x.resourceId === kept.id)).toMatchObject({ exceptionId: 'exc-idle-kept', before: 'Running' });
    expect(stops(hh)).toEqual(['ci-expired']);
    expect(stateOf(hh, kept)).toBe('Running');
    expect(await hh.store.findings.get(kept.id, 'AML-CMP-007')).toMatchObject({ status: 'excepted', exceptionId: 'exc-idle-kept' });
    const audit = await hh.store.audit.list({ until: NOW.toISOString(), resourceId: kept.id });
    expect(audit).toEqual([expect.objectContaining({ outcome: 'skipped-exception', exceptionId: 'exc-idle-kept', ruleId: 'AML-CMP-007' })]);
  });

  it('audit mode (global or per rule) records skipped-audit and writes nothing; off judges nothing', async () => {
    const idle = running('ci-idle', 8);
    const hh = await harness([WS, idle], { ruleModes: { 'AML-CMP-007': 'audit' } });
    const result = await idleShutdown(hh.ctx, { subscriptions: [SUB] });
    expect(outcomes(result)).toEqual({ 'ci-idle': 'skipped-audit' });
    expect(hh.writes()).toEqual([]);
    expect((await hh.store.findings.get(idle.id, 'AML-CMP-007'))?.status).toBe('open');

    const off = await idleShutdown({ ...hh.ctx, config: { ...hh.ctx.config, ruleModes: { 'AML-CMP-007': 'off' } } }, { subscriptions: [SUB] });
    expect(off.actions).toEqual([]);
    const globalAudit = await idleShutdown({ ...hh.ctx, config: { ...hh.ctx.config, mode: 'audit', ruleModes: {} } }, { subscriptions: [SUB] });
    expect(outcomes(globalAudit)).toEqual({ 'ci-idle': 'skipped-audit' });
    expect(hh.writes()).toEqual([]);
  });

  it('one failing stop among many: the others are still stopped; the failure carries the ARM error and its finding stays open', async () => {
    const estate = ['ci-1', 'ci-2', 'ci-3', 'ci-4', 'ci-5'].map((n, i) => running(n, 5 + i));
    const hh = await harness([WS, ...estate]);
    // ci-2: the long-running stop ends Failed; ci-4: the POST itself is refused.
    hh.sandbox.injectFault({ method: 'POST', pathPattern: /\/computes\/ci-2\/stop$/, status: 409, code: 'ComputeBusy', message: 'a node is still busy', failOperation: true });
    hh.sandbox.injectFault({ method: 'POST', pathPattern: /\/computes\/ci-4\/stop$/, status: 400, code: 'BadRequest', message: 'stop refused' });

    const result = await idleShutdown(hh.ctx, { subscriptions: [SUB], concurrency: 2 });
    expect(outcomes(result)).toEqual({ 'ci-1': 'applied', 'ci-2': 'failed', 'ci-3': 'applied', 'ci-4': 'failed', 'ci-5': 'applied' });
    expect(result.actions.find((a) => a.resourceId.endsWith('ci-2'))?.error).toMatch(/ComputeBusy|a node is still busy/);
    expect(result.actions.find((a) => a.resourceId.endsWith('ci-4'))?.error).toMatch(/HTTP 400.*stop refused/);
    expect(estate.map((c) => stateOf(hh, c))).toEqual(['Stopped', 'Running', 'Stopped', 'Running', 'Stopped']);
    const byId = new Map((await hh.store.findings.list({ ruleId: 'AML-CMP-007' })).map((f: Finding) => [f.resourceId.split('/').pop(), f.status]));
    expect(Object.fromEntries(byId)).toEqual({ 'ci-1': 'resolved', 'ci-2': 'open', 'ci-3': 'resolved', 'ci-4': 'open', 'ci-5': 'resolved' });
    const failedAudit = (await hh.store.audit.list({ until: NOW.toISOString() })).filter((a) => a.outcome === 'failed');
    expect(failedAudit).toHaveLength(2);
    for (const a of failedAudit) expect(a).toMatchObject({ before: 'Running', error: expect.any(String) });
  });

  it('leaves an instance alone that was restarted between the listing and the stop, and resolves findings of instances gone or no longer idle', async () => {
    const idle = running('ci-idle', 8);
    const laterRecent = running('ci-later', 8);
    const hh = await harness([WS, idle, laterRecent]);
    // A finding from an earlier night for an instance deleted since, and one for an instance now busy.
    const old = (name: string): Finding => ({
      ruleId: 'AML-CMP-007', resourceId: `${WS.id}/computes/${name}`, subscriptionId: SUB, severity: 'low', status: 'open',
      title: 'Compute instance running idle', evidence: {}, firstSeen: hoursBefore(NOW, 24), lastSeen: hoursBefore(NOW, 24),
    });
    await hh.store.findings.upsert([old('ci-deleted')]);
    // The reader is the real one; right after the listing (before any stop), the user really restarts ci-later.
    const reader = hh.ctx.reader;
    const ctx = {
      ...hh.ctx,
      reader: {
        ...reader,
        readableTypes: reader.readableTypes,
        live: reader.live,
        get: (id: string) => reader.get(id),
        listWorkspaces: (sub: string) => reader.listWorkspaces(sub),
        listComputes: async (ws: string) => {
          const listed = await reader.listComputes(ws);
          await hh.userMl(SUB).computeOperations.beginRestartAndWait('rg-ml', 'ws-idle', 'ci-later', { updateIntervalInMs: 5 });
          return listed;
        },
      },
    };
    const result = await idleShutdown(ctx, { subscriptions: [SUB], now: new Date(Date.now() + 5_000), concurrency: 1 });
    expect(outcomes(result)).toEqual({ 'ci-idle': 'applied', 'ci-later': 'already-compliant' });
    expect(result.actions.find((a) => a.resourceId === laterRecent.id)?.summary).toMatch(/re-read before writing: AML-CMP-007 no longer fails/);
    expect(stops(hh)).toEqual(['ci-idle']);
    expect(stateOf(hh, laterRecent)).toBe('Running');
    const findings = Object.fromEntries((await hh.store.findings.list({ ruleId: 'AML-CMP-007' })).map((f) => [f.resourceId.split('/').pop(), f.status]));
    expect(findings).toEqual({ 'ci-deleted': 'resolved', 'ci-idle': 'resolved' });
    expect(await hh.store.findings.get(laterRecent.id, 'AML-CMP-007')).toBeUndefined();
  });
});
