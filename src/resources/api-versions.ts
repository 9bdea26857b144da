/**
 * Every ARM api-version AML Guard speaks, in one place. Machine Learning uses the
 * 2025-12-01 surface (managedNetwork, idleTimeBeforeShutdown) through the 2.1.1 SDK's
 * `apiVersion` option: unknown response properties survive because rules read the wire body.
 */
export const API_VERSIONS = {
  machineLearning: '2025-12-01',
  network: '2026-01-01',
  storage: '2025-08-01',
  keyVault: '2025-05-01',
  containerRegistry: '2025-04-01',
  authorization: '2022-04-01',
  /** Resource groups and tags at scope (Tags_UpdateAtScope is long-running from 2025-04-01 on; the SDK polls). */
  resources: '2025-04-01',
  subscriptions: '2022-12-01',
  /** Diagnostic settings: the SDK pins 2021-05-01-preview (the latest; category groups). */
  monitor: '2021-05-01-preview',
  consumption: '2024-08-01',
  policy: '2025-03-01',
  containerService: '2026-04-01',
} as const;
