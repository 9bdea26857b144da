import { idKey, isLinkTargetType, resourceTypeOf, type ArmResource, type ResourceLink } from '../../model';
import type { GuardContext } from '../context';
import type { Gatherer } from './gatherer';
import { SnapshotSet } from './snapshot-set';
import { networkContext } from './network-context';
import { workspacePrivateEndpoints } from './workspace-private-endpoints';
import { computeContext } from './compute-context';
import { identityRoleAssignmentDiscovery, identityRoleAssignments } from './identity-role-assignments';
import { workspaceChildren } from './workspace-children';
import { dependencyWorkspaces } from './dependency-links';
import { workspaceDependencyLinks } from './workspace-dependencies';

/** Every gatherer; each file owns one subject type's lookups. */
export const GATHERERS: readonly Gatherer[] = [workspacePrivateEndpoints, networkContext, workspaceChildren, computeContext, identityRoleAssignments, identityRoleAssignmentDiscovery, workspaceDependencyLinks, dependencyWorkspaces];

export interface RelatedContext {
  readonly related: SnapshotSet;
  /** The subject's own links (to be stored), when a gatherer for its type declares them. */
  readonly ownLinks: readonly ResourceLink[] | undefined;
  readonly discovered: readonly string[];
  readonly discoveredSnapshots: readonly ArmResource[];
}

/** Runs the gatherers for the subject's type and includes the stored links TO the subject (when its type can be a link target). */
export async function gatherRelated(ctx: GuardContext, subject: ArmResource, options: { readonly discover?: boolean } = {}, gatherers: readonly Gatherer[] = GATHERERS): Promise<RelatedContext> {
  const type = resourceTypeOf(subject.id);
  const mine = gatherers.filter((g) => g.appliesTo.includes(type) && (options.discover || !g.sweepOnly));
  const results = await Promise.all(mine.map((g) => g.gather(ctx, subject)));
  const incoming = isLinkTargetType(type) ? await ctx.store.links.linksTo(subject.id) : [];
  const resources = results.flatMap((r) => r.resources ?? []);
  const links = dedupeLinks([...incoming, ...results.flatMap((r) => r.links ?? [])]);
  const declared = results.filter((r) => r.ownLinks !== undefined);
  return {
    related: new SnapshotSet(resources, links),
    ownLinks: declared.length ? dedupeLinks(declared.flatMap((r) => r.ownLinks ?? [])) : undefined,
    discovered: [...new Map(results.flatMap((r) => r.discovered ?? []).map((id) => [idKey(id), id])).values()],
    discoveredSnapshots: results.flatMap((r) => r.discoveredSnapshots ?? []),
  };
}

function dedupeLinks(links: readonly ResourceLink[]): ResourceLink[] {
  return [...new Map(links.map((l) => [`${idKey(l.sourceId)}|${idKey(l.targetId)}|${l.relation}`, l])).values()];
}

export type { Gathered, Gatherer } from './gatherer';
export { SnapshotSet } from './snapshot-set';
