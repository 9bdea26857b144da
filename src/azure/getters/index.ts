import type { GetterTable } from './getter';
import { machineLearningGetters } from './machine-learning';

/** Every resource type AML Guard can read by id, one table per resource provider. */
export const GETTERS: GetterTable = {
  ...machineLearningGetters,
};

export type { Getter, GetterTable } from './getter';
