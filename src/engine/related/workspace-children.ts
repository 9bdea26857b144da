import { resourceGroupScope, ResourceTypes, subscriptionScope } from '../../model';
import { ArmReadError } from '../arm-read-error';
import type { Gatherer, Gathered } from './gatherer';

/**
 * For workspaces: their computes, online endpoints and connections, discovered so a sweep
 * evaluates them (one list call each per workspace; a sweep then reads each child once), and the
 * workspace's resource group and subscription (AML-GOV-002/003 judge them).
 */
export const workspaceChildren: Gatherer = {
  name: 'workspace-children',
  appliesTo: [ResourceTypes.workspace],
  serves: [],
  keeps: 'discovery',
  sweepOnly: true,
  async gather(ctx, workspace): Promise<Gathered> {
    try {
      const [computes, endpoints, connections] = await Promise.all([ctx.reader.listComputes(workspace.id), ctx.reader.listOnlineEndpoints(workspace.id), ctx.reader.listConnections(workspace.id)]);
      const children = [...computes, ...endpoints, ...connections];
      const scopes = [resourceGroupScope(workspace.id), subscriptionScope(workspace.id)].filter((s) => s !== undefined);
      return { discovered: [...children.map((r) => r.id), ...scopes], discoveredSnapshots: children };
    } catch (error) {
      throw new ArmReadError(`${workspace.id} (computes, onlineEndpoints, connections)`, error);
    }
  },
};
