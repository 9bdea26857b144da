import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSweep, sweepWorkMessage, type RunResult } from '../../src/engine';
import { queueClient } from '../../src/store';
import { syntheticEstate, syntheticSubscription } from '../../bench/synthetic-estate';
import { startHarness, type Harness } from '../support/harness';
import { testConnection } from '../support/store';

const SUBSCRIPTIONS = Array.from({ length: 5 }, (_, i) => syntheticSubscription(i));
let h: Harness;

beforeAll(async () => {
  h = await startHarness(syntheticEstate(10, 5), { config: { mode: 'audit', sweepSubscriptionsPerItem: 2 } });
});
afterAll(() => h.close());

describe('sweep fan-out: the timer plans work items on a queue, workers evaluate them, the run record says whether the sweep completed', () => {
  it('items travel through a storage queue (base64 JSON, as the output binding writes them) and each worker adds its outcome', async () => {
    const queue = queueClient(testConnection(), `sweep-${Date.now() % 1_000_000}`);
    await queue.create();
    const plan = await planSweep(h.ctx, { subscriptions: SUBSCRIPTIONS });
    expect(plan.items.map((i) => i.subscriptions.length)).toEqual([2, 2, 1]);
    for (const item of plan.items) await queue.sendMessage(Buffer.from(JSON.stringify(item)).toString('base64'));
    expect(await h.store.runs.lastSweep()).toMatchObject({ runId: plan.runId, planned: 3, done: 0, completed: false });

    const results: RunResult[] = [];
    for (;;) {
      const { receivedMessageItems: got } = await queue.receiveMessages({ numberOfMessages: 32 });
      if (got.length === 0) break;
      for (const m of got) {
        results.push(await sweepWorkMessage(h.ctx, m.messageText));
        await queue.deleteMessage(m.messageId, m.popReceipt);
      }
    }
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    // every subscription's exposed workspace (audit mode: open findings) was judged exactly once
    const open = results.flatMap((r) => r.findings).filter((f) => f.ruleId === 'AML-WS-001' && f.status === 'open');
    expect(new Set(open.map((f) => f.subscriptionId)).size).toBe(5);
    expect(await h.store.runs.lastSweep()).toMatchObject({ runId: plan.runId, planned: 3, done: 3, failed: 0, completed: true });
    await queue.delete();
  });

  it('a message that is not a work item is kept as poison with its reason, and the run is untouched', async () => {
    const plan = await planSweep(h.ctx, { subscriptions: SUBSCRIPTIONS });
    const result = await sweepWorkMessage(h.ctx, JSON.stringify({ runId: plan.runId, index: 0, subscriptions: ['not-a-guid'] }));
    expect(result.errors[0]!.error).toMatch(/malformed sweep work item: .*subscriptions/);
    expect((await h.store.poison.list({})).some((p) => p.source === 'sweepWorker' && /subscription GUID/.test(p.reason))).toBe(true);
    expect(await h.store.runs.lastSweep()).toMatchObject({ runId: plan.runId, planned: 3, done: 0, completed: false });
  });
});
