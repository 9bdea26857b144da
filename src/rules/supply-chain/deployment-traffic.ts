import { z } from 'zod';
import { parentResourceId, type ArmResource, type RelatedResources } from '../../model';

const endpointProps = z.looseObject({ traffic: z.record(z.string(), z.unknown()).nullish().catch(null) });

/** A deployment's parent endpoint id and its current traffic share (percent; null when the endpoint was not read). */
export function deploymentTraffic(deployment: ArmResource, related: RelatedResources): { readonly endpointId: string; readonly percent: number | null } {
  const endpointId = parentResourceId(deployment.id) ?? deployment.id;
  const endpoint = related.get(endpointId);
  if (!endpoint) return { endpointId, percent: null };
  const traffic = endpointProps.safeParse(endpoint.properties ?? {}).data?.traffic ?? {};
  const key = Object.keys(traffic).find((k) => k.toLowerCase() === deployment.name.toLowerCase());
  const value = key === undefined ? 0 : traffic[key];
  return { endpointId: endpoint.id, percent: typeof value === 'number' ? value : 0 };
}
