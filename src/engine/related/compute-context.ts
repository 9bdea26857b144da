import { parentResourceId, resourceTypeOf, ResourceTypes, type ResourceLink } from '../../model';
import { computeView } from '../../rules/compute/compute-view';
import { managedPrincipals, principalKey } from '../../rules/identity/principal-links';
import type { Gatherer, Gathered } from './gatherer';
import { readRelated } from './read-related';

/**
 * For computes: the parent workspace snapshot (its managed network decides AML-CMP-001's
 * containment and AML-CMP-003), and the compute's own links: compute -> its subnet
 * (`computeSubnet`, only when `subnet.id` is a valid subnet id; the subnet is discovered, the
 * network rules evaluate it) and compute -> `/principals/{objectId}` (`identity`) for each managed
 * identity. A deleted workspace is simply absent.
 */
export const computeContext: Gatherer = {
  name: 'compute-context',
  appliesTo: [ResourceTypes.compute],
  serves: ['parentWorkspace'],
  keeps: 'links',
  async gather(ctx, compute): Promise<Gathered> {
    const workspaceId = parentResourceId(compute.id);
    const workspace = workspaceId === undefined ? null : await readRelated(ctx, workspaceId);
    const ownLinks: ResourceLink[] = [];
    const discovered: string[] = [];
    const subnetId = computeView(compute).subnetId;
    if (subnetId !== null && resourceTypeOf(subnetId) === ResourceTypes.subnet) {
      ownLinks.push({ sourceId: compute.id, targetId: subnetId, relation: 'computeSubnet' });
      discovered.push(subnetId);
    }
    for (const principalId of managedPrincipals(compute)) ownLinks.push({ sourceId: compute.id, targetId: principalKey(principalId), relation: 'identity' });
    return { resources: workspace ? [workspace] : [], ownLinks, discovered };
  },
};
