import { API_VERSIONS } from './api-versions';
import { describeType } from './descriptor';

/** Subscriptions: listed when no AMLGUARD_SUBSCRIPTIONS is configured (every one the identity can read). */
export const subscription = describeType({
  armType: 'Microsoft.Resources/subscriptions',
  apiVersion: API_VERSIONS.subscriptions,
  resourceGraph: { table: 'resourcecontainers', type: 'microsoft.resources/subscriptions' },
  rbac: { read: [{ action: 'Microsoft.Resources/subscriptions/read', for: 'sweep: list the readable subscriptions when none is configured' }] },
});
