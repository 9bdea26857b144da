import { z } from 'zod';
import { parentResourceId, resourceTypeOf, ResourceTypes, type ArmResource, type ResourceLink } from '../../model';
import { computeView } from '../../rules/compute/compute-view';
import { managedPrincipals, principalKey } from '../../rules/identity/principal-links';
import type { Gatherer, Gathered } from './gatherer';
import { readRelated } from './read-related';

/**
 * For computes: the parent workspace snapshot (its managed network decides AML-CMP-001's
 * containment and AML-CMP-003), and the compute's own links: compute -> its subnet
 * (`computeSubnet`, only when `subnet.id` is a valid subnet id; the subnet is discovered, the
 * network rules evaluate it) and compute -> `/principals/{objectId}` (`identity`) for each managed
 * identity; and for an AKS / Kubernetes compute the AKS cluster it is attached to
 * (`properties.resourceId`, linked `kubernetesCluster` so a cluster change re-evaluates it).
 * A deleted workspace or cluster is simply absent.
 */
export const computeContext: Gatherer = {
  name: 'compute-context',
  appliesTo: [ResourceTypes.compute],
  serves: ['parentWorkspace', 'kubernetesCluster'],
  keeps: 'links',
  async gather(ctx, compute): Promise<Gathered> {
    const workspaceId = parentResourceId(compute.id);
    const clusterId = kubernetesClusterOf(compute);
    const [workspace, cluster] = await Promise.all([workspaceId === undefined ? null : readRelated(ctx, workspaceId), clusterId === undefined ? null : readRelated(ctx, clusterId)]);
    const ownLinks: ResourceLink[] = clusterId === undefined ? [] : [{ sourceId: compute.id, targetId: clusterId, relation: 'kubernetesCluster' }];
    const discovered: string[] = [];
    const subnetId = computeView(compute).subnetId;
    if (subnetId !== null && resourceTypeOf(subnetId) === ResourceTypes.subnet) {
      ownLinks.push({ sourceId: compute.id, targetId: subnetId, relation: 'computeSubnet' });
      discovered.push(subnetId);
    }
    for (const principalId of managedPrincipals(compute)) ownLinks.push({ sourceId: compute.id, targetId: principalKey(principalId), relation: 'identity' });
    return { resources: [workspace, cluster].filter((r) => r !== null), ownLinks, discovered };
  },
};

const kubernetesProps = z.looseObject({ computeType: z.string().nullish().catch(null), resourceId: z.string().nullish().catch(null) });

/** The AKS cluster of an AKS / Kubernetes compute, when `properties.resourceId` names one. */
function kubernetesClusterOf(compute: ArmResource): string | undefined {
  const p = kubernetesProps.safeParse(compute.properties ?? {}).data;
  const type = p?.computeType?.toLowerCase();
  if ((type !== 'aks' && type !== 'kubernetes') || !p?.resourceId) return undefined;
  return resourceTypeOf(p.resourceId) === ResourceTypes.managedCluster ? p.resourceId : undefined;
}
