import type { PublicNetworkAccess, RegistryUpdateParameters } from '@azure/arm-containerregistry';
import { parseArmId, ResourceTypes } from '../../model';
import type { ArmClients } from '../clients';
import { pollInterval } from '../poll-interval';
import { patchKey, type PropertyPatchTable, type SetProperty } from './property-patch';

/** Registries_Update is long-running (201 + Azure-AsyncOperation); the SDK's poller waits for it. The SDK flattens `properties`. */
function updateRegistry(c: ArmClients, a: SetProperty, body: RegistryUpdateParameters) {
  const p = parseArmId(a.resourceId);
  return c.containerRegistry(p.subscriptionId).registries.update(p.resourceGroup!, p.names[0]!, body, { updateIntervalInMs: pollInterval(c.connection) });
}

export const containerRegistryPatches: PropertyPatchTable = {
  [patchKey(ResourceTypes.containerRegistry, ['publicNetworkAccess'])]: (c, a) => updateRegistry(c, a, { publicNetworkAccess: a.value as PublicNetworkAccess }),
  [patchKey(ResourceTypes.containerRegistry, ['adminUserEnabled'])]: (c, a) => {
    if (typeof a.value !== 'boolean') throw new Error(`adminUserEnabled must be a boolean, not ${JSON.stringify(a.value)}`);
    return updateRegistry(c, a, { adminUserEnabled: a.value });
  },
};
