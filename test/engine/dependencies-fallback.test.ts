import { StorageManagementClient } from '@azure/arm-storage';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../../src/resources/api-versions';
import { handleEventMessage, sweep, WriteBudget } from '../../src/engine';
import { linksBuiltKey } from '../../src/engine/related/dependency-links';
import { isWriteRequest, USER_PRINCIPAL, type EventGridEvent } from '../../src/sandbox';
import { approvedConnection, storageAccount, storageId } from '../support/dependency-estate';
import { rgAndName, startHarness, workspace, type Harness } from '../support/harness';

const SUB = '8e3f4a51-6b7c-4d8e-9fa0-1b2c3d4e5f60';
const ST = storageId(SUB, 'RG-Data', 'stshared');
const ST_LONE = storageId(SUB, 'rg-data', 'stlone');
const PE = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/privateEndpoints/pe-ws`;
const WS = workspace(SUB, 'rg-ml', 'ws-a', { publicNetworkAccess: 'Disabled', storageAccount: ST.replace('RG-Data', 'rg-data') });
const WS_B = workspace(SUB, 'rg-ml2', 'ws-b', { publicNetworkAccess: 'Enabled', storageAccount: ST, keyVault: '' });

let h: Harness;
let user: StorageManagementClient;
beforeAll(async () => {
  h = await startHarness([WS, WS_B, storageAccount(ST, { publicNetworkAccess: 'Disabled', privateEndpointConnections: [approvedConnection(ST)] }), storageAccount(ST_LONE)], { pageSize: 1 });
  user = new StorageManagementClient(h.sandbox.credential(USER_PRINCIPAL), SUB, { endpoint: h.sandbox.endpoint, apiVersion: API_VERSIONS.storage, tlsOptions: { ca: h.sandbox.ca } });
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.clearRequests());

async function userOpens(id: string): Promise<EventGridEvent> {
  const [rg, name] = rgAndName(id);
  const before = h.sandbox.events.length;
  await user.storageAccounts.update(rg, name, { publicNetworkAccess: 'Enabled' });
  h.sandbox.clearRequests();
  return h.sandbox.events.slice(before).find((e) => e.eventType === 'Microsoft.Resources.ResourceWriteSuccess')!;
}

describe('before the first sweep (no link index for the subscription)', () => {
  it('lists the subscription\'s workspaces once, stores their links (keeping other relations) and fixes the linked account', async () => {
    expect(await h.store.state.get(linksBuiltKey(SUB))).toBeUndefined();
    await h.store.links.replaceFrom(WS.id, [{ sourceId: WS.id, targetId: PE, relation: 'privateEndpoint' }]);
    const event = await userOpens(ST);
    const result = await handleEventMessage(h.ctx, [event]);
    const dep = result.actions.filter((a) => a.ruleId === 'AML-DEP-001');
    expect(dep.map((a) => a.outcome)).toEqual(['applied']);
    // ws-b is public: the summary warns that closing the account may break it
    expect(dep[0]!.summary).toMatch(/WARNING.*workspace ws-b is itself reachable from the internet/);
    expect(h.sandbox.requests.filter((r) => r.path.endsWith('/workspaces')).map((r) => r.query.$skiptoken)).toEqual([undefined, '1']);
    expect(h.sandbox.requests.filter(isWriteRequest).map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH ${ST}`]);

    expect((await h.store.links.linksTo(ST)).map((l) => l.sourceId).sort()).toEqual([WS.id, WS_B.id].sort());
    expect((await h.store.links.linksFrom(WS.id)).map((l) => l.relation).sort()).toEqual(['privateEndpoint', 'storageAccount']);
    expect(await h.store.links.linksFrom(WS_B.id)).toHaveLength(1); // keyVault '' is no link
  });

  it('an account no workspace links: listed, not applicable, no finding and no write', async () => {
    const event = await userOpens(ST_LONE);
    const result = await handleEventMessage(h.ctx, [event]);
    expect(result.findings).toEqual([]);
    expect(h.sandbox.requests.filter(isWriteRequest)).toEqual([]);
  });

  it('after a sweep the index is used instead of listing: one event costs the GETs of the account and its workspaces', async () => {
    await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(25) });
    expect(await h.store.state.get(linksBuiltKey(SUB))).toBeDefined();
    const event = await userOpens(ST);
    await handleEventMessage(h.ctx, [event]);
    expect(h.sandbox.requests.some((r) => r.path.endsWith('/workspaces'))).toBe(false);
    expect(h.sandbox.getResource(ST)?.properties?.publicNetworkAccess).toBe('Disabled');
  });

  it('a stale index entry (workspace deleted without an event) is repaired and links nothing', async () => {
    await h.store.links.replaceFrom(`/subscriptions/${SUB}/resourceGroups/rg-gone/providers/Microsoft.MachineLearningServices/workspaces/ws-gone`, [
      { sourceId: `/subscriptions/${SUB}/resourceGroups/rg-gone/providers/Microsoft.MachineLearningServices/workspaces/ws-gone`, targetId: ST_LONE, relation: 'storageAccount' },
    ]);
    const event = await userOpens(ST_LONE);
    const result = await handleEventMessage(h.ctx, [event]);
    expect(result.findings).toEqual([]);
    expect(await h.store.links.linksTo(ST_LONE)).toEqual([]);
  });
});
