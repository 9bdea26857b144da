import { parseArmId, ResourceTypes } from '../../model';
import { captureWire } from '../wire-scope';
import type { GetterTable } from './getter';

/** Container registries through @azure/arm-containerregistry (modular): bodies captured by its pipeline policy. */
export const containerRegistryGetters: GetterTable = {
  [ResourceTypes.containerRegistry]: (c, id, cap) => {
    const p = parseArmId(id);
    return captureWire(cap, () => c.containerRegistry(p.subscriptionId).registries.get(p.resourceGroup!, p.names[0]!));
  },
};
