import type { LinkRelation, RelatedResources, ResourceLink } from '../../model';

/** Links that make a subnet Azure ML's: a compute injected into it, or a workspace's private endpoint in it. */
export const AML_SUBNET_RELATIONS: ReadonlySet<LinkRelation> = new Set<LinkRelation>(['computeSubnet', 'privateEndpointSubnet']);

/** The links saying `subnetId` hosts AML compute or a workspace private endpoint (ids compared case-insensitively). */
export function amlLinksTo(related: RelatedResources, subnetId: string): readonly ResourceLink[] {
  return related.linksTo(subnetId).filter((l) => AML_SUBNET_RELATIONS.has(l.relation));
}

/** `{ subnet, hosts: ['computeSubnet: <compute id>', ...] }` for evidence. */
export function describeAmlSubnet(related: RelatedResources, subnetId: string): { subnet: string; hosts: string[] } {
  return { subnet: subnetId, hosts: amlLinksTo(related, subnetId).map((l) => `${l.relation}: ${l.sourceId}`) };
}
