import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventGridPublisher } from '../../src/azure/notification-publisher';
import { idleShutdown } from '../../src/engine/idle-shutdown';
import { notificationDataSchema } from '../../src/model';
import { startHarness, type Harness } from '../support/harness';
import { computeInstance, hoursBefore, op, workspace } from '../engine/idle-estate';

const SUB = '4c3b2a19-0f8e-4d7c-9b6a-5f4e3d2c1b0a';
const NOW = new Date('2026-11-25T01:00:00.000Z');
const WS = workspace(SUB, 'rg-ml', 'ws-idle', { publicNetworkAccess: 'Disabled' });
const IDLE = { ...computeInstance(WS.id, 'ci-idle', { state: 'Running', lastOperation: op('Start', hoursBefore(NOW, 6)) }), tags: { owner: 'vision-team@contoso.com' } };

let h: Harness;
beforeAll(async () => {
  h = await startHarness([WS, IDLE], { now: NOW });
});
afterAll(() => h.close());

describe('notifications from the nightly idle shutdown', () => {
  it('a compute instance stopped for idleness publishes AmlGuard.Remediation.Applied to its owner', async () => {
    const ctx = { ...h.ctx, notifications: eventGridPublisher({ endpoint: h.sandbox.topicEndpoint(), credential: h.sandbox.credential(), ca: h.sandbox.ca }) };
    const result = await idleShutdown(ctx, { subscriptions: [SUB] });
    expect(result.actions.map((a) => [a.resourceId, a.outcome])).toEqual([[IDLE.id, 'applied']]);
    expect(h.sandbox.published.map((e) => [e.type, e.subject])).toEqual([['AmlGuard.Remediation.Applied', IDLE.id]]);
    const data = notificationDataSchema.parse(h.sandbox.published[0]!.data);
    expect(data).toMatchObject({ ruleId: 'AML-CMP-007', owner: 'vision-team@contoso.com' });
    expect(data.action).toMatchObject({ action: 'stop-compute', outcome: 'applied', before: 'Running' });
    expect(data.finding).toMatchObject({ ruleId: 'AML-CMP-007', status: 'resolved' });
  });
});
