import { resourceGroupScope, ResourceTypes, type ArmResource, type ResourceLink } from '../../model';
import { workspaceDependencies } from '../../rules/dependencies/workspace-dependencies';
import type { GuardContext } from '../context';
import type { Gatherer, Gathered } from './gatherer';
import { readRelated } from './read-related';

/** The workspace -> storageAccount / keyVault / containerRegistry links its current properties declare. */
export function dependencyLinks(workspace: ArmResource): ResourceLink[] {
  return workspaceDependencies(workspace).map((d) => ({ sourceId: workspace.id, targetId: d.id, relation: d.relation }));
}

/**
 * The resource group of `resourceId`, for AML-GOV-001's tag copy; read only when copying is on
 * (no ARM call otherwise). Absent when the group is gone.
 */
export async function resourceGroupForTags(ctx: GuardContext, resourceId: string): Promise<ArmResource[]> {
  const groupId = resourceGroupScope(resourceId);
  if (!ctx.config.copyTagsFromResourceGroup || groupId === undefined) return [];
  const group = await readRelated(ctx, groupId);
  return group ? [group] : [];
}

/**
 * For workspaces: the links to their storage account, key vault and container registry (from
 * `properties.storageAccount` / `keyVault` / `containerRegistry`; ids in any case, in any resource
 * group; empty or missing = no link), stored in the link index as the workspace's own links, so a
 * re-pointed workspace drops its old link. Those dependencies are discovered for the sweep (its
 * computes and online endpoints are discovered by workspace-children). No ARM call.
 */
export const workspaceDependencyLinks: Gatherer = {
  name: 'workspace-dependencies',
  appliesTo: [ResourceTypes.workspace],
  serves: [],
  keeps: 'links',
  async gather(_ctx, workspace): Promise<Gathered> {
    const ownLinks = dependencyLinks(workspace);
    return { ownLinks, discovered: ownLinks.map((l) => l.targetId) };
  },
};

/** For workspaces: their resource group, when tags are copied from it (AML-GOV-001). */
export const workspaceResourceGroup: Gatherer = {
  name: 'workspace-resource-group',
  appliesTo: [ResourceTypes.workspace],
  serves: ['resourceGroup'],
  async gather(ctx, workspace): Promise<Gathered> {
    return { resources: await resourceGroupForTags(ctx, workspace.id) };
  },
};
