import { StorageManagementClient } from '@azure/arm-storage';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../../src/resources/api-versions';
import { handleEventMessage, sweep, WriteBudget, type RunResult } from '../../src/engine';
import { idKey } from '../../src/model';
import { isWriteRequest, USER_PRINCIPAL, type EventGridEvent } from '../../src/sandbox';
import { keyVault, keyVaultId, registry, registryId, storageAccount, storageId } from '../support/dependency-estate';
import { rgAndName, startHarness, workspace, type Harness } from '../support/harness';

const SUB = '7d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const ST = storageId(SUB, 'rg-data', 'stlinked');
const ST_NEW = storageId(SUB, 'rg-data', 'stnew');
const ST_UNLINKED = storageId(SUB, 'rg-other', 'stunlinked');
const KV = keyVaultId(SUB, 'rg-sec', 'kvml');
const ACR = registryId(SUB, 'rg-img', 'acrml');
const WS_PROPS = {
  publicNetworkAccess: 'Disabled',
  // the workspace spells its storage account id in lower case: ids compare case-insensitively
  storageAccount: ST.toLowerCase(),
  keyVault: KV,
  containerRegistry: ACR,
  managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' },
};
const WS = workspace(SUB, 'rg-ml', 'ws-main', WS_PROPS);
const MINE = new Set(['AML-DEP-001', 'AML-DEP-002', 'AML-DEP-003', 'AML-GOV-001']);

let h: Harness;
let userStorage: StorageManagementClient;

beforeAll(async () => {
  h = await startHarness([
    WS,
    storageAccount(ST, { publicNetworkAccess: 'Enabled' }),
    storageAccount(ST_NEW, { publicNetworkAccess: 'Enabled' }),
    storageAccount(ST_UNLINKED, { publicNetworkAccess: 'Enabled' }),
    keyVault(KV, { publicNetworkAccess: 'Enabled' }),
    registry(ACR, { publicNetworkAccess: 'Disabled', adminUserEnabled: true }),
  ]);
  userStorage = new StorageManagementClient(h.sandbox.credential(USER_PRINCIPAL), SUB, { endpoint: h.sandbox.endpoint, apiVersion: API_VERSIONS.storage, tlsOptions: { ca: h.sandbox.ca } });
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.clearRequests());

const mine = (r: RunResult) => r.actions.filter((a) => MINE.has(a.ruleId)).map((a) => `${a.ruleId}:${a.outcome}:${a.resourceId.split('/').pop()}`).sort();
const writes = () => h.sandbox.requests.filter(isWriteRequest).map((r) => ({ method: r.method, path: r.path, apiVersion: r.apiVersion, body: r.body }));

/** A data scientist opens a storage account to the internet; returns the event ARM emitted. */
async function userOpens(id: string): Promise<EventGridEvent> {
  const [rg, name] = rgAndName(id);
  const before = h.sandbox.events.length;
  await userStorage.storageAccounts.update(rg, name, { publicNetworkAccess: 'Enabled' });
  const event = h.sandbox.events.slice(before).find((e) => e.eventType === 'Microsoft.Resources.ResourceWriteSuccess');
  if (!event) throw new Error('no write event');
  expect(event.data.operationName).toBe('Microsoft.Storage/storageAccounts/write');
  h.sandbox.clearRequests();
  return event;
}

describe('sweep over a workspace and its dependencies', () => {
  it('builds the link index, fixes the linked storage, key vault and registry, and leaves the unlinked account alone', async () => {
    const result = await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(25) });
    expect(mine(result)).toEqual(['AML-DEP-001:applied:kvml', 'AML-DEP-001:applied:stlinked', 'AML-DEP-003:applied:acrml']);
    expect(writes().filter((w) => !w.path.includes('MachineLearningServices'))).toEqual(
      expect.arrayContaining([
        { method: 'PATCH', path: ST, apiVersion: API_VERSIONS.storage, body: { properties: { publicNetworkAccess: 'Disabled' } } },
        { method: 'PATCH', path: KV, apiVersion: API_VERSIONS.keyVault, body: { properties: { publicNetworkAccess: 'Disabled' } } },
        { method: 'PATCH', path: ACR, apiVersion: API_VERSIONS.containerRegistry, body: { properties: { adminUserEnabled: false } } },
      ]),
    );
    expect(writes().some((w) => idKey(w.path) === idKey(ST_UNLINKED) || idKey(w.path) === idKey(ST_NEW))).toBe(false);
    expect(h.sandbox.getResource(ST)?.properties?.publicNetworkAccess).toBe('Disabled');
    expect(h.sandbox.getResource(KV)?.properties?.publicNetworkAccess).toBe('Disabled');
    expect(h.sandbox.getResource(ACR)?.properties?.adminUserEnabled).toBe(false);
    expect(h.sandbox.getResource(ST_UNLINKED)?.properties?.publicNetworkAccess).toBe('Enabled');

    const links = await h.store.links.linksFrom(WS.id);
    expect(links.filter((l) => MINE_RELATIONS.has(l.relation)).map((l) => `${l.relation}:${l.targetId}`).sort()).toEqual(
      [`containerRegistry:${ACR}`, `keyVault:${KV}`, `storageAccount:${ST.toLowerCase()}`].sort(),
    );
    expect(await h.store.findings.listForResourcePrefix(ST_UNLINKED)).toEqual([]);
    // DEP-002 (audit, report only) stays open on the linked account
    const st = await h.store.findings.listForResourcePrefix(ST);
    expect(st.map((f) => `${f.ruleId}:${f.status}`).sort()).toEqual(['AML-DEP-001:resolved', 'AML-DEP-002:open']);
  });
});

const MINE_RELATIONS = new Set(['storageAccount', 'keyVault', 'containerRegistry']);

describe('events about dependencies', () => {
  it('a linked storage account made public is fixed from its event, with one PATCH', async () => {
    const event = await userOpens(ST);
    const result = await handleEventMessage(h.ctx, [event]);
    expect(mine(result)).toEqual(['AML-DEP-001:applied:stlinked']);
    expect(writes()).toEqual([{ method: 'PATCH', path: ST, apiVersion: API_VERSIONS.storage, body: { properties: { publicNetworkAccess: 'Disabled' } } }]);
    expect(result.actions.find((a) => a.ruleId === 'AML-DEP-001')?.summary).toMatch(/^set publicNetworkAccess to Disabled — WARNING.*stlinked has no approved private endpoint/);
    expect(h.sandbox.getResource(ST)?.properties?.publicNetworkAccess).toBe('Disabled');
  });

  it('the same event for an unlinked storage account: no finding, no write', async () => {
    const event = await userOpens(ST_UNLINKED);
    const result = await handleEventMessage(h.ctx, [event]);
    expect(result.actions).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(writes()).toEqual([]);
    expect(await h.store.findings.listForResourcePrefix(ST_UNLINKED)).toEqual([]);
  });

  it('a workspace re-pointed to another storage account drops the old link: the old account is no longer its business', async () => {
    const [rg, name] = rgAndName(WS.id);
    const before = h.sandbox.events.length;
    await h.userMl(SUB).workspaces.beginCreateOrUpdateAndWait(rg, name, { location: WS.location, ...WS_PROPS, storageAccount: ST_NEW, publicNetworkAccess: 'Disabled' }, { updateIntervalInMs: 5 });
    const wsEvent = h.sandbox.events.slice(before).find((e) => e.eventType === 'Microsoft.Resources.ResourceWriteSuccess')!;
    await handleEventMessage(h.ctx, [wsEvent]);
    expect((await h.store.links.linksTo(ST)).filter((l) => l.relation === 'storageAccount')).toEqual([]);
    expect((await h.store.links.linksTo(ST_NEW)).map((l) => `${l.relation}:${l.sourceId}`)).toEqual([`storageAccount:${WS.id}`]);

    // the old account made public: nobody's storage any more, so nothing happens; its open DEP-002 resolves
    const opened = await userOpens(ST);
    const old = await handleEventMessage(h.ctx, [opened]);
    expect(old.actions).toEqual([]);
    expect(writes()).toEqual([]);
    expect((await h.store.findings.listForResourcePrefix(ST)).every((f) => f.status === 'resolved')).toBe(true);

    // the new one is the workspace's now: its next event is fixed
    const fresh = await userOpens(ST_NEW);
    expect(mine(await handleEventMessage(h.ctx, [fresh]))).toEqual(['AML-DEP-001:applied:stnew']);
  });
});
