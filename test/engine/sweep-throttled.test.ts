import { describe, expect, it } from 'vitest';
import { hasFailures, sweep, WriteBudget } from '../../src/engine';
import { syntheticEstate, syntheticSubscription } from '../../bench/synthetic-estate';
import { startHarness } from '../support/harness';

const SUB = syntheticSubscription(0);
const GRAPH = /^\/providers\/Microsoft\.ResourceGraph\/resources$/i;

describe('throttling never loses a resource', () => {
  it('a first sweep listing from ARM against a sandbox at a fraction of ARM limits: many 429s, every exposure fixed, no resource lost', async () => {
    // 12 workspaces, each with storage and a compute instance, every one exposed
    const h = await startHarness(syntheticEstate(12, 1, { exposedEvery: 1 }), {
      // the client believes it has 4x the budget the sandbox grants (other callers share the subscription's), so it
      // outruns the sandbox and 429s happen whatever the machine's speed
      rateLimit: { reads: { capacity: 10, refillPerSecond: 25 }, writes: { capacity: 5, refillPerSecond: 10 } },
      config: { maxWritesPerRun: 1000, armRateLimit: '1000:100:1000:100' },
    });
    try {
      // Resource Graph refused: the sweep reads everything from ARM, the heaviest read load
      h.sandbox.injectFault({ method: 'POST', pathPattern: GRAPH, status: 403, code: 'AuthorizationFailed', message: 'no Resource Graph', times: 10 });
      const result = await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(1000) });
      const throttled = h.sandbox.requests.filter((r) => r.status === 429).length;
      expect(throttled).toBeGreaterThan(0);
      expect(result.errors).toEqual([]);
      expect(hasFailures(result)).toBe(false);
      for (const r of h.sandbox.estate()) {
        if (r.type.endsWith('/workspaces') || r.type.endsWith('/storageAccounts')) expect([r.id, r.properties?.publicNetworkAccess]).toEqual([r.id, 'Disabled']);
      }
      const stopped = h.sandbox.estate().filter((r) => r.type.endsWith('/computes')).map((r) => (r.properties?.properties as { state?: string } | undefined)?.state);
      expect(stopped).toEqual(Array(12).fill('Stopped'));
    } finally {
      await h.close();
    }
  }, 120_000);

  it('what ARM will not answer before the run deadline is reported, not skipped: an unreadable resource, a failed listing; the run fails', async () => {
    const h = await startHarness(syntheticEstate(3, 1, { exposedEvery: 0 }), { config: { sweepItemDeadlineSeconds: 2 } });
    try {
      h.sandbox.injectFault({ method: 'POST', pathPattern: GRAPH, status: 403, code: 'AuthorizationFailed', message: 'no Resource Graph', times: 100 });
      h.sandbox.injectFault({ method: 'GET', pathPattern: /workspaces\/ws-1\/computes$/i, status: 503, code: 'ServiceUnavailable', message: 'down', times: 1000 });
      const started = Date.now();
      const unreadable = await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(0) });
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(unreadable.errors.map((e) => e.resourceId)).toEqual([expect.stringMatching(/\/workspaces\/ws-1$/)]);
      expect(unreadable.errors[0]!.error).toMatch(/503/);
      expect(hasFailures(unreadable)).toBe(true);
      expect(await h.store.runs.lastSweep()).toMatchObject({ completed: false, failed: 1 });

      h.sandbox.clearFaults();
      h.sandbox.injectFault({ method: 'POST', pathPattern: GRAPH, status: 403, code: 'AuthorizationFailed', message: 'no Resource Graph', times: 100 });
      h.sandbox.injectFault({ method: 'GET', pathPattern: /\/workspaces$/i, status: 429, code: 'TooManyRequests', message: 'throttled', retryAfterSeconds: 1, times: 1000 });
      const unlisted = await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(0) });
      expect(unlisted.errors.map((e) => e.resourceId)).toEqual([`/subscriptions/${SUB}`]);
      expect(unlisted.errors[0]!.error).toMatch(/listing workspaces failed: HTTP 429/);
      expect(hasFailures(unlisted)).toBe(true);
    } finally {
      await h.close();
    }
  }, 60_000);
});
