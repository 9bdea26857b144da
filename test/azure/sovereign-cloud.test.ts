/**
 * Sovereign clouds: every SDK client AML Guard makes asks its credential for the configured
 * cloud's ARM audience, not the public cloud's (the "modular" SDKs default to
 * https://management.azure.com/.default whatever the endpoint). The endpoint is the sandbox.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArmClients } from '../../src/azure/clients';
import { SdkArmReader } from '../../src/azure/arm-reader';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { keyVault, keyVaultId, registry, registryId, resourceGroup, storageAccount, storageId } from '../support/dependency-estate';
import { workspace } from '../support/harness';

const SUB = '5a5a5a5a-0000-4000-8000-00000000c10d';
const WS = workspace(SUB, 'rg-cloud', 'ws-cloud', { publicNetworkAccess: 'Disabled' });
const ST = storageAccount(storageId(SUB, 'rg-cloud', 'stcloud'));
const KV = keyVault(keyVaultId(SUB, 'rg-cloud', 'kv-cloud'));
const CR = registry(registryId(SUB, 'rg-cloud', 'crcloud'));
const RG = resourceGroup(SUB, 'rg-cloud');
const AUDIENCE = 'https://management.chinacloudapi.cn';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ estate: [RG, WS, ST, KV, CR] });
});
afterAll(() => sandbox.close());

describe('sovereign cloud', () => {
  it('ML, Storage, Key Vault, Registry, Resources, Network, Authorization and Subscriptions clients ask for the configured audience', async () => {
    const scopes = new Set<string>();
    const inner = sandbox.credential();
    const recording: TokenCredential = {
      getToken: (s: string | string[], o?: GetTokenOptions): Promise<AccessToken | null> => {
        for (const x of [s].flat()) scopes.add(x);
        return inner.getToken(s, o);
      },
    };
    const clients = new ArmClients({ endpoint: sandbox.endpoint, audience: `${AUDIENCE}/`, credential: recording, ca: sandbox.ca, pollIntervalMs: 5 });
    const reader = new SdkArmReader(clients);
    for (const r of [WS, ST, KV, CR, RG]) expect((await reader.get(r.id))?.id.toLowerCase()).toBe(r.id.toLowerCase());
    expect(await reader.get(`/subscriptions/${SUB}/resourceGroups/rg-cloud/providers/Microsoft.Network/networkSecurityGroups/none`)).toBeNull();
    await reader.listWorkspaces(SUB);
    await reader.listSubscriptions();
    expect(await reader.get(`/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments/00000000-0000-4000-8000-0000000000aa`)).toBeNull();
    expect([...scopes]).toEqual([`${AUDIENCE}/.default`]);
  });
});
