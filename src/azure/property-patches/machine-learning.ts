import { parseArmId, ResourceTypes } from '../../model';
import { setOnlineEndpointProperty } from '../online-endpoint-put';
import { pollInterval } from '../poll-interval';
import { patchKey, type PropertyPatchTable } from './property-patch';

export const machineLearningPatches: PropertyPatchTable = {
  [patchKey(ResourceTypes.workspace, ['publicNetworkAccess'])]: (c, a) => {
    const p = parseArmId(a.resourceId);
    return c.machineLearning(p.subscriptionId).workspaces.beginUpdateAndWait(
      p.resourceGroup!,
      p.names[0]!,
      { publicNetworkAccess: a.value as 'Enabled' | 'Disabled' },
      { updateIntervalInMs: pollInterval(c.connection) },
    );
  },
  [patchKey(ResourceTypes.onlineEndpoint, ['publicNetworkAccess'])]: (c, a) => setOnlineEndpointProperty(c, a.resourceId, 'publicNetworkAccess', a.value),
};
