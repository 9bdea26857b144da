import { parseArmId, resourceTypeOf, ResourceTypes, type RemediationAction } from '../model';
import type { ArmClients } from './clients';
import { readProperty } from './property-path';
import type { Writer } from './remediation-executor';

type SetProperty = Extract<RemediationAction, { kind: 'set-property' }>;
type PatchFn = (clients: ArmClients, action: SetProperty) => Promise<unknown>;

/**
 * Typed SDK PATCH calls, keyed by `type|path`. Only properties listed here can be written:
 * each entry is the smallest update body the SDK sends for that property.
 */
const patches: Record<string, PatchFn> = {
  [`${ResourceTypes.workspace}|publicNetworkAccess`]: (c, a) => {
    const p = parseArmId(a.resourceId);
    return c.machineLearning(p.subscriptionId).workspaces.beginUpdateAndWait(p.resourceGroup!, p.names[0]!, {
      publicNetworkAccess: a.value as 'Enabled' | 'Disabled',
    }, { updateIntervalInMs: pollInterval() });
  },
};

function keyOf(action: SetProperty): string {
  return `${resourceTypeOf(action.resourceId)}|${action.path.join('.')}`;
}

/** LRO poll interval: ARM's Retry-After wins when present; this is the floor between polls. */
export function pollInterval(): number {
  const v = Number(process.env.AMLGUARD_LRO_POLL_MS);
  return Number.isFinite(v) && v >= 0 && process.env.AMLGUARD_LRO_POLL_MS ? v : 2000;
}

export const setPropertyWriter: Writer<'set-property'> = {
  kind: 'set-property',
  supports: (a) => keyOf(a) in patches,
  current: (a, resource) => readProperty(resource, a.path),
  desired: (a) => a.value,
  write: async (clients, a) => {
    const patch = patches[keyOf(a)];
    if (!patch) throw new Error(`no PATCH for ${keyOf(a)}`);
    await patch(clients, a);
  },
};
