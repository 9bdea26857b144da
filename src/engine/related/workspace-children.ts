import { ResourceTypes } from '../../model';
import { ArmReadError } from '../arm-read-error';
import type { Gatherer, Gathered } from './gatherer';

/**
 * For workspaces: their computes and online endpoints, discovered so a sweep evaluates them
 * (one list call each per workspace; a sweep then reads each child once).
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
      return { discovered: children.map((r) => r.id), discoveredSnapshots: children };
    } catch (error) {
      throw new ArmReadError(`${workspace.id} (computes, onlineEndpoints)`, error);
    }
  },
};
