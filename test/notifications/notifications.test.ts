import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventGridPublisher } from '../../src/azure/notification-publisher';
import { createGuardContext, evaluateResource, sweep, WriteBudget, type GuardContext } from '../../src/engine';
import { drainOutbox, exceptionNotification } from '../../src/engine/notifications';
import { approveException, rejectException, requestException, revokeException } from '../../src/engine/exception-workflow';
import { reconcileExceptions } from '../../src/engine/expiry';
import { notificationDataSchema } from '../../src/model';
import { amlWs001 } from '../../src/rules/aml-ws-001';
import { startHarness, workspace, type Harness } from '../support/harness';

const SUB = '3e1d2c3b-4a5f-4e6d-8c7b-6a5f4e3d2c1b';
const PUBLIC = { ...workspace(SUB, 'rg-ml', 'ws-public', { publicNetworkAccess: 'Enabled' }), tags: { Owner: 'team-vision@contoso.com' } };
const SECOND = workspace(SUB, 'rg-ml', 'ws-second', { publicNetworkAccess: 'Enabled' });
const THIRD = workspace(SUB, 'rg-ml', 'ws-third', { publicNetworkAccess: 'Enabled' });
const SUB2 = '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d';
const BROKEN = { ...workspace(SUB2, 'rg-locked', 'ws-broken', { publicNetworkAccess: 'Enabled' }), tags: { owner: 'data-eng@contoso.com' } };
const SUB3 = '6f5e4d3c-2b1a-4f0e-8d9c-7b6a5f4e3d2c';
const costWorkspace = (name: string) => workspace(SUB3, 'rg-cost', name, { publicNetworkAccess: 'Enabled' });
const COST_A = costWorkspace('ws-cost-a');
const COST_B = costWorkspace('ws-cost-b');
const COST_C = costWorkspace('ws-cost-c');
const TOPIC_PATH = '/eventgrid/topics/aml-guard/api/events';

let h: Harness;
let ctx: GuardContext;

beforeAll(async () => {
  h = await startHarness([PUBLIC, SECOND, THIRD, BROKEN, COST_A, COST_B, COST_C], { rules: [amlWs001] });
  const notifications = eventGridPublisher({ endpoint: h.sandbox.topicEndpoint(), credential: h.sandbox.credential(), ca: h.sandbox.ca, maxRetries: 1 });
  ctx = createGuardContext({
    arm: { endpoint: h.sandbox.endpoint, credential: h.sandbox.credential(), ca: h.sandbox.ca },
    store: h.store,
    config: h.ctx.config,
    rules: [amlWs001],
    notifications,
  });
});
afterAll(() => h.close());

const ofType = (type: string) => h.sandbox.published.filter((e) => e.type === type);

describe('notifications to the Event Grid topic', () => {
  it('a remediation applied against the sandbox publishes AmlGuard.Remediation.Applied, as a CloudEvent with rule, resource, owner and finding', async () => {
    const result = await sweep(ctx, { subscriptions: [SUB], budget: new WriteBudget(1) });
    expect(result.actions.filter((a) => a.outcome === 'applied').map((a) => a.resourceId)).toHaveLength(1);
    const applied = ofType('AmlGuard.Remediation.Applied');
    expect(applied).toHaveLength(1);
    const event = applied[0]!;
    expect(event).toMatchObject({ specversion: '1.0', source: '/aml-guard', topic: 'aml-guard', datacontenttype: 'application/json' });
    const data = notificationDataSchema.parse(event.data);
    expect(data.ruleId).toBe('AML-WS-001');
    expect(data.ruleTitle).toBe(amlWs001.title);
    expect(event.subject).toBe(data.resourceId);
    expect(data.action).toMatchObject({ outcome: 'applied', before: 'Enabled', after: 'Disabled' });
    expect(data.finding).toMatchObject({ ruleId: 'AML-WS-001', status: 'resolved', resourceId: data.resourceId });
    // The owner is the ownership tag of the resource written (tag names are case-insensitive in ARM).
    const owners: Record<string, string> = { [PUBLIC.id]: 'team-vision@contoso.com', [SECOND.id]: 'ml-platform', [THIRD.id]: 'ml-platform' };
    expect(data.owner).toBe(owners[data.resourceId]);
    // Skipped-cap decisions are not published: nobody was changed.
    expect(h.sandbox.published.filter((e) => e.type.startsWith('AmlGuard.Remediation.'))).toHaveLength(1);
    // The wire: one authenticated POST of a CloudEvents batch, recorded in the sandbox log.
    const posts = h.sandbox.requests.filter((r) => r.path === TOPIC_PATH);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ method: 'POST', status: 200, apiVersion: '2018-01-01' });
  });

  it('a write ARM refuses publishes AmlGuard.Remediation.Failed with the error, to the owner of the resource', async () => {
    h.sandbox.injectFault({ method: 'PATCH', pathPattern: /ws-broken/, status: 409, code: 'ScopeLocked', message: 'The scope is locked by a management lock', times: 1 });
    const before = h.sandbox.published.length;
    const result = await evaluateResource(ctx, BROKEN.id, { budget: new WriteBudget(5) });
    expect(result.actions.map((a) => a.outcome)).toEqual(['failed']);
    const failed = h.sandbox.published.slice(before);
    expect(failed.map((e) => e.type)).toEqual(['AmlGuard.Remediation.Failed']);
    const data = notificationDataSchema.parse(failed[0]!.data);
    expect(data).toMatchObject({ ruleId: 'AML-WS-001', resourceId: BROKEN.id, owner: 'data-eng@contoso.com' });
    expect(data.action).toMatchObject({ outcome: 'failed' });
    expect(String(data.action?.error)).toMatch(/locked/);
    expect(data.finding).toMatchObject({ status: 'open' });
  });

  it('a topic answering 500 does not fail the remediation; the event waits in the outbox and the next drain delivers it', async () => {
    h.sandbox.injectFault({ method: 'POST', pathPattern: /\/eventgrid\/topics\//, status: 500, code: 'InternalServerError', message: 'topic down', times: 2 });
    const before = h.sandbox.published.length;
    const result = await sweep(ctx, { subscriptions: [SUB], budget: new WriteBudget(1) });
    const applied = result.actions.filter((a) => a.outcome === 'applied');
    expect(applied).toHaveLength(1);
    expect(result.errors).toEqual([]);
    expect(h.sandbox.getResource(applied[0]!.resourceId)?.properties?.publicNetworkAccess).toBe('Disabled');
    expect(h.sandbox.published.length).toBe(before);
    const kept = await h.store.outbox.list();
    expect(kept.map((k) => [k.notification.type, k.notification.subject, k.attempts])).toEqual([['AmlGuard.Remediation.Applied', applied[0]!.resourceId, 1]]);

    // The expiry timer drains the outbox.
    await reconcileExceptions(ctx, {});
    expect(await h.store.outbox.list()).toEqual([]);
    const delivered = h.sandbox.published.slice(before);
    expect(delivered.map((e) => [e.type, e.subject, e.id])).toEqual([['AmlGuard.Remediation.Applied', applied[0]!.resourceId, kept[0]!.notification.id]]);
  });

  it('publishes every exception decision: requested, approved, expiring within 24 h, revoked, rejected, expired', async () => {
    const requester = { oid: 'aaaaaaaa-0000-4000-8000-00000000000a', name: 'dana', isApprover: false };
    const approver = { oid: 'bbbbbbbb-0000-4000-8000-00000000000b', name: 'sam', isApprover: true };
    const start = h.sandbox.published.length;
    const e1 = await requestException(ctx, requester, { scope: PUBLIC.id, ruleId: 'AML-WS-001', reason: 'partner pilot', durationHours: 12 });
    await approveException(ctx, approver, e1.id);
    // Ends within 24 h: one Expiring notice, not repeated by the next run.
    await reconcileExceptions(ctx, {});
    await reconcileExceptions(ctx, {});
    await revokeException(ctx, approver, e1.id, 'pilot over');
    const e2 = await requestException(ctx, requester, { scope: SECOND.id, ruleId: 'AML-WS-001', reason: 'demo', durationHours: 48 });
    await rejectException(ctx, approver, e2.id, 'no');
    const e3 = await requestException(ctx, requester, { scope: THIRD.id, ruleId: 'AML-WS-001', reason: 'short', durationHours: 1 });
    await approveException(ctx, approver, e3.id);
    await reconcileExceptions(ctx, {});
    await reconcileExceptions(ctx, { now: new Date(Date.now() + 2 * 3600_000) });

    const mine = h.sandbox.published.slice(start).filter((e) => e.type.startsWith('AmlGuard.Exception.'));
    const byExc = (id: string) => mine.filter((e) => notificationDataSchema.parse(e.data).exception?.id === id).map((e) => e.type);
    expect(byExc(e1.id)).toEqual(['AmlGuard.Exception.Requested', 'AmlGuard.Exception.Approved', 'AmlGuard.Exception.Expiring', 'AmlGuard.Exception.Revoked']);
    expect(byExc(e2.id)).toEqual(['AmlGuard.Exception.Requested', 'AmlGuard.Exception.Rejected']);
    expect(byExc(e3.id)).toEqual(['AmlGuard.Exception.Requested', 'AmlGuard.Exception.Approved', 'AmlGuard.Exception.Expiring', 'AmlGuard.Exception.Expired']);
    const approved = notificationDataSchema.parse(mine.find((e) => e.type === 'AmlGuard.Exception.Approved')!.data);
    expect(approved).toMatchObject({ ruleId: 'AML-WS-001', resourceId: PUBLIC.id, owner: 'team-vision@contoso.com', ruleTitle: amlWs001.title });
    expect(approved.finding).toMatchObject({ ruleId: 'AML-WS-001', resourceId: PUBLIC.id });
    expect(approved.exception).not.toHaveProperty('etag');
  });

  it('costs no table transaction when the topic accepts, one (the outbox batch) when it refuses; one POST per evaluation', async () => {
    const cost = async (c: GuardContext, id: string) => {
      const before = h.store.stats().transactions;
      const posts = h.sandbox.requests.filter((r) => r.path === TOPIC_PATH).length;
      const r = await evaluateResource(c, id, { budget: new WriteBudget(5) });
      expect(r.actions.map((a) => a.outcome)).toEqual(['applied']);
      return { transactions: h.store.stats().transactions - before, posts: h.sandbox.requests.filter((x) => x.path === TOPIC_PATH).length - posts };
    };
    const without = await cost(h.ctx, COST_A.id);
    const up = await cost(ctx, COST_B.id);
    h.sandbox.injectFault({ method: 'POST', pathPattern: /\/eventgrid\/topics\//, status: 503, code: 'ServiceUnavailable', message: 'down', times: 2 });
    const down = await cost(ctx, COST_C.id);
    expect(without.posts).toBe(0);
    expect(up).toEqual({ transactions: without.transactions, posts: 1 });
    // maxRetries 1 here: the first try and one retry, then the outbox.
    expect(down).toEqual({ transactions: without.transactions + 1, posts: 2 });
    await reconcileExceptions(ctx, {});
    expect(await h.store.outbox.list()).toEqual([]);
  });

  it('an event the topic rejects (400) never holds the others back: the batch is retried one by one, and after 3 rejections it is dropped with an error', async () => {
    const errors: string[] = [];
    const logged: GuardContext = { ...ctx, log: { info() {}, warn() {}, error: (m) => errors.push(m) } };
    const make = (n: number) => exceptionNotification(
      { id: `00000000-0000-4000-8000-00000000000${n}`, subscriptionId: SUB, scope: PUBLIC.id, ruleId: 'AML-WS-001', status: 'pending', reason: `r${n}`, durationHours: 1, requestedBy: 'x', createdAt: new Date().toISOString() },
      'request',
      { rules: [amlWs001], now: new Date(Date.now() + n), findings: [], summary: `request ${n}` },
    );
    const [bad, good] = [make(1), make(2)];
    await h.store.outbox.keep([bad, good].map((notification) => ({ notification, attempts: 1, lastError: 'earlier outage' })));
    const fault = { method: 'POST', pathPattern: /\/eventgrid\/topics\//, status: 400, code: 'BadRequest', message: 'the event is not valid' } as const;
    // The batch of two is rejected, then the first alone; the second alone goes through.
    h.sandbox.injectFault({ ...fault, times: 2 });
    const before = h.sandbox.published.length;
    expect(await drainOutbox(logged)).toEqual({ delivered: 1, stillPending: 1 });
    expect(h.sandbox.published.slice(before).map((e) => e.id)).toEqual([good.id]);
    expect((await h.store.outbox.list()).map((p) => [p.notification.id, p.attempts])).toEqual([[bad.id, 2]]);
    h.sandbox.injectFault({ ...fault, times: 1 });
    expect(await drainOutbox(logged)).toEqual({ delivered: 0, stillPending: 0 });
    expect(await h.store.outbox.list()).toEqual([]);
    expect(errors.join('\n')).toMatch(new RegExp(`dropped after 3 rejections .*AmlGuard\\.Exception\\.Requested .*${bad.id}`));
  });

  it('the sandbox topic refuses a publish without a valid token, and a batch that is not CloudEvents', async () => {
    const noToken = await fetchTopic({ 'content-type': 'application/cloudevents-batch+json' }, '[]');
    expect(noToken.status).toBe(401);
    const token = (await h.sandbox.credential().getToken('https://eventgrid.azure.net/.default'))!.token;
    const notCloudEvents = await fetchTopic({ authorization: `Bearer ${token}`, 'content-type': 'application/cloudevents-batch+json' }, JSON.stringify([{ id: '1', eventType: 'x' }]));
    expect(notCloudEvents.status).toBe(400);
    expect(((await notCloudEvents.json()) as { error: { message: string } }).error.message).toMatch(/specversion/);
  });
});

async function fetchTopic(headers: Record<string, string>, body: string): Promise<{ status: number; json(): Promise<unknown> }> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = request(`${h.sandbox.topicEndpoint()}?api-version=2018-01-01`, { method: 'POST', headers, ca: h.sandbox.ca }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: async () => JSON.parse(text) as unknown }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
