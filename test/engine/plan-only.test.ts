import { describe, expect, it } from 'vitest';
import { handleEventMessage, sweep, WriteBudget } from '../../src/engine';
import { egEvent } from '../events/helpers';
import { amlWs001 } from '../../src/rules/aml-ws-001';
import { startHarness, workspace } from '../support/harness';

const SUB = 'cc33cc33-0000-4000-8000-0000000000c3';
const estate = [0, 1, 2].map((i) => workspace(SUB, 'rg-plan', `ws-${i}`, { publicNetworkAccess: 'Enabled' }));

describe('plan only (the CLI without --remediate)', () => {
  it('decides as an enforcing run (cap included) but sends no write and records no intent; the real run then makes exactly the planned writes', async () => {
    const h = await startHarness(estate, { rules: [amlWs001], config: { mode: 'enforce' } });
    try {
      const plan = await sweep({ ...h.ctx, planOnly: true }, { subscriptions: [SUB], budget: new WriteBudget(2) });
      expect(plan.actions.map((a) => a.outcome)).toEqual(['planned', 'planned', 'skipped-cap']);
      expect(plan.actions.filter((a) => a.outcome === 'planned').map((a) => [a.before, a.after])).toEqual([['Enabled', 'Disabled'], ['Enabled', 'Disabled']]);
      expect(plan.findings.map((f) => f.status)).toEqual(['open', 'open', 'open']);
      expect(h.writes()).toEqual([]);
      expect((await h.store.audit.list({})).map((a) => a.outcome).sort()).toEqual(['planned', 'planned', 'skipped-cap']);

      const real = await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(2) });
      expect(real.actions.map((a) => a.outcome)).toEqual(['applied', 'applied', 'skipped-cap']);
      expect(real.actions.slice(0, 2).map((a) => a.resourceId)).toEqual(plan.actions.slice(0, 2).map((a) => a.resourceId));
      expect(h.writes().map((w) => w.method)).toEqual(['PATCH', 'PATCH']);
    } finally {
      await h.close();
    }
  });

  it('an event handled plan-only is not claimed: the same event handled for real later is fixed, not a duplicate', async () => {
    const h = await startHarness([estate[0]!], { rules: [amlWs001] });
    try {
      const event = egEvent({ id: 'ab0ab0ab-0000-4000-8000-000000000001', subject: estate[0]!.id, data: { subscriptionId: SUB, operationName: 'Microsoft.MachineLearningServices/workspaces/write' } });
      const plan = await handleEventMessage({ ...h.ctx, planOnly: true }, [event]);
      expect(plan.actions.map((a) => a.outcome)).toEqual(['planned']);
      const real = await handleEventMessage(h.ctx, [event]);
      expect(real.ignored).toEqual([]);
      expect(real.actions.map((a) => a.outcome)).toEqual(['applied']);
      const again = await handleEventMessage(h.ctx, [event]);
      expect(again.ignored).toEqual([{ eventId: event.id, reason: expect.stringContaining('duplicate') }]);
    } finally {
      await h.close();
    }
  });
});
