import { containerRegistryPatches } from './container-registry';
import { keyVaultPatches } from './key-vault';
import { machineLearningPatches } from './machine-learning';
import type { PropertyPatchTable } from './property-patch';
import { storagePatches } from './storage';

/** Every property AML Guard can set, one table per resource provider. */
export const PROPERTY_PATCHES: PropertyPatchTable = {
  ...machineLearningPatches,
  ...storagePatches,
  ...keyVaultPatches,
  ...containerRegistryPatches,
};

export { patchKey, type PropertyPatch, type PropertyPatchTable, type SetProperty } from './property-patch';
