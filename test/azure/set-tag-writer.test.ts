import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isWriteRequest } from '../../src/sandbox';
import { API_VERSIONS } from '../../src/resources/api-versions';
import type { RemediationAction } from '../../src/model';
import { keyVault, keyVaultId, storageAccount, storageId } from '../support/dependency-estate';
import { startHarness, workspace, type Harness } from '../support/harness';

const SUB = '6c1e2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const WS = { ...workspace(SUB, 'rg-ml', 'ws-untagged', {}), tags: { costCenter: '42', env: 'prod' } };
const ST = storageId(SUB, 'rg-data', 'stml');
const KV = keyVaultId(SUB, 'rg-sec', 'kv-ml');

let h: Harness;
beforeAll(async () => {
  h = await startHarness([WS, storageAccount(ST, {}, { OWNER: '' }), keyVault(KV, {}, null)]);
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.clearRequests());

const tag = (resourceId: string, value = 'ml-platform'): RemediationAction => ({ kind: 'set-tag', resourceId, tag: 'owner', value });
const tagsPath = (id: string) => `${id}/providers/Microsoft.Resources/tags/default`;

describe('set-tag: merge one tag through the tags API', () => {
  it('PATCHes tags/default at the resource scope with operation Merge, keeping every other tag', async () => {
    const r = await h.ctx.executor.execute(tag(WS.id));
    expect(r).toMatchObject({ outcome: 'applied', before: null, after: 'ml-platform', wrote: true });
    const writes = h.sandbox.requests.filter(isWriteRequest);
    expect(writes.map((q) => ({ method: q.method, path: q.path, apiVersion: q.apiVersion, body: q.body }))).toEqual([
      { method: 'PATCH', path: tagsPath(WS.id), apiVersion: API_VERSIONS.resources, body: { operation: 'Merge', properties: { tags: { owner: 'ml-platform' } } } },
    ]);
    expect(writes[0]!.armAction).toBe('Microsoft.Resources/tags/write');
    expect(h.sandbox.getResource(WS.id)?.tags).toEqual({ costCenter: '42', env: 'prod', owner: 'ml-platform' });
    expect(h.sandbox.getResource(WS.id)?.properties).toEqual(WS.properties);
  });

  it('a blank value under another casing is replaced, not duplicated (tag names are case-insensitive)', async () => {
    const r = await h.ctx.executor.execute(tag(ST, 'data-team'));
    expect(r).toMatchObject({ outcome: 'applied', before: '', after: 'data-team' });
    expect(h.sandbox.getResource(ST)?.tags).toEqual({ owner: 'data-team' });
  });

  it('a resource without any tags gets its first one', async () => {
    expect(await h.ctx.executor.execute(tag(KV, 'sec'))).toMatchObject({ outcome: 'applied', before: null, after: 'sec' });
    expect(h.sandbox.getResource(KV)?.tags).toEqual({ owner: 'sec' });
  });

  it('already tagged (any casing): re-read only, no write', async () => {
    const r = await h.ctx.executor.execute({ kind: 'set-tag', resourceId: WS.id.toLowerCase(), tag: 'OWNER', value: 'ml-platform' });
    expect(r).toMatchObject({ outcome: 'already-compliant', wrote: false });
    expect(h.sandbox.requests.map((q) => q.method)).toEqual(['GET']);
  });

  it('a deleted resource: nothing to write', async () => {
    expect(await h.ctx.executor.execute(tag(storageId(SUB, 'rg-data', 'gone')))).toMatchObject({ outcome: 'already-compliant', wrote: false });
  });
});
