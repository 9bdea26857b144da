import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** AKS cluster behind a Kubernetes / AKS compute (`properties.resourceId`): AML-END-004; an event re-evaluates the computes that use it. */
export const managedCluster = describeType({
  armType: 'Microsoft.ContainerService/managedClusters',
  apiVersion: API_VERSIONS.containerService,
  read: sdkRead('containerService', 'pipeline', (c, id, o) => c.managedClusters.get(id.resourceGroup!, id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.containerservice/managedclusters' },
  eventPrefix: 'Microsoft.ContainerService/managedClusters',
  rbac: { read: [{ action: 'Microsoft.ContainerService/managedClusters/read', for: 'the API server and load balancer exposure of AKS clusters behind Kubernetes compute (AML-END-004)' }] },
  relay: { from: 'links', relation: 'kubernetesCluster' },
});
