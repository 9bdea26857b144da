import { it } from 'vitest';
import { handleEventMessage } from '../src/engine';
import { startHarness } from '../test/support/harness';
import { syntheticEstate } from '../bench/synthetic-estate';
import { USER_PRINCIPAL, type EventGridEvent } from '../src/sandbox';
import { parseArmId } from '../src/model';
import { sweep, WriteBudget } from '../src/engine';

it('measure', async () => {
  const h = await startHarness(syntheticEstate(2));
  await sweep(h.ctx, { subscriptions: [], budget: new WriteBudget(100) });
  const events: EventGridEvent[] = [];
  h.sandbox.onEvent((e) => events.push(e));
  const ws = syntheticEstate(2)[0]!;
  const p = parseArmId(ws.id);
  await h.userMl(p.subscriptionId).workspaces.beginUpdateAndWait(p.resourceGroup!, p.names[0]!, { publicNetworkAccess: 'Enabled' }, { updateIntervalInMs: 5 });
  await new Promise((r) => setTimeout(r, 100));
  const user = events.find((e) => JSON.stringify(e.data.claims).includes(USER_PRINCIPAL.oid))!;
  const show = async (label: string, ev: EventGridEvent) => {
    h.sandbox.clearRequests(); events.length = 0;
    const tx0 = h.store.stats().transactions;
    process.env.TXTRACE = '1';
    const r = await handleEventMessage(h.ctx, [ev]);
    delete process.env.TXTRACE;
    console.log(label, r.actions.map((a) => a.outcome), 'ARM', h.sandbox.requests.map((q) => `${q.method} ${q.path.split('/').slice(-2).join('/')}`), 'TX', h.store.stats().transactions - tx0);
    await new Promise((r) => setTimeout(r, 100));
    return [...events];
  };
  const after = await show('fixed', user);
  const echo = after.find((e) => e.eventType === 'Microsoft.Resources.ResourceWriteSuccess')!;
  await show('echo', echo);
  await show('compliant', { ...user, id: 'aaaaaaaa-0000-4000-8000-000000000009' });
  await h.close();
});
