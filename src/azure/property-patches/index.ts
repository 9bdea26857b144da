import { machineLearningPatches } from './machine-learning';
import type { PropertyPatchTable } from './property-patch';

/** Every property AML Guard can set, one table per resource provider. */
export const PROPERTY_PATCHES: PropertyPatchTable = {
  ...machineLearningPatches,
};

export { patchKey, type PropertyPatch, type PropertyPatchTable, type SetProperty } from './property-patch';
