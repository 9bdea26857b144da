import { z } from 'zod';
import type { ArmResource } from '../model';
import { descriptorOfId } from '../resources';
import { setPropertyByPut } from './put-as-read';
import type { Writer } from './writer';

const endpointProps = z.looseObject({ traffic: z.record(z.string(), z.number()).nullish().catch(null) });

function trafficOf(endpoint: ArmResource): Record<string, number> {
  return endpointProps.safeParse(endpoint.properties ?? {}).data?.traffic ?? {};
}

function keyOf(traffic: Record<string, number>, deployment: string): string | undefined {
  return Object.keys(traffic).find((k) => k.toLowerCase() === deployment.toLowerCase());
}

/**
 * The endpoint's traffic with `deployment` at 0. ARM requires the shares to total 100 (or 0): the
 * removed share goes to the endpoint's other deployments that take traffic, in proportion (the
 * last one takes the rounding); when it was the only one, every share is 0 (the endpoint serves nothing).
 */
export function trafficWithout(traffic: Record<string, number>, deployment: string): Record<string, number> {
  const key = keyOf(traffic, deployment);
  const removed = key === undefined ? 0 : (traffic[key] ?? 0);
  const others = Object.entries(traffic).filter(([k, v]) => k !== key && v > 0);
  const out: Record<string, number> = Object.fromEntries(Object.entries(traffic).map(([k, v]) => [k, k === key ? 0 : v]));
  const total = others.reduce((sum, [, v]) => sum + v, 0);
  if (removed === 0 || total === 0) return out;
  let given = 0;
  others.forEach(([k, v], i) => {
    const share = i === others.length - 1 ? removed - given : Math.floor((removed * v) / total);
    given += share;
    out[k] = v + share;
  });
  return out;
}

/**
 * `zero-deployment-traffic` (AML-SUP-001's opt-in containment): the deployment's share of its
 * endpoint's traffic to 0, by a PUT of the endpoint as read with `traffic` changed (the endpoint
 * PATCH takes only tags and identity; the descriptor declares how). The deployment is left in place.
 */
export const deploymentTrafficWriter: Writer<'zero-deployment-traffic'> = {
  kind: 'zero-deployment-traffic',
  supports: (a) => a.deploymentName.trim() !== '',
  current: (a, endpoint) => {
    const traffic = trafficOf(endpoint);
    const key = keyOf(traffic, a.deploymentName);
    return key === undefined ? 0 : (traffic[key] ?? 0);
  },
  desired: () => 0,
  write: async (clients, a, endpoint) => {
    const descriptor = descriptorOfId(endpoint.id);
    const patch = descriptor?.remediations?.properties?.traffic;
    if (!descriptor || patch?.how !== 'put-as-read') throw new Error(`no put-as-read of traffic for ${endpoint.id}`);
    await setPropertyByPut(clients, descriptor, patch, endpoint, 'traffic', trafficWithout(trafficOf(endpoint), a.deploymentName));
  },
};
