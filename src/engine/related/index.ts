import { idKey, isLinkTargetType, needExistsOn, subjectTypeOf, type ArmResource, type Need, type ResourceLink, type Rule } from '../../model';
import type { GuardContext } from '../context';
import type { Gatherer } from './gatherer';
import { SnapshotSet } from './snapshot-set';
import { NETWORK_GATHERERS } from './network-context';
import { workspacePrivateEndpoints } from './workspace-private-endpoints';
import { computeContext } from './compute-context';
import { assignmentIdentityHolders, identityRoleAssignmentDiscovery, identityRoleAssignments } from './identity-role-assignments';
import { workspaceChildren, workspaceConnections } from './workspace-children';
import { activeRules } from './active-rules';
import { dependencyWorkspaces } from './dependency-links';
import { workspaceDependencyLinks, workspaceResourceGroup } from './workspace-dependencies';
import { GUARDRAIL_GATHERERS } from './guardrail-context';

/** Every gatherer; each file owns one subject type's lookups. */
export const GATHERERS: readonly Gatherer[] = [
  workspacePrivateEndpoints,
  ...NETWORK_GATHERERS,
  workspaceChildren,
  workspaceConnections,
  computeContext,
  identityRoleAssignments,
  identityRoleAssignmentDiscovery,
  assignmentIdentityHolders,
  workspaceDependencyLinks,
  workspaceResourceGroup,
  dependencyWorkspaces,
  ...GUARDRAIL_GATHERERS,
];

/** The needs the rules that apply to `type` declare for it. */
function needsOf(rules: readonly Rule[], type: string): ReadonlySet<Need> {
  return new Set(rules.filter((r) => r.appliesTo.includes(type)).flatMap((r) => r.needs.filter((n) => needExistsOn(n, type))));
}

/**
 * Every declared need that nothing serves, as sentences: a need declared on none of the rule's
 * types, or a (type, need) no gatherer serves. Empty when the catalog can run.
 */
export function unservedNeeds(rules: readonly Rule[], gatherers: readonly Gatherer[] = GATHERERS): string[] {
  const problems: string[] = [];
  for (const rule of rules) {
    for (const need of rule.needs) {
      const types = rule.appliesTo.filter((t) => needExistsOn(need, t));
      if (types.length === 0) problems.push(`${rule.id} needs ${need}, which exists for none of the types it applies to`);
      for (const type of types) {
        if (!gatherers.some((g) => g.appliesTo.includes(type) && g.serves.includes(need))) problems.push(`${rule.id} needs ${need} on ${type}, which no gatherer serves`);
      }
    }
  }
  return problems;
}

/** Throws, naming every rule and need, when a rule needs what no gatherer serves (checked when a context is created). */
export function assertNeedsServed(rules: readonly Rule[], gatherers: readonly Gatherer[] = GATHERERS): void {
  const problems = unservedNeeds(rules, gatherers);
  if (problems.length) throw new Error(`rule catalog cannot run:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

/** Types whose evaluation stores links that the rules of other types read: a sweep evaluates them first. */
export function linkSourceTypes(gatherers: readonly Gatherer[] = GATHERERS): ReadonlySet<string> {
  return new Set(gatherers.filter((g) => g.keeps === 'links').flatMap((g) => g.appliesTo));
}

export interface RelatedContext {
  readonly related: SnapshotSet;
  /** Needs of gatherers that read only ARM and were not run this time: the rules declaring them are not judged. */
  readonly withheld: ReadonlySet<Need>;
  /** Some gatherer that reads only ARM ran for the subject. */
  readonly armOnlyRead: boolean;
  /** The subject's own links (to be stored), when a gatherer for its type declares them. */
  readonly ownLinks: readonly ResourceLink[] | undefined;
  readonly discovered: readonly string[];
  readonly discoveredSnapshots: readonly ArmResource[];
}

export interface GatherOptions {
  /** A sweep: also run the gatherers that only discover what to evaluate next. */
  readonly discover?: boolean;
  /** Whether a gatherer that reads only ARM runs this time (default: no); asked only of the ones the subject's rules want. */
  readonly readArmOnly?: (gatherer: Gatherer) => boolean;
}

/**
 * Runs the gatherers for the subject's type that serve what its active rules (mode not `off`)
 * need, or keep the link index and discovery going; includes the stored links TO the subject
 * (when its type can be a link target). A gatherer that reads only ARM runs when `readArmOnly`
 * says so; what it would have served is `withheld`.
 */
export async function gatherRelated(ctx: GuardContext, subject: ArmResource, options: GatherOptions = {}, gatherers: readonly Gatherer[] = GATHERERS): Promise<RelatedContext> {
  const type = subjectTypeOf(subject.id);
  const needs = needsOf(activeRules(ctx), type);
  const wanted = gatherers.filter((g) => g.appliesTo.includes(type) && (options.discover || !g.sweepOnly) && (g.keeps !== undefined || g.serves.some((n) => needs.has(n))));
  const skipped = wanted.filter((g) => g.armOnly !== undefined && !(options.readArmOnly?.(g) ?? false));
  const mine = wanted.filter((g) => !skipped.includes(g));
  const results = await Promise.all(mine.map((g) => g.gather(ctx, subject)));
  const incoming = isLinkTargetType(type) ? await ctx.store.links.linksTo(subject.id) : [];
  const resources = results.flatMap((r) => r.resources ?? []);
  const links = dedupeLinks([...incoming, ...results.flatMap((r) => r.links ?? [])]);
  const declared = results.filter((r) => r.ownLinks !== undefined);
  return {
    related: new SnapshotSet(resources, links),
    withheld: new Set(skipped.flatMap((g) => g.serves).filter((n) => !mine.some((g) => g.serves.includes(n)))),
    armOnlyRead: mine.some((g) => g.armOnly !== undefined),
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
