import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep, WriteBudget, type GuardContext } from '../../src/engine';
import { isResourceGraphRequest, isWriteRequest } from '../../src/sandbox';
import { syntheticEstate, syntheticSubscription } from '../../bench/synthetic-estate';
import { startHarness, type Harness } from '../support/harness';

const SUBSCRIPTIONS = 5;
const WORKSPACES = 60; // 12 per subscription, half of them exposed

let h: Harness;
let ctx: GuardContext;
/** The sweeps' clock, a minute on before each sweep: the ARM-only refresh windows between them are fixed, so their counts are too. */
let at = Date.parse('2026-11-30T06:00:00Z');

/**
 * What only ARM holds, read by the first sweep and then on the refresh period (AMLGUARD_ARM_ONLY_REFRESH_HOURS):
 * per workspace its connections (AML-WS-006) and diagnostic settings (AML-WS-007); per resource
 * group holding workspaces the budgets at it and at its subscription (AML-GOV-002); per
 * subscription its policy assignments (AML-GOV-003). Groups and subscriptions themselves come
 * from Resource Graph (ResourceContainers).
 */
const DIAGNOSTICS = /\/workspaces\/[^/]+\/providers\/Microsoft\.Insights\/diagnosticSettings$/i;
/** Resource Graph queries per work item: Resources, AuthorizationResources, ResourceContainers (one page each here). */
const QUERIES_PER_ITEM = 3;

beforeAll(async () => {
  h = await startHarness(syntheticEstate(WORKSPACES, SUBSCRIPTIONS), { config: { maxWritesPerRun: 1000 } });
  ctx = { ...h.ctx, clock: () => new Date(at) };
});
const next = () => {
  at += 60_000;
  return ctx;
};
afterAll(() => h.close());

const subscriptions = Array.from({ length: SUBSCRIPTIONS }, (_, i) => syntheticSubscription(i));

describe('a steady sweep (issue 10: 500 compliant workspaces over 5 subscriptions <= 30 Resource Graph + ARM requests, no table write but its run record)', () => {
  it('the first sweep fixes every exposure from Resource Graph snapshots, re-reading each resource from ARM before its write', async () => {
    const result = await sweep(next(), { subscriptions, budget: new WriteBudget(1000) });
    expect(result.errors).toEqual([]);
    // the first sweep reads what only ARM holds, once per workspace
    expect(h.sandbox.requests.filter((r) => DIAGNOSTICS.test(r.path))).toHaveLength(WORKSPACES);
    const applied = result.actions.filter((a) => a.outcome === 'applied');
    // each exposed workspace: the workspace, its storage account, its compute instance's public IP (stop)
    expect(new Set(applied.map((a) => a.resourceId.toLowerCase())).size).toBeGreaterThanOrEqual(WORKSPACES / 2 * 2);
    const writes = h.sandbox.requests.filter(isWriteRequest);
    for (const w of writes.filter((r) => r.method === 'PATCH')) {
      const i = h.sandbox.requests.indexOf(w);
      expect(h.sandbox.requests.slice(0, i).some((r) => r.method === 'GET' && r.path.toLowerCase() === w.path.toLowerCase())).toBe(true);
    }
    expect(h.sandbox.requests.filter(isResourceGraphRequest)).toHaveLength(QUERIES_PER_ITEM);
  });

  it('once the inventory rows show what the fixes changed (next sweep), a steady sweep costs three Resource Graph queries and no ARM request (nothing only ARM holds is due a minute later), and writes only its run record', async () => {
    await sweep(next(), { subscriptions, budget: new WriteBudget(1000) });
    h.sandbox.clearRequests();
    const before = h.store.stats();
    const result = await sweep(next(), { subscriptions, budget: new WriteBudget(1000) });
    const after = h.store.stats();
    expect(result.errors).toEqual([]);
    expect(result.actions.filter((a) => a.outcome === 'applied')).toEqual([]);
    expect(h.sandbox.requests.filter(isResourceGraphRequest)).toHaveLength(QUERIES_PER_ITEM);
    const arm = h.sandbox.requests.filter((r) => !isResourceGraphRequest(r));
    expect(arm).toEqual([]);
    // one item (5 subscriptions <= sweepSubscriptionsPerItem): the run row + the item row
    expect(after.writes - before.writes).toBe(2);
    const run = await h.store.runs.lastSweep();
    expect(run).toMatchObject({ planned: 1, done: 1, failed: 0, completed: true });
  });

  it('with one subscription per work item the cost stays one inventory per item', async () => {
    h.sandbox.clearRequests();
    const before = h.store.stats();
    const perItem = { ...next(), config: { ...h.ctx.config, sweepSubscriptionsPerItem: 1 } };
    await sweep(perItem, { subscriptions, budget: new WriteBudget(1000) });
    expect(h.sandbox.requests.filter(isResourceGraphRequest)).toHaveLength(QUERIES_PER_ITEM * SUBSCRIPTIONS);
    expect(h.sandbox.requests.filter((r) => !isResourceGraphRequest(r))).toEqual([]);
    expect(h.store.stats().writes - before.writes).toBe(1 + SUBSCRIPTIONS);
    expect(await h.store.runs.lastSweep()).toMatchObject({ planned: SUBSCRIPTIONS, done: SUBSCRIPTIONS, completed: true });
  });
});
