import { parseArmId, ResourceTypes } from '../../model';
import type { GetterTable } from './getter';

export const machineLearningGetters: GetterTable = {
  [ResourceTypes.workspace]: (c, id, cap) => {
    const p = parseArmId(id);
    return c.machineLearning(p.subscriptionId).workspaces.get(p.resourceGroup!, p.names[0]!, cap.options);
  },
  [ResourceTypes.compute]: (c, id, cap) => {
    const p = parseArmId(id);
    return c.machineLearning(p.subscriptionId).computeOperations.get(p.resourceGroup!, p.names[0]!, p.names[1]!, cap.options);
  },
  [ResourceTypes.onlineEndpoint]: (c, id, cap) => {
    const p = parseArmId(id);
    return c.machineLearning(p.subscriptionId).onlineEndpoints.get(p.resourceGroup!, p.names[0]!, p.names[1]!, cap.options);
  },
};
