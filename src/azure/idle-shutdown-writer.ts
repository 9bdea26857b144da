import { parseArmId, type ArmResource, type JsonValue } from '../model';
import { parseIsoDuration } from '../model/iso-duration';
import { API_VERSIONS } from '../resources/api-versions';
import { armUrl, sendArm } from './raw-arm';
import type { Writer } from './writer';

function idleTimeOf(resource: ArmResource): string | null {
  const inner = resource.properties?.properties;
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return null;
  const value = (inner as Record<string, unknown>).idleTimeBeforeShutdown;
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * `set-idle-shutdown`: POST `computes/{name}/updateIdleShutdownSetting` `{idleTimeBeforeShutdown}`
 * (synchronous 200, no body). The 2.1.1 SDK has no method for it, hence `sendRequest` through the
 * ML client's pipeline. The value is `properties.properties.idleTimeBeforeShutdown`. The action
 * sets a maximum: a current value that is as short or shorter (`PT240M` for `PT4H`, or `PT1H`)
 * is already compliant and reads as the desired value, so the guard never lengthens a
 * stricter setting made meanwhile.
 */
export const idleShutdownWriter: Writer<'set-idle-shutdown'> = {
  kind: 'set-idle-shutdown',
  supports: (a) => parseIsoDuration(a.idleTimeBeforeShutdown) !== undefined,
  current: (a, resource): JsonValue => {
    const value = idleTimeOf(resource);
    const ms = value === null ? undefined : parseIsoDuration(value);
    const max = parseIsoDuration(a.idleTimeBeforeShutdown);
    return ms !== undefined && max !== undefined && ms <= max ? a.idleTimeBeforeShutdown : value;
  },
  desired: (a) => a.idleTimeBeforeShutdown,
  write: async (clients, a, resource) => {
    const computeType = resource.properties?.computeType;
    if (computeType !== 'ComputeInstance') throw new Error(`idle shutdown applies to compute instances only; ${a.resourceId} is a ${String(computeType ?? 'compute of unknown type')}`);
    const p = parseArmId(a.resourceId);
    await sendArm(clients.machineLearning(p.subscriptionId), {
      method: 'POST',
      url: armUrl(clients.connection, `${p.id}/updateIdleShutdownSetting`, API_VERSIONS.machineLearning),
      body: { idleTimeBeforeShutdown: a.idleTimeBeforeShutdown },
    });
  },
};
