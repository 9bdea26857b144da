import { describe, expect, it } from 'vitest';
import { sweep, WriteBudget } from '../../src/engine';
import { amlWs001 } from '../../src/rules/aml-ws-001';
import { isResourceGraphRequest } from '../../src/sandbox';
import { startHarness, workspace } from '../support/harness';

const SUB_A = 'aa11aa11-0000-4000-8000-0000000000a1';
const SUB_B = 'bb22bb22-0000-4000-8000-0000000000b2';

const estate = (n: number, sub = SUB_A) => Array.from({ length: n }, (_, i) => workspace(sub, `rg-${i % 2}`, `ws-${i}`, { publicNetworkAccess: i % 2 ? 'Disabled' : 'Enabled' }));

async function sweepRequests(n: number): Promise<readonly { method: string; path: string }[]> {
  const h = await startHarness(estate(n), { config: { mode: 'audit' } });
  try {
    await sweep(h.ctx, { subscriptions: [SUB_A], budget: new WriteBudget(0) });
    return [...h.sandbox.requests];
  } finally {
    await h.close();
  }
}

/** The two reads per workspace that Resource Graph cannot answer: its connections (AML-WS-006) and diagnostic settings (AML-WS-007). */
const PER_WORKSPACE = /\/workspaces\/[^/]+\/(connections|providers\/Microsoft\.Insights\/diagnosticSettings)$/i;

describe('sweep at scale', () => {
  it('ARM + Resource Graph requests grow with the number of workspaces only by the two lists Resource Graph does not hold (the inventory is one query per table)', async () => {
    const [two, eight] = [await sweepRequests(2), await sweepRequests(8)];
    const fixed = (requests: readonly { path: string }[]) => requests.filter((r) => !PER_WORKSPACE.test(r.path));
    expect(two.filter((r) => PER_WORKSPACE.test(r.path))).toHaveLength(2 * 2);
    expect(eight.filter((r) => PER_WORKSPACE.test(r.path))).toHaveLength(2 * 8);
    // per subscription and per resource group holding workspaces (2 here): one inventory query per table
    // (Resources, AuthorizationResources, ResourceContainers: the groups and the subscription themselves),
    // the subscription's policy assignments, and for each group the budgets at it and at its subscription
    expect(fixed(eight).length).toBe(fixed(two).length);
    expect(fixed(two)).toHaveLength(3 + 1 + 2 * 2);
  });

  it('with no subscription configured, sweeps every subscription the identity can read, paged, and deletes resolve', async () => {
    const h = await startHarness([...estate(3, SUB_A), ...estate(3, SUB_B)], { pageSize: 2, resourceGraphPageSize: 2, config: { mode: 'audit', sweepSubscriptionsPerItem: 1 } });
    try {
      const first = await sweep(h.ctx, { subscriptions: [], budget: new WriteBudget(0) });
      const open = first.findings.filter((f) => f.ruleId === 'AML-WS-001' && f.status === 'open').map((f) => f.resourceId.split('/').pop()).sort();
      expect(open).toEqual(['ws-0', 'ws-0', 'ws-2', 'ws-2']);
      expect(h.sandbox.requests.some((r) => /^\/subscriptions\/?$/.test(r.path))).toBe(true);
      expect(h.sandbox.requests.some((r) => isResourceGraphRequest(r) && JSON.stringify(r.body).includes('$skipToken'))).toBe(true);

      const gone = estate(3, SUB_B)[0]!;
      const [rg, name] = [gone.id.split('/')[4]!, gone.name];
      await h.userMl(SUB_B).workspaces.beginDeleteAndWait(rg, name, { updateIntervalInMs: 5 });
      const second = await sweep(h.ctx, { subscriptions: [], budget: new WriteBudget(0) });
      expect(second.findings.filter((f) => f.resourceId.toLowerCase() === gone.id.toLowerCase()).map((f) => f.status)).toContain('resolved');
      expect((await h.store.findings.list({ status: 'open', ruleId: 'AML-WS-001' })).map((f) => f.resourceId)).not.toContain(gone.id);
    } finally {
      await h.close();
    }
  });

  it('ARM limits smaller than the sweep needs: the client paces to x-ms-ratelimit-remaining (or retries after a 429) and the sweep completes', async () => {
    const h = await startHarness(estate(6), { rateLimit: { reads: { capacity: 2, refillPerSecond: 4 }, writes: { capacity: 2, refillPerSecond: 4 } }, rules: [amlWs001] });
    try {
      const result = await sweep(h.ctx, { subscriptions: [SUB_A], budget: new WriteBudget(25) });
      // more requests than the sandbox's bursts allow, none refused for good
      expect(h.sandbox.requests.filter((r) => r.method !== 'GET').length).toBeGreaterThan(2);
      expect(result.errors).toEqual([]);
      expect(result.actions.filter((a) => a.ruleId === 'AML-WS-001').map((a) => a.outcome)).toEqual(['applied', 'applied', 'applied']);
    } finally {
      await h.close();
    }
  });
});
