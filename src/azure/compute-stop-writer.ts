import { parseArmId, type ArmResource, type JsonValue } from '../model';
import type { Writer } from './writer';
import { pollInterval } from './poll-interval';

function innerState(resource: ArmResource): JsonValue {
  const props = resource.properties ?? {};
  const inner = props.properties;
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return null;
  const state = (inner as Record<string, unknown>).state;
  return typeof state === 'string' ? state : null;
}

/**
 * `stop-compute`: POST `computes/{name}/stop` (long-running) through
 * `computeOperations.beginStopAndWait`. The value it changes is `properties.properties.state`;
 * `Stopping` counts as `Stopped` (a stop is already under way: nothing to send).
 */
export const computeStopWriter: Writer<'stop-compute'> = {
  kind: 'stop-compute',
  supports: () => true,
  current: (_a, resource) => {
    const state = innerState(resource);
    return state === 'Stopping' ? 'Stopped' : state;
  },
  desired: () => 'Stopped',
  write: async (clients, a, resource) => {
    const computeType = resource.properties?.computeType;
    if (computeType !== 'ComputeInstance') throw new Error(`stop applies to compute instances only; ${a.resourceId} is a ${String(computeType ?? 'compute of unknown type')}`);
    const p = parseArmId(a.resourceId);
    await clients.machineLearning(p.subscriptionId).computeOperations.beginStopAndWait(p.resourceGroup!, p.names[0]!, p.names[1]!, { updateIntervalInMs: pollInterval(clients.connection) });
  },
};
