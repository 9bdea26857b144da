import { resourceGroupScope, ResourceTypes, subscriptionScope, type ArmResource, type Rule } from '../../model';
import { ArmReadError } from '../arm-read-error';
import type { Gatherer, Gathered } from './gatherer';

/**
 * For workspaces: their computes, online endpoints and connections, discovered so a sweep
 * evaluates them (one list call each per workspace; a sweep then reads each child once), and the
 * workspace's resource group and subscription (AML-GOV-002/003 judge them). What no rule of the
 * catalog evaluates is neither listed nor discovered (a catalog without AML-WS-006 lists no connections).
 */
export const workspaceChildren: Gatherer = {
  name: 'workspace-children',
  appliesTo: [ResourceTypes.workspace],
  serves: [],
  keeps: 'discovery',
  sweepOnly: true,
  async gather(ctx, workspace): Promise<Gathered> {
    try {
      const judged = (type: string) => judgedBy(ctx.rules, type);
      const none = async (): Promise<ArmResource[]> => [];
      const [computes, endpoints, connections] = await Promise.all([
        ctx.reader.listComputes(workspace.id),
        ctx.reader.listOnlineEndpoints(workspace.id),
        judged(ResourceTypes.workspaceConnection) ? ctx.reader.listConnections(workspace.id) : none(),
      ]);
      const children = [...computes, ...endpoints, ...connections];
      const scopes = [judged(ResourceTypes.resourceGroup) ? resourceGroupScope(workspace.id) : undefined, judged(ResourceTypes.subscription) ? subscriptionScope(workspace.id) : undefined].filter((s) => s !== undefined);
      return { discovered: [...children.map((r) => r.id), ...scopes], discoveredSnapshots: children };
    } catch (error) {
      throw new ArmReadError(`${workspace.id} (computes, onlineEndpoints, connections)`, error);
    }
  },
};

function judgedBy(rules: readonly Rule[], type: string): boolean {
  return rules.some((r) => r.appliesTo.includes(type));
}
