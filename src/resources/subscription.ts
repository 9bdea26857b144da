import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/**
 * Subscriptions: listed when no AMLGUARD_SUBSCRIPTIONS is configured (every one the identity can
 * read), and AML-GOV-003's subject (ARM's body has no name / type: filled from the id). A sweep
 * takes it from Resource Graph's ResourceContainers (see snapshotOfRow for the row's shape).
 */
export const subscription = describeType({
  armType: 'Microsoft.Resources/subscriptions',
  apiVersion: API_VERSIONS.subscriptions,
  read: sdkRead('subscriptions', 'pipeline', (c, id, o) => c.subscriptions.get(id.subscriptionId, o)),
  resourceGraph: { table: 'resourcecontainers', type: 'microsoft.resources/subscriptions' },
  rbac: { read: [{ action: 'Microsoft.Resources/subscriptions/read', for: 'sweep: list the readable subscriptions when none is configured' }] },
});
