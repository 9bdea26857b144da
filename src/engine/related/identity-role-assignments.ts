import { z } from 'zod';
import { idKey, parseArmId, resourceTypeOf, ResourceTypes, type ArmResource, type ResourceLink } from '../../model';
import { assignmentScope, scopeLevel } from '../../rules/identity/assignment-scope';
import { managedPrincipals, principalKey } from '../../rules/identity/principal-links';
import { ArmReadError } from '../arm-read-error';
import type { GuardContext } from '../context';
import type { Gatherer, Gathered } from './gatherer';

const assignmentProps = z.looseObject({ principalId: z.string().nullish().catch(null), scope: z.string().nullish().catch(null) });
const BROAD_SCOPES = new Set(['root', 'management-group', 'subscription']);

/**
 * The role assignments of a workspace's or compute's managed identities, from its subscription
 * (`$filter=principalId eq`, which also returns assignments above and below the subscription).
 * Only those at subscription scope or broader are discovered (AML-IAM-001 passes anything
 * narrower, and an assignment's scope never changes). Management-group assignments are not
 * `/subscriptions/...` ids, so the estate model cannot hold them: they are logged.
 */
async function discoverAssignments(ctx: GuardContext, subject: ArmResource, principals: readonly string[]): Promise<string[]> {
  const subscriptionId = parseArmId(subject.id).subscriptionId;
  const found: string[] = [];
  for (const principalId of principals) {
    let listed;
    try {
      listed = await ctx.reader.listPrincipalAssignments(subscriptionId, principalId);
    } catch (error) {
      throw new ArmReadError(`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleAssignments?$filter=principalId eq '${principalId}'`, error);
    }
    for (const a of listed.assignments) {
      const scope = assignmentScope(a.id, assignmentProps.safeParse(a.properties ?? {}).data?.scope);
      if (BROAD_SCOPES.has(scopeLevel(scope))) found.push(a.id);
    }
    for (const id of listed.outsideModel) ctx.log.warn(`role assignment ${id} of ${subject.id}'s identity ${principalId} is outside the subscription model and is not evaluated`);
  }
  return [...new Map(found.map((id) => [idKey(id), id])).values()];
}

/** A workspace links to its principals (compute links: compute-context). No ARM call. */
async function identityHolder(_ctx: GuardContext, subject: ArmResource): Promise<Gathered> {
  if (resourceTypeOf(subject.id) !== ResourceTypes.workspace) return {};
  const ownLinks: ResourceLink[] = managedPrincipals(subject).map((p) => ({ sourceId: subject.id, targetId: principalKey(p), relation: 'identity' }));
  return { ownLinks };
}

/** Role assignment: the workspaces / computes whose identity it names, from the link index. */
async function assignmentHolders(ctx: GuardContext, assignment: ArmResource): Promise<Gathered> {
  const principalId = assignmentProps.safeParse(assignment.properties ?? {}).data?.principalId;
  if (!principalId) return {};
  const links = await ctx.store.links.linksTo(principalKey(principalId));
  return { links: links.filter((l) => l.relation === 'identity') };
}

/** Identities (AML-IAM-001), from the ML side: a workspace links to its principals. */
export const identityRoleAssignments: Gatherer = {
  name: 'identity-role-assignments',
  appliesTo: [ResourceTypes.workspace, ResourceTypes.compute],
  serves: [],
  keeps: 'links',
  gather: identityHolder,
};

/** From the role assignment's side: the ML resources holding its principal, through the link index. */
export const assignmentIdentityHolders: Gatherer = {
  name: 'assignment-identity-holders',
  appliesTo: [ResourceTypes.roleAssignment],
  serves: ['identityHolders'],
  gather: assignmentHolders,
};

/**
 * For a sweep: the subscription-or-broader role assignments of a workspace's or compute's managed
 * identities, to evaluate next. No rule of the workspace or compute reads them, so an event about
 * the workspace does not list them (an event about an assignment evaluates that assignment).
 */
export const identityRoleAssignmentDiscovery: Gatherer = {
  name: 'identity-role-assignment-discovery',
  appliesTo: [ResourceTypes.workspace, ResourceTypes.compute],
  serves: [],
  keeps: 'discovery',
  sweepOnly: true,
  gather: async (ctx, subject) => ({ discovered: await discoverAssignments(ctx, subject, managedPrincipals(subject)) }),
};
