import { API_VERSIONS } from './api-versions';
import { z } from 'zod';
import { describeType, sdkPatch, sdkRead } from './descriptor';

/** A workspace's storage account (judged only when a workspace links it). */
export const storageAccount = describeType({
  armType: 'Microsoft.Storage/storageAccounts',
  apiVersion: API_VERSIONS.storage,
  read: sdkRead('storage', 'pipeline', (c, id, o) => c.storageAccounts.getProperties(id.resourceGroup!, id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.storage/storageaccounts' },
  eventPrefix: 'Microsoft.Storage/storageAccounts',
  remediations: {
    actions: ['set-tag'],
    properties: {
      // Storage_Update (synchronous PATCH): the SDK flattens `properties`
      publicNetworkAccess: sdkPatch('storage', z.enum(['Enabled', 'Disabled']), (c, id, value) => c.storageAccounts.update(id.resourceGroup!, id.names[0]!, { publicNetworkAccess: value })),
    },
  },
  rbac: { read: [{ action: 'Microsoft.Storage/storageAccounts/read', for: 'workspace default storage: public access, network rules' }], write: [{ action: 'Microsoft.Storage/storageAccounts/write', for: 'disable public / anonymous access on workspace storage' }] },
});
