/**
 * Every ARM api-version AML Guard speaks, in one place. Machine Learning uses the
 * 2025-12-01 surface (managedNetwork, idleTimeBeforeShutdown) through the 2.1.1 SDK's
 * `apiVersion` option: unknown response properties survive because rules read the wire body.
 */
export const API_VERSIONS = {
  machineLearning: '2025-12-01',
  network: '2026-01-01',
  storage: '2025-01-01',
  keyVault: '2024-11-01',
  containerRegistry: '2025-04-01',
  authorization: '2022-04-01',
  resources: '2022-09-01',
  subscriptions: '2022-12-01',
} as const;
