import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleEventMessage, sweep, WriteBudget, type GuardContext } from '../../src/engine';
import { armOnlyRefreshDue, phaseOf } from '../../src/engine/related/arm-only-refresh';
import { isResourceGraphRequest, USER_PRINCIPAL, type EventGridEvent } from '../../src/sandbox';
import { syntheticEstate, syntheticSubscription } from '../../bench/synthetic-estate';
import { startHarness, type Harness } from '../support/harness';

const HOUR = 3_600_000;
const DIAGNOSTICS = /\/workspaces\/([^/]+)\/providers\/Microsoft\.Insights\/diagnosticSettings$/i;
const CONNECTIONS = /\/workspaces\/([^/]+)\/connections$/i;
const BUDGETS = /\/providers\/Microsoft\.Consumption\/budgets$/i;
const POLICIES = /\/providers\/Microsoft\.Authorization\/policyAssignments$/i;

describe('the refresh schedule of what only ARM holds', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => `/subscriptions/${syntheticSubscription(i % 7)}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws-${i}`);

  it('gives each resource a fixed phase, whatever the spelling of its id, spread over the period', () => {
    expect(phaseOf(ids[0]!.toUpperCase())).toBe(phaseOf(ids[0]!));
    const buckets = new Array<number>(10).fill(0);
    for (const id of ids) buckets[Math.floor(phaseOf(id) * 10)]!++;
    for (const n of buckets) expect(n).toBeGreaterThan(140); // 200 each if perfectly even
  });

  it('over any run of back-to-back windows covering one period, every resource is due exactly once, and the windows share the load', () => {
    const start = Date.parse('2026-11-30T00:07:00Z');
    for (const sweepsPerPeriod of [4, 28, 97]) {
      const seen = new Map<string, number>();
      const perSweep: number[] = [];
      for (let k = 0; k < sweepsPerPeriod; k++) {
        const since = new Date(start + (k * 168 * HOUR) / sweepsPerPeriod).toISOString();
        const now = new Date(start + ((k + 1) * 168 * HOUR) / sweepsPerPeriod);
        const due = ids.filter((id) => armOnlyRefreshDue(id, { since, now, periodHours: 168 }));
        perSweep.push(due.length);
        for (const id of due) seen.set(id, (seen.get(id) ?? 0) + 1);
      }
      expect([...seen.values()].every((n) => n === 1) && seen.size === ids.length).toBe(true);
      expect(Math.max(...perSweep)).toBeLessThan((3 * ids.length) / sweepsPerPeriod);
    }
  });

  it('is always due with no earlier sweep, a period of 0, or a window of a whole period', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    expect(armOnlyRefreshDue(ids[1]!, { since: undefined, now, periodHours: 168 })).toBe(true);
    expect(armOnlyRefreshDue(ids[1]!, { since: '2026-11-30T11:59:59Z', now, periodHours: 0 })).toBe(true);
    expect(armOnlyRefreshDue(ids[1]!, { since: '2026-11-23T12:00:00Z', now, periodHours: 168 })).toBe(true);
    expect(ids.filter((id) => armOnlyRefreshDue(id, { since: now.toISOString(), now, periodHours: 168 }))).toEqual([]);
  });
});

describe('sweeps over a refresh period (AMLGUARD_ARM_ONLY_REFRESH_HOURS=24, a sweep every 6 hours)', () => {
  const SUBS = [syntheticSubscription(0), syntheticSubscription(1)];
  const WORKSPACES = 12;
  let h: Harness;
  let at = Date.parse('2026-11-30T00:00:00Z');
  let ctx: GuardContext;
  const events: EventGridEvent[] = [];

  beforeAll(async () => {
    h = await startHarness(syntheticEstate(WORKSPACES, SUBS.length), { config: { mode: 'audit', armOnlyRefreshHours: 24 } });
    ctx = { ...h.ctx, clock: () => new Date(at) };
    h.sandbox.onEvent((e) => {
      events.push(e);
    });
  });
  afterAll(() => h.close());

  const sweepAt = async (t: number) => {
    at = t;
    h.sandbox.clearRequests();
    const before = h.store.stats().writes;
    const result = await sweep(ctx, { subscriptions: SUBS, budget: new WriteBudget(0) });
    expect(result.errors).toEqual([]);
    return { result, requests: h.sandbox.requests.filter((r) => !isResourceGraphRequest(r)), writes: h.store.stats().writes - before };
  };
  const names = (requests: readonly { path: string }[], pattern: RegExp) => requests.flatMap((r) => pattern.exec(r.path)?.[1] ?? []);

  it('the first sweep reads everything only ARM holds; the next four read each workspace, group and subscription once between them, and write only their run records', async () => {
    const first = await sweepAt(at);
    expect(names(first.requests, DIAGNOSTICS).sort()).toEqual(Array.from({ length: WORKSPACES }, (_, i) => `ws-${i}`).sort());
    expect(names(first.requests, CONNECTIONS)).toHaveLength(WORKSPACES);
    const t0 = at;
    const later: string[] = [];
    let budgets = 0;
    let policies = 0;
    for (let k = 1; k <= 4; k++) {
      const s = await sweepAt(t0 + k * 6 * HOUR);
      later.push(...names(s.requests, DIAGNOSTICS));
      expect(names(s.requests, DIAGNOSTICS).sort()).toEqual(names(s.requests, CONNECTIONS).sort());
      budgets += s.requests.filter((r) => BUDGETS.test(r.path)).length;
      policies += s.requests.filter((r) => POLICIES.test(r.path)).length;
      // the run row and the item row: a refresh that finds nothing changed writes nothing
      expect(s.writes).toBe(2);
    }
    expect(later.sort()).toEqual(names(first.requests, DIAGNOSTICS).sort());
    expect(budgets).toBe(first.requests.filter((r) => BUDGETS.test(r.path)).length);
    expect(policies).toBe(SUBS.length);
  });

  it('a workspace first seen through its event is judged on its diagnostic settings by the next sweep, a minute later', async () => {
    const p = { rg: 'rg-team-2', name: 'ws-new' };
    await h.userMl(SUBS[0]!).workspaces.beginCreateOrUpdateAndWait(p.rg, p.name, { location: 'westeurope', publicNetworkAccess: 'Disabled', tags: { owner: 'team' } }, { updateIntervalInMs: 5 });
    for (let i = 0; i < 200 && !events.some((e) => e.subject.endsWith(`/workspaces/${p.name}`)); i++) await new Promise((r) => setTimeout(r, 10));
    const created = events.find((e) => e.subject.endsWith(`/workspaces/${p.name}`) && JSON.stringify(e.data.claims).includes(USER_PRINCIPAL.oid));
    expect(created).toBeDefined();
    h.sandbox.clearRequests();
    const byEvent = await handleEventMessage(ctx, [created!]);
    expect(byEvent.findings.filter((f) => f.ruleId === 'AML-WS-007')).toEqual([]);
    expect(names(h.sandbox.requests, DIAGNOSTICS)).toEqual([]);

    const next = await sweepAt(at + 60_000);
    expect(names(next.requests, DIAGNOSTICS)).toEqual([p.name]);
    expect(next.result.findings.filter((f) => f.ruleId === 'AML-WS-007' && f.resourceId.endsWith(`/${p.name}`)).map((f) => f.status)).toEqual(['open']);
  });
});

describe('rules in mode off', () => {
  it('gather nothing: no diagnostic settings or connections listed when AML-WS-007 and AML-WS-006 are off', async () => {
    const h = await startHarness(syntheticEstate(4), { config: { mode: 'audit', ruleModes: { 'AML-WS-007': 'off', 'AML-WS-006': 'off' } } });
    try {
      const result = await sweep(h.ctx, { subscriptions: [syntheticSubscription(0)], budget: new WriteBudget(0) });
      expect(result.errors).toEqual([]);
      expect(h.sandbox.requests.filter((r) => DIAGNOSTICS.test(r.path) || CONNECTIONS.test(r.path))).toEqual([]);
      expect(result.findings.filter((f) => f.ruleId === 'AML-WS-007' || f.ruleId === 'AML-WS-006')).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe('a subscription larger than one sweep may read (AMLGUARD_ARM_ONLY_READS_PER_SUBSCRIPTION)', () => {
  it('reads what only ARM holds for at most that many resources per sweep; the rest are read by the next sweeps, none twice', async () => {
    const h = await startHarness(syntheticEstate(12), { config: { mode: 'audit', armOnlyReadsPerSubscription: 5 } });
    try {
      let at = Date.parse('2026-11-30T00:00:00Z');
      const ctx: GuardContext = { ...h.ctx, clock: () => new Date(at) };
      const read: string[][] = [];
      for (let k = 0; k < 3; k++) {
        at += 60_000;
        h.sandbox.clearRequests();
        const progress: string[] = [];
        const result = await sweep(ctx, { subscriptions: [syntheticSubscription(0)], budget: new WriteBudget(0), progress: (m) => progress.push(m) });
        expect(result.errors).toEqual([]);
        // 12 workspaces, 10 groups, 1 subscription to read: 23, 18, 13 due
        expect(progress.filter((m) => m.includes('wait for the next sweep'))).toEqual([expect.stringContaining(`${[18, 13, 8][k]} more wait for the next sweep`)]);
        read.push(h.sandbox.requests.flatMap((r) => DIAGNOSTICS.exec(r.path)?.[1] ?? []));
      }
      expect(read.map((r) => r.length)).toEqual([5, 5, 2]);
      expect(new Set(read.flat()).size).toBe(12);
    } finally {
      await h.close();
    }
  });
});
