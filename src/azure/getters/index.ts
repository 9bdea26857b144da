import { authorizationGetters } from './authorization';
import { containerRegistryGetters } from './container-registry';
import type { GetterTable } from './getter';
import { keyVaultGetters } from './key-vault';
import { machineLearningGetters } from './machine-learning';
import { networkGetters } from './network';
import { resourcesGetters } from './resources';
import { storageGetters } from './storage';

/** Every resource type AML Guard can read by id, one table per resource provider. */
export const GETTERS: GetterTable = {
  ...machineLearningGetters,
  ...networkGetters,
  ...authorizationGetters,
  ...storageGetters,
  ...keyVaultGetters,
  ...containerRegistryGetters,
  ...resourcesGetters,
};

export type { Getter, GetterTable } from './getter';
