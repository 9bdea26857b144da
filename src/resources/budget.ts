import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** Cost Management budget at a resource group or subscription: AML-GOV-002; an event re-evaluates its resource group. */
export const budget = describeType({
  armType: 'Microsoft.Consumption/budgets',
  apiVersion: API_VERSIONS.consumption,
  read: sdkRead('consumption', 'pipeline', (c, id, o) => c.budgets.get(id.id.replace(/\/providers\/Microsoft\.Consumption\/budgets\/[^/]+$/i, ''), id.names[0]!, o)),
  eventPrefix: 'Microsoft.Consumption/budgets',
  rbac: { read: [{ action: 'Microsoft.Consumption/budgets/read', for: 'budgets and their notifications at ML resource groups and subscriptions (AML-GOV-002)' }] },
});
