import type { PublicNetworkAccess } from '@azure/arm-storage';
import { parseArmId, ResourceTypes } from '../../model';
import { patchKey, type PropertyPatchTable } from './property-patch';

/** Storage_Update (synchronous PATCH): the SDK flattens `properties`, so `{ publicNetworkAccess }` is the whole body's only property. */
export const storagePatches: PropertyPatchTable = {
  [patchKey(ResourceTypes.storageAccount, ['publicNetworkAccess'])]: (c, a) => {
    const p = parseArmId(a.resourceId);
    return c.storage(p.subscriptionId).storageAccounts.update(p.resourceGroup!, p.names[0]!, { publicNetworkAccess: a.value as PublicNetworkAccess });
  },
};
