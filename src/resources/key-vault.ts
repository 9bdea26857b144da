import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** A workspace's key vault (judged only when a workspace links it). */
export const keyVault = describeType({
  armType: 'Microsoft.KeyVault/vaults',
  apiVersion: API_VERSIONS.keyVault,
  read: sdkRead('keyVault', 'pipeline', (c, id, o) => c.vaults.get(id.resourceGroup!, id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.keyvault/vaults' },
  eventPrefix: 'Microsoft.KeyVault/vaults',
  rbac: { read: ['Microsoft.KeyVault/vaults/read'], write: ['Microsoft.KeyVault/vaults/write'] },
});
