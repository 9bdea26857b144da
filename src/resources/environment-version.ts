import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/**
 * A workspace environment version (its image), read for the deployments that use it
 * (AML-SUP-002). Versions are immutable: a change is a new version, which a deployment write
 * adopts, so its own events do not matter.
 */
export const environmentVersion = describeType({
  armType: 'Microsoft.MachineLearningServices/workspaces/environments/versions',
  apiVersion: API_VERSIONS.machineLearning,
  read: sdkRead('machineLearning', 'options', (c, id, o) => c.environmentVersions.get(id.resourceGroup!, id.names[0]!, id.names[1]!, id.names[2]!, o)),
  rbac: { read: [{ action: 'Microsoft.MachineLearningServices/workspaces/environments/versions/read', for: 'the image of the environment a deployment runs (AML-SUP-002)' }] },
});
