import { describeArmError } from '../../azure/arm-error';
import { idKey, parseArmId, ResourceTypes, type ArmResource, type LinkRelation, type ResourceLink } from '../../model';
import { DEPENDENCY_KINDS, dependencyRelationOf, workspaceReferences, type DependencyRelation } from '../../rules/dependencies/workspace-dependencies';
import type { GuardContext } from '../context';
import type { Gatherer, Gathered } from './gatherer';
import { readRelated } from './read-related';
import { dependencyLinks, resourceGroupForTags } from './workspace-dependencies';

const DEPENDENCY_RELATIONS: ReadonlySet<LinkRelation> = new Set(DEPENDENCY_KINDS.map((k) => k.relation));

/** The state key the sweep sets once it has rebuilt a subscription's link index. */
export function linksBuiltKey(subscriptionId: string): string {
  return `links.builtAt.${subscriptionId.toLowerCase()}`;
}

/**
 * For storage accounts, key vaults and registries: the workspaces that link them, as snapshots,
 * so the DEP rules can tell whether the resource is a workspace's at all (not-applicable
 * otherwise) and what closing it would break. The links come from the index (gatherRelated adds
 * them); each linking workspace is re-read, and a link its workspace no longer backs (re-pointed,
 * deleted) is repaired in the index. Before the sweep has ever built the index for the
 * subscription, the subscription's workspaces are listed once and their links stored.
 */
export const dependencyWorkspaces: Gatherer = {
  name: 'dependency-links',
  appliesTo: [ResourceTypes.storageAccount, ResourceTypes.keyVault, ResourceTypes.containerRegistry],
  serves: ['linkingWorkspaces', 'resourceGroup'],
  async gather(ctx, subject): Promise<Gathered> {
    const relation = dependencyRelationOf(subject.id);
    if (!relation) return {};
    const built = await ctx.store.state.get(linksBuiltKey(parseArmId(subject.id).subscriptionId));
    const workspaces = built === undefined ? await fromListing(ctx, subject, relation) : await fromIndex(ctx, subject, relation);
    const links: ResourceLink[] = workspaces.map((w) => ({ sourceId: w.id, targetId: subject.id, relation }));
    const group = workspaces.length ? await resourceGroupForTags(ctx, subject.id) : [];
    return { resources: [...workspaces, ...group], links };
  },
};

/** The indexed workspaces that still reference the subject; stale index entries are repaired. */
async function fromIndex(ctx: GuardContext, subject: ArmResource, relation: DependencyRelation): Promise<ArmResource[]> {
  const sources = [...new Map((await ctx.store.links.linksTo(subject.id)).filter((l) => l.relation === relation).map((l) => [idKey(l.sourceId), l.sourceId])).values()];
  const out: ArmResource[] = [];
  for (const sourceId of sources) {
    const workspace = await readRelated(ctx, sourceId);
    if (workspace === null) await ctx.store.links.replaceFrom(sourceId, []); // the workspace is gone: so are its links
    else if (workspaceReferences(workspace, relation, subject.id)) out.push(workspace);
    else await storeDependencyLinks(ctx, workspace); // re-pointed since the index was written
  }
  return out;
}

/**
 * No index yet for this subscription: list its workspaces once, store each one's dependency
 * links (keeping its other links), and return those that reference the subject. A listing that
 * fails (e.g. the subscription is not in scope) falls back to the index as it is.
 */
async function fromListing(ctx: GuardContext, subject: ArmResource, relation: DependencyRelation): Promise<ArmResource[]> {
  let all: ArmResource[];
  try {
    all = await ctx.reader.listWorkspaces(parseArmId(subject.id).subscriptionId);
  } catch (error) {
    ctx.log.warn(`link index not built and listing workspaces failed (${describeArmError(error)}); using the index as it is for ${subject.id}`);
    return fromIndex(ctx, subject, relation);
  }
  for (const workspace of all) await storeDependencyLinks(ctx, workspace);
  return all.filter((w) => workspaceReferences(w, relation, subject.id));
}

/** Rewrites a workspace's storage / key vault / registry links from its snapshot, keeping its other links (private endpoints, ...). */
async function storeDependencyLinks(ctx: GuardContext, workspace: ArmResource): Promise<void> {
  const others = (await ctx.store.links.linksFrom(workspace.id)).filter((l) => !DEPENDENCY_RELATIONS.has(l.relation));
  await ctx.store.links.replaceFrom(workspace.id, [...others, ...dependencyLinks(workspace)]);
}
