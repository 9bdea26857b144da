import { API_VERSIONS } from './api-versions';
import { z } from 'zod';
import { describeType, sdkPatch, sdkRead } from './descriptor';

/** A workspace's key vault (judged only when a workspace links it). */
export const keyVault = describeType({
  armType: 'Microsoft.KeyVault/vaults',
  apiVersion: API_VERSIONS.keyVault,
  read: sdkRead('keyVault', 'pipeline', (c, id, o) => c.vaults.get(id.resourceGroup!, id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.keyvault/vaults' },
  eventPrefix: 'Microsoft.KeyVault/vaults',
  remediations: {
    actions: ['set-tag'],
    properties: {
      // Vaults_Update (synchronous PATCH with VaultPatchParameters): `{ properties: { publicNetworkAccess } }` and nothing else
      publicNetworkAccess: sdkPatch('keyVault', z.enum(['Enabled', 'Disabled']), (c, id, value) => c.vaults.update(id.resourceGroup!, id.names[0]!, { properties: { publicNetworkAccess: value } })),
    },
  },
  rbac: { read: [{ action: 'Microsoft.KeyVault/vaults/read', for: 'workspace key vault: public network access, firewall' }], write: [{ action: 'Microsoft.KeyVault/vaults/write', for: 'disable public network access on the workspace key vault' }] },
});
