import { describe, expect, it } from 'vitest';
import { sweep, WriteBudget } from '../../src/engine';
import { isResourceGraphRequest } from '../../src/sandbox';
import { syntheticEstate, syntheticSubscription } from '../../bench/synthetic-estate';
import { startHarness } from '../support/harness';

const SUB = syntheticSubscription(0);
const GRAPH = /^\/providers\/Microsoft\.ResourceGraph\/resources$/i;

describe('Resource Graph unavailable', () => {
  it('refused (403, or the provider not registered): the sweep lists from ARM instead, says so, and judges the same', async () => {
    for (const refusal of [
      { status: 403, code: 'AuthorizationFailed', message: "The client does not have authorization to perform action 'Microsoft.ResourceGraph/resources/read'" },
      { status: 409, code: 'MissingSubscriptionRegistration', message: "The subscription is not registered to use namespace 'Microsoft.ResourceGraph'" },
    ]) {
      // every sweep reads what only ARM holds too, so both judge every rule
      const h = await startHarness(syntheticEstate(4), { config: { mode: 'audit', armOnlyRefreshHours: 0 } });
      try {
        const viaGraph = await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(0) });
        h.sandbox.injectFault({ method: 'POST', pathPattern: GRAPH, ...refusal, times: 10 });
        const progress: string[] = [];
        const viaArm = await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(0), progress: (m) => progress.push(m) });
        expect(progress.some((m) => m.includes('Resource Graph refused') && m.includes('listing from ARM'))).toBe(true);
        const arm = h.sandbox.requests.filter((r) => !isResourceGraphRequest(r));
        expect(arm.some((r) => /\/workspaces$/i.test(r.path))).toBe(true);
        // the subjects of AML-GOV-002/003, from ResourceContainers when Resource Graph answers, are read from ARM
        expect(arm.some((r) => r.method === 'GET' && r.path === `/subscriptions/${SUB}`)).toBe(true);
        expect(arm.some((r) => r.method === 'GET' && /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/i.test(r.path))).toBe(true);
        expect(viaArm.errors).toEqual([]);
        const open = (r: typeof viaArm) => r.findings.filter((f) => f.status === 'open').map((f) => `${f.ruleId} ${f.resourceId}`).sort();
        expect(open(viaArm)).toEqual(open(viaGraph));
        expect(open(viaArm).length).toBeGreaterThan(0);
        const judged = (r: typeof viaArm) => r.findings.filter((f) => /^\/subscriptions\/[^/]+(\/resourcegroups\/[^/]+)?$/i.test(f.resourceId)).map((f) => `${f.ruleId} ${f.status} ${f.resourceId.toLowerCase()}`).sort();
        expect(judged(viaArm)).toEqual(judged(viaGraph));
        expect(judged(viaArm).length).toBeGreaterThan(0);
      } finally {
        await h.close();
      }
    }
  });

  it('failing otherwise (500 past retries): the subscriptions are reported as not swept, and the run record says the run did not complete', async () => {
    const h = await startHarness(syntheticEstate(2), { config: { mode: 'audit', sweepItemDeadlineSeconds: 2 } });
    try {
      h.sandbox.injectFault({ method: 'POST', pathPattern: GRAPH, status: 500, code: 'InternalServerError', message: 'boom', times: 100 });
      const result = await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(0) });
      expect(result.errors.map((e) => e.resourceId)).toEqual([`/subscriptions/${SUB}`]);
      expect(result.errors[0]!.error).toMatch(/Resource Graph/);
      expect(await h.store.runs.lastSweep()).toMatchObject({ planned: 1, done: 0, failed: 1, completed: false });
    } finally {
      await h.close();
    }
  });
});
