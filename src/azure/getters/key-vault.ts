import { parseArmId, ResourceTypes } from '../../model';
import { captureWire } from '../wire-scope';
import type { GetterTable } from './getter';

/** Key vaults through @azure/arm-keyvault (modular): bodies captured by its pipeline policy. */
export const keyVaultGetters: GetterTable = {
  [ResourceTypes.keyVault]: (c, id, cap) => {
    const p = parseArmId(id);
    return captureWire(cap, () => c.keyVault(p.subscriptionId).vaults.get(p.resourceGroup!, p.names[0]!));
  },
};
