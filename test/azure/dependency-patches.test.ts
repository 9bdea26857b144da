import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isWriteRequest } from '../../src/sandbox';
import { API_VERSIONS } from '../../src/resources/api-versions';
import type { RemediationAction } from '../../src/model';
import { keyVault, keyVaultId, registry, registryId, storageAccount, storageId } from '../support/dependency-estate';
import { startHarness, type Harness } from '../support/harness';

const SUB = '6c1e2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const ST = storageId(SUB, 'rg-data', 'stml');
const KV = keyVaultId(SUB, 'rg-sec', 'kv-ml');
const ACR = registryId(SUB, 'rg-img', 'acrml');

let h: Harness;
beforeAll(async () => {
  h = await startHarness([storageAccount(ST), keyVault(KV, { publicNetworkAccess: 'Enabled' }), registry(ACR, { adminUserEnabled: true, publicNetworkAccess: 'Enabled' })]);
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.clearRequests());

const set = (resourceId: string, path: string, value: string | boolean): RemediationAction => ({ kind: 'set-property', resourceId, path: [path], value });
const writes = () => h.sandbox.requests.filter(isWriteRequest).map((r) => ({ method: r.method, path: r.path, apiVersion: r.apiVersion, body: r.body }));
const props = (id: string) => h.sandbox.getResource(id)?.properties ?? {};

describe('dependency PATCHes: re-read, smallest body, read back', () => {
  it('storage publicNetworkAccess (missing = exposed): one synchronous PATCH with only that property', async () => {
    const before = props(ST);
    expect(before.publicNetworkAccess).toBeUndefined();
    const r = await h.ctx.executor.execute(set(ST, 'publicNetworkAccess', 'Disabled'));
    expect(r).toMatchObject({ outcome: 'applied', before: null, after: 'Disabled', wrote: true });
    expect(writes()).toEqual([{ method: 'PATCH', path: ST, apiVersion: API_VERSIONS.storage, body: { properties: { publicNetworkAccess: 'Disabled' } } }]);
    expect(props(ST)).toEqual({ ...before, publicNetworkAccess: 'Disabled' });
  });

  it('key vault publicNetworkAccess: PATCH with VaultPatchParameters carrying one property', async () => {
    const r = await h.ctx.executor.execute(set(KV, 'publicNetworkAccess', 'Disabled'));
    expect(r).toMatchObject({ outcome: 'applied', before: 'Enabled', after: 'Disabled' });
    expect(writes()).toEqual([{ method: 'PATCH', path: KV, apiVersion: API_VERSIONS.keyVault, body: { properties: { publicNetworkAccess: 'Disabled' } } }]);
    expect(props(KV).publicNetworkAccess).toBe('Disabled');
    expect(props(KV).accessPolicies).toHaveLength(1);
  });

  it('registry publicNetworkAccess and adminUserEnabled: one PATCH each, other properties untouched', async () => {
    const before = props(ACR);
    expect(await h.ctx.executor.execute(set(ACR, 'publicNetworkAccess', 'Disabled'))).toMatchObject({ outcome: 'applied', before: 'Enabled', after: 'Disabled' });
    expect(await h.ctx.executor.execute(set(ACR, 'adminUserEnabled', false))).toMatchObject({ outcome: 'applied', before: true, after: false });
    expect(writes()).toEqual([
      { method: 'PATCH', path: ACR, apiVersion: API_VERSIONS.containerRegistry, body: { properties: { publicNetworkAccess: 'Disabled' } } },
      { method: 'PATCH', path: ACR, apiVersion: API_VERSIONS.containerRegistry, body: { properties: { adminUserEnabled: false } } },
    ]);
    expect(props(ACR)).toEqual({ ...before, publicNetworkAccess: 'Disabled', adminUserEnabled: false });
  });

  it('already compliant: one GET, no write', async () => {
    const r = await h.ctx.executor.execute(set(ST, 'publicNetworkAccess', 'Disabled'));
    expect(r).toMatchObject({ outcome: 'already-compliant', wrote: false });
    expect(h.sandbox.requests.map((q) => q.method)).toEqual(['GET']);
  });

  it('only the listed properties are writable (allowSharedKeyAccess is report-only)', () => {
    expect(h.ctx.executor.supports(set(ST, 'allowSharedKeyAccess', false))).toBe(false);
    expect(h.ctx.executor.supports(set(KV, 'enableRbacAuthorization', true))).toBe(false);
  });

  it('a deleted resource is already compliant (nothing to write)', async () => {
    const r = await h.ctx.executor.execute(set(storageId(SUB, 'rg-data', 'gone'), 'publicNetworkAccess', 'Disabled'));
    expect(r).toMatchObject({ outcome: 'already-compliant', wrote: false });
    expect(writes()).toEqual([]);
  });
});
