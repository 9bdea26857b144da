import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { resourceGroupId, storageAccount, storageId } from '../support/dependency-estate';
import { raw } from './helpers';

const SUB = '6c1e2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const ST = storageId(SUB, 'rg-data', 'stml');
const RG = resourceGroupId(SUB, 'rg-data');
const V = '?api-version=2025-04-01';
const tagsOf = (scope: string) => `${scope}/providers/Microsoft.Resources/tags/default${V}`;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ enforceRole: false, estate: [storageAccount(ST, {}, { Owner: 'a', env: 'dev' })] });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.clearRequests());

describe('tags at scope ({scope}/providers/Microsoft.Resources/tags/default)', () => {
  it('GET returns the tags resource of a resource', async () => {
    const res = await raw(sandbox, 'GET', tagsOf(ST));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: `${ST}/providers/Microsoft.Resources/tags/default`, name: 'default', type: 'Microsoft.Resources/tags', properties: { tags: { Owner: 'a', env: 'dev' } } });
  });

  it('PATCH Merge sets one tag (names case-insensitive) and keeps the others, emitting a tags/write event', async () => {
    const events = sandbox.events.length;
    const res = await raw(sandbox, 'PATCH', tagsOf(ST), { body: { operation: 'Merge', properties: { tags: { owner: 'b', team: 'ml' } } } });
    expect(res.status).toBe(200);
    expect(sandbox.getResource(ST)?.tags).toEqual({ env: 'dev', owner: 'b', team: 'ml' });
    const event = sandbox.events.slice(events)[0];
    expect(event).toMatchObject({ eventType: 'Microsoft.Resources.ResourceWriteSuccess', subject: `${ST}/providers/Microsoft.Resources/tags/default`, data: { operationName: 'Microsoft.Resources/tags/write' } });
    expect(sandbox.getResource(ST)?.properties?.networkAcls).toBeDefined();
  });

  it('PATCH Delete removes names (only when a given value matches), Replace replaces all, PUT replaces, DELETE clears', async () => {
    await raw(sandbox, 'PATCH', tagsOf(ST), { body: { operation: 'Delete', properties: { tags: { TEAM: 'other', ENV: '' } } } });
    expect(sandbox.getResource(ST)?.tags).toEqual({ owner: 'b', team: 'ml' });
    await raw(sandbox, 'PATCH', tagsOf(ST), { body: { operation: 'Replace', properties: { tags: { x: '1' } } } });
    expect(sandbox.getResource(ST)?.tags).toEqual({ x: '1' });
    await raw(sandbox, 'PUT', tagsOf(ST), { body: { properties: { tags: { y: '2' } } } });
    expect(sandbox.getResource(ST)?.tags).toEqual({ y: '2' });
    expect((await raw(sandbox, 'DELETE', tagsOf(ST))).status).toBe(200);
    expect(sandbox.getResource(ST)?.tags).toEqual({});
  });

  it('works on a resource group that only exists implicitly (stores the group object)', async () => {
    await raw(sandbox, 'PATCH', tagsOf(RG.replace('resourceGroups', 'resourcegroups')), { body: { operation: 'Merge', properties: { tags: { owner: 'data-team' } } } });
    expect(sandbox.getResource(RG)).toMatchObject({ type: 'Microsoft.Resources/resourceGroups', tags: { owner: 'data-team' } });
    expect((await raw(sandbox, 'GET', `${RG}${V}`)).body).toMatchObject({ tags: { owner: 'data-team' } });
  });

  it('answers ARM errors: 404 for a missing scope, 400 for a bad operation or tags', async () => {
    expect((await raw(sandbox, 'PATCH', tagsOf(storageId(SUB, 'rg-data', 'gone')), { body: { operation: 'Merge', properties: { tags: {} } } })).status).toBe(404);
    expect((await raw(sandbox, 'GET', tagsOf(resourceGroupId(SUB, 'rg-none')))).status).toBe(404);
    const bad = await raw(sandbox, 'PATCH', tagsOf(ST), { body: { operation: 'Upsert', properties: { tags: {} } } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'InvalidRequestContent' } });
    expect((await raw(sandbox, 'PATCH', tagsOf(ST), { body: { operation: 'Merge', properties: { tags: { n: 1 } } } })).status).toBe(400);
    expect(sandbox.requests.filter((r) => r.status < 300)).toEqual([]);
  });
});
