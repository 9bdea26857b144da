import { z } from 'zod';
import { fail, notApplicable, pass, ResourceTypes, type Rule } from '../model';
import { assignmentScope, scopeLevel } from './identity/assignment-scope';
import { principalKey } from './identity/principal-links';
import { privilegedRoleName } from './identity/privileged-roles';

const assignmentProps = z.looseObject({
  roleDefinitionId: z.string().nullish().catch(null),
  principalId: z.string().nullish().catch(null),
  scope: z.string().nullish().catch(null),
});

const BROAD = new Set(['root', 'management-group', 'subscription']);

/**
 * AML-IAM-001: a role assignment that gives a workspace or compute managed identity Owner,
 * Contributor or User Access Administrator at subscription or management-group scope (or the
 * tenant root). The subject is the role assignment; that its principal is an ML identity comes
 * from the link index (relation `identity` to `/principals/{principalId}`): an assignment of
 * any other principal is not this rule's business. Deleting the assignment is proposed only when
 * `allowRoleAssignmentDeletion` is on (and it then still needs enforce mode); otherwise report.
 */
export const amlIam001: Rule = {
  id: 'AML-IAM-001',
  title: 'ML managed identity has a privileged role at subscription or management-group scope',
  severity: 'high',
  rationale: 'Code running on ML compute acts as its identity: Owner / Contributor / User Access Administrator that broad turns one notebook into control of the subscription.',
  benchmark: 'PA-7',
  defaultMode: 'audit',
  remediation: 'report: replace with least-privilege roles at resource scope; delete the assignment only when AMLGUARD_ALLOW_ROLE_ASSIGNMENT_DELETION is on',
  appliesTo: [ResourceTypes.roleAssignment],
  needs: ['identityHolders'],
  proposes: [{ kind: 'delete-role-assignment', on: [ResourceTypes.roleAssignment] }],
  evaluate({ subject, related, config }) {
    const parsed = assignmentProps.safeParse(subject.properties ?? {});
    const props = parsed.success ? parsed.data : { roleDefinitionId: null, principalId: null, scope: null };
    if (!props.principalId) return notApplicable;
    const holders = related
      .linksTo(principalKey(props.principalId))
      .filter((l) => l.relation === 'identity')
      .map((l) => l.sourceId);
    if (holders.length === 0) return notApplicable;
    const role = props.roleDefinitionId ? privilegedRoleName(props.roleDefinitionId) : undefined;
    const scope = assignmentScope(subject.id, props.scope);
    const level = scopeLevel(scope);
    if (!role || !BROAD.has(level)) return pass;
    return fail({
      evidence: { role, roleDefinitionId: props.roleDefinitionId ?? null, scope, scopeLevel: level, principalId: props.principalId, identityOf: [...new Set(holders)].sort() },
      actions: config.allowRoleAssignmentDeletion ? [{ kind: 'delete-role-assignment', resourceId: subject.id }] : [],
      remediation: config.allowRoleAssignmentDeletion
        ? `delete the ${role} assignment at ${scope}; grant least-privilege roles at resource scope instead`
        : `replace the ${role} assignment at ${scope} with least-privilege roles at resource scope (deletion not enabled)`,
    });
  },
};
