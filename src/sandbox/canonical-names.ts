/**
 * ARM compares namespaces, types and actions case-insensitively, but people and custom role
 * definitions spell them the way the operations list does. Known words are re-cased to that
 * spelling; unknown words are kept as given.
 */
const WORDS = [
  // Microsoft.Resources
  'Microsoft.Resources', 'subscriptions', 'resourceGroups', 'resources', 'providers', 'locations', 'tagNames', 'deployments',
  'operationStatuses', 'operationResults', 'operations',
  // Machine Learning
  'Microsoft.MachineLearningServices', 'workspaces', 'computes', 'onlineEndpoints', 'batchEndpoints', 'outboundRules',
  'privateEndpointConnections', 'connections', 'stop', 'start', 'restart', 'updateIdleShutdownSetting',
  'provisionManagedNetwork', 'listKeys', 'listNodes', 'resyncKeys',
  'workspaceOperationsStatus', 'computeOperationsStatus', 'mfeOperationsStatus', 'mfeOperationResults',
  // Network
  'Microsoft.Network', 'networkSecurityGroups', 'securityRules', 'defaultSecurityRules', 'virtualNetworks', 'subnets',
  'virtualNetworkPeerings', 'networkInterfaces', 'ipConfigurations', 'publicIPAddresses', 'privateEndpoints',
  'privateDnsZoneGroups', 'privateDnsZones', 'routeTables', 'routes', 'loadBalancers',
  // Authorization
  'Microsoft.Authorization', 'roleAssignments', 'roleDefinitions', 'permissions',
  // Others AML Guard reads
  'Microsoft.Storage', 'storageAccounts', 'Microsoft.KeyVault', 'vaults', 'Microsoft.ContainerRegistry', 'registries',
  'Microsoft.Insights', 'components', 'Microsoft.ResourceGraph',
] as const;

const BY_LOWER = new Map<string, string>(WORDS.map((w) => [w.toLowerCase(), w]));

export function canonicalWord(word: string): string {
  return BY_LOWER.get(word.toLowerCase()) ?? word;
}
