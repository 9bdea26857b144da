import { parseArmId, ResourceTypes } from '../../model';
import { captureWire } from '../wire-scope';
import type { GetterTable } from './getter';

/** Storage accounts through @azure/arm-storage (modular): bodies captured by its pipeline policy. */
export const storageGetters: GetterTable = {
  [ResourceTypes.storageAccount]: (c, id, cap) => {
    const p = parseArmId(id);
    return captureWire(cap, () => c.storage(p.subscriptionId).storageAccounts.getProperties(p.resourceGroup!, p.names[0]!));
  },
};
