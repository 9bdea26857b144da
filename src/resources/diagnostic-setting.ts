import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** Diagnostic setting of a workspace (extension resource): AML-WS-007; an event re-evaluates the resource it is set on. */
export const diagnosticSetting = describeType({
  armType: 'Microsoft.Insights/diagnosticSettings',
  apiVersion: API_VERSIONS.monitor,
  read: sdkRead('monitor', 'pipeline', (c, id, o) => c.diagnosticSettings.get(id.scope!, id.names[0]!, o)),
  eventPrefix: 'Microsoft.Insights/diagnosticSettings',
  rbac: { read: [{ action: 'Microsoft.Insights/diagnosticSettings/read', for: 'where a workspace sends its audit logs (AML-WS-007)' }] },
});
