import { resourceGroupScope, ResourceTypes, subscriptionScope } from '../../model';
import { ArmReadError } from '../arm-read-error';
import type { GuardContext } from '../context';
import type { Gatherer, Gathered } from './gatherer';
import { activeRules } from './active-rules';

/**
 * For workspaces: their computes and online endpoints, discovered so a sweep evaluates them (one
 * list call each per workspace — Resource Graph snapshots in a sweep; a sweep then reads each
 * child once), and the workspace's resource group and subscription (AML-GOV-002/003 judge them).
 * What no active rule evaluates is neither listed nor discovered.
 */
export const workspaceChildren: Gatherer = {
  name: 'workspace-children',
  appliesTo: [ResourceTypes.workspace],
  serves: [],
  keeps: 'discovery',
  sweepOnly: true,
  async gather(ctx, workspace): Promise<Gathered> {
    try {
      const [computes, endpoints] = await Promise.all([ctx.reader.listComputes(workspace.id), ctx.reader.listOnlineEndpoints(workspace.id)]);
      const children = [...computes, ...endpoints];
      const judged = (type: string) => judgedBy(ctx, type);
      const scopes = [judged(ResourceTypes.resourceGroup) ? resourceGroupScope(workspace.id) : undefined, judged(ResourceTypes.subscription) ? subscriptionScope(workspace.id) : undefined].filter((s) => s !== undefined);
      return { discovered: [...children.map((r) => r.id), ...scopes], discoveredSnapshots: children };
    } catch (error) {
      throw new ArmReadError(`${workspace.id} (computes, onlineEndpoints)`, error);
    }
  },
};

/**
 * For workspaces: their connections (AML-WS-006), discovered so a sweep evaluates them. Resource
 * Graph does not hold connections: one ARM list per workspace, on the refresh period (a
 * connection's own event evaluates it in between).
 */
export const workspaceConnections: Gatherer = {
  name: 'workspace-connections',
  appliesTo: [ResourceTypes.workspace],
  serves: [],
  keeps: 'discovery',
  sweepOnly: true,
  armOnly: { changedBy: [ResourceTypes.workspaceConnection] },
  async gather(ctx, workspace): Promise<Gathered> {
    if (!judgedBy(ctx, ResourceTypes.workspaceConnection)) return {};
    try {
      const connections = await ctx.reader.listConnections(workspace.id);
      return { discovered: connections.map((r) => r.id), discoveredSnapshots: connections };
    } catch (error) {
      throw new ArmReadError(`${workspace.id} (connections)`, error);
    }
  },
};

/** Some rule that is not `off` evaluates resources of `type`. */
function judgedBy(ctx: GuardContext, type: string): boolean {
  return activeRules(ctx).some((r) => r.appliesTo.includes(type));
}
