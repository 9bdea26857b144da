import { z } from 'zod';
import type { ArmResource } from '../../model';

const connection = z.looseObject({
  name: z.string().nullish().catch(null),
  properties: z
    .looseObject({ privateLinkServiceConnectionState: z.looseObject({ status: z.string().nullish().catch(null) }).nullish().catch(null) })
    .nullish()
    .catch(null),
});
const props = z.looseObject({ privateEndpointConnections: z.array(z.unknown()).nullish().catch(null) });

export interface ConnectionState {
  readonly name: string | null;
  /** `privateLinkServiceConnectionState.status` as given (Approved, Pending, Rejected, Disconnected), null when absent. */
  readonly status: string | null;
}

/**
 * The private endpoint connections embedded in a resource's `properties.privateEndpointConnections`
 * (workspaces, storage accounts, key vaults and registries all carry them); malformed entries count
 * with status null.
 */
export function privateEndpointConnections(resource: ArmResource): ConnectionState[] {
  const list = props.safeParse(resource.properties ?? {}).data?.privateEndpointConnections ?? [];
  return list.map((item) => {
    const c = connection.safeParse(item);
    return { name: c.data?.name ?? null, status: c.data?.properties?.privateLinkServiceConnectionState?.status ?? null };
  });
}

/** How many connections are Approved (case-insensitive). */
export function approvedConnectionCount(resource: ArmResource): number {
  return privateEndpointConnections(resource).filter((c) => c.status?.toLowerCase() === 'approved').length;
}
