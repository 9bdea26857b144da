import { z } from 'zod';
import { idKey, resourceTypeOf, ResourceTypes, type ArmResource, type ResourceLink } from '../../model';
import { ArmReadError } from '../arm-read-error';
import type { GuardContext } from '../context';
import type { Gatherer, Gathered } from './gatherer';
import { readRelated } from './read-related';

const workspaceProps = z.looseObject({
  privateEndpointConnections: z
    .array(z.looseObject({ properties: z.looseObject({ privateEndpoint: z.looseObject({ id: z.string().nullish() }).nullish() }).nullish() }))
    .nullish(),
});
const privateEndpointProps = z.looseObject({ subnet: z.looseObject({ id: z.string().nullish() }).nullish() });

/** The private endpoint ids a workspace's connections name (valid ids of the right type, each once). */
export function workspacePrivateEndpointIds(workspace: ArmResource): string[] {
  const parsed = workspaceProps.safeParse(workspace.properties ?? {});
  const ids = (parsed.success ? (parsed.data.privateEndpointConnections ?? []) : [])
    .map((c) => c.properties?.privateEndpoint?.id)
    .filter((id): id is string => typeof id === 'string' && resourceTypeOf(id) === ResourceTypes.privateEndpoint);
  return [...new Map(ids.map((id) => [idKey(id), id])).values()];
}

/**
 * For workspaces: each private endpoint its connections name (GET) and the endpoint's private
 * DNS zone groups (list), for AML-WS-005. Links workspace -> privateEndpoint and workspace ->
 * the endpoint's subnet (privateEndpointSubnet, which makes that subnet "AML's" for the network
 * rules); the subnets are discovered. A deleted endpoint is simply absent from the snapshots.
 */
export const workspacePrivateEndpoints: Gatherer = {
  name: 'workspace-private-endpoints',
  appliesTo: [ResourceTypes.workspace],
  serves: ['workspacePrivateEndpoints'],
  keeps: 'links',
  async gather(ctx, workspace): Promise<Gathered> {
    const endpointIds = workspacePrivateEndpointIds(workspace);
    const found = await Promise.all(endpointIds.map((id) => readEndpoint(ctx, id)));
    const resources: ArmResource[] = [];
    const ownLinks: ResourceLink[] = endpointIds.map((targetId) => ({ sourceId: workspace.id, targetId, relation: 'privateEndpoint' }));
    const discovered: string[] = [];
    for (const entry of found) {
      if (!entry) continue;
      resources.push(entry.endpoint, ...entry.zoneGroups);
      const subnetId = privateEndpointProps.safeParse(entry.endpoint.properties ?? {}).data?.subnet?.id;
      if (subnetId && resourceTypeOf(subnetId) === ResourceTypes.subnet) {
        ownLinks.push({ sourceId: workspace.id, targetId: subnetId, relation: 'privateEndpointSubnet' });
        discovered.push(subnetId);
      }
    }
    return { resources, ownLinks, discovered };
  },
};

async function readEndpoint(ctx: GuardContext, id: string): Promise<{ endpoint: ArmResource; zoneGroups: ArmResource[] } | null> {
  const endpoint = await readRelated(ctx, id);
  if (!endpoint) return null;
  let zoneGroups: ArmResource[] | null;
  try {
    zoneGroups = await ctx.reader.listPrivateDnsZoneGroups(endpoint.id);
  } catch (error) {
    throw new ArmReadError(`${endpoint.id}/privateDnsZoneGroups`, error);
  }
  return zoneGroups === null ? null : { endpoint, zoneGroups };
}
