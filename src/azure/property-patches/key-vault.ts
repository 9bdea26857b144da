import { parseArmId, ResourceTypes } from '../../model';
import { patchKey, type PropertyPatchTable } from './property-patch';

/** Vaults_Update (synchronous PATCH with VaultPatchParameters): `{ properties: { publicNetworkAccess } }` and nothing else. */
export const keyVaultPatches: PropertyPatchTable = {
  [patchKey(ResourceTypes.keyVault, ['publicNetworkAccess'])]: (c, a) => {
    const p = parseArmId(a.resourceId);
    return c.keyVault(p.subscriptionId).vaults.update(p.resourceGroup!, p.names[0]!, { properties: { publicNetworkAccess: String(a.value) } });
  },
};
