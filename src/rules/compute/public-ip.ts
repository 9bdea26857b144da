import type { JsonValue } from '../../model';
import type { ComputeView } from './compute-view';
import { isPublicAddress } from './public-address';

/** Why a compute instance / cluster has a public IP; empty = it has none. */
export function publicIpReasons(view: ComputeView): string[] {
  const reasons: string[] = [];
  if (view.enableNodePublicIp === true) reasons.push('enableNodePublicIp is true');
  else if (view.enableNodePublicIp === null) reasons.push('enableNodePublicIp is not set (the service default is true)');
  if (isPublicAddress(view.publicIpAddress)) reasons.push(`connectivityEndpoints.publicIpAddress ${view.publicIpAddress} is a public address`);
  return reasons;
}

export function publicIpEvidence(view: ComputeView): Record<string, JsonValue> {
  return { enableNodePublicIp: view.enableNodePublicIp, publicIpAddress: view.publicIpAddress };
}
