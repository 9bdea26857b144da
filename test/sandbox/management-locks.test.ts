import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, USER_PRINCIPAL, type Sandbox } from '../../src/sandbox';
import { raw } from './helpers';

const SUB = 'd0d0d0d0-0000-4000-8000-00000000000d';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-locked`;
const ST = `${RG}/providers/Microsoft.Storage/storageAccounts/stlocked`;
const ST2 = `/subscriptions/${SUB}/resourceGroups/rg-free/providers/Microsoft.Storage/storageAccounts/stfree`;
const storage = (id: string) => ({ id, name: id.split('/').pop()!, type: 'Microsoft.Storage/storageAccounts', location: 'westeurope', properties: { publicNetworkAccess: 'Enabled' } });

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    estate: [
      storage(ST),
      storage(ST2),
      { id: `${ST}/providers/Microsoft.Authorization/locks/nodelete`, name: 'nodelete', type: 'Microsoft.Authorization/locks', properties: { level: 'CanNotDelete' } },
    ],
  });
});
afterAll(() => sandbox.close());

describe('management locks', () => {
  it('CanNotDelete refuses DELETE with 409 ScopeLocked, allows PATCH; resources outside the scope are free', async () => {
    const token = (await sandbox.credential(USER_PRINCIPAL).getToken('https://management.azure.com/.default'))!.token;
    const del = await raw(sandbox, 'DELETE', `${ST}?api-version=2025-08-01`, { token });
    expect(del.status).toBe(409);
    expect((del.body as { error: { code: string } }).error.code).toBe('ScopeLocked');
    const patch = await raw(sandbox, 'PATCH', `${ST}?api-version=2025-08-01`, { token, body: { properties: { publicNetworkAccess: 'Disabled' } } });
    expect(patch.status).toBeLessThan(300);
    const other = await raw(sandbox, 'DELETE', `${ST2}?api-version=2025-08-01`, { token });
    expect(other.status).toBeLessThan(300);
  });
});
