import { z } from 'zod';
import { fail, idKey, parsePolicySetDefinitionId, pass, ResourceTypes, type ArmResource, type RelatedResources, type Rule } from '../model';
import { assignmentPropsSchema, directEffect, effectActs, initiativeEffect, policySetPropsSchema, type AssignmentProps } from './policy/policy-effect';

/** Built-in "Azure Machine Learning Workspaces should disable public network access" (Audit / Deny / Disabled); infra/ assigns it. */
export const WORKSPACE_PUBLIC_ACCESS_POLICY = '438c38d2-3772-465a-a9cc-7a6666a275ce';

const isWorkspacePolicy = (definitionId: string | null | undefined) => definitionId?.toLowerCase().endsWith(`/policydefinitions/${WORKSPACE_PUBLIC_ACCESS_POLICY}`) === true;
const setProps = z.looseObject({ properties: policySetPropsSchema.nullish().catch(null) });

/** What an assignment of a policy set definition does for the workspace policy (evidence when it does not guard). */
function initiativeVerdict(setId: string, assignment: AssignmentProps, related: RelatedResources): 'guards' | string {
  const set: ArmResource | undefined = related.get(setId);
  if (!set) return 'set definition not found, or not readable by AML Guard';
  const props = setProps.safeParse(set).data?.properties ?? {};
  const members = (props.policyDefinitions ?? []).filter((m) => isWorkspacePolicy(m.policyDefinitionId));
  if (members.length === 0) return 'does not contain the workspace policy';
  const effects = members.map((m) => initiativeEffect(m, props, assignment));
  if (effects.some(effectActs)) return 'guards';
  return effects.map((e) => ('unresolved' in e ? `effect unresolved (${e.unresolved})` : `effect ${e.effect}`)).join('; ');
}

/**
 * AML-GOV-003: a subscription in scope has no Azure Policy assignment — at the subscription or
 * above (a management group) — of the built-in definition that audits or denies public network
 * access on ML workspaces, with an effect other than Disabled: assigned directly, or inside a
 * policy set definition (an initiative such as the Microsoft cloud security benchmark) whose
 * member's effect resolves (set parameter, assignment value or default, overrides) to something
 * other than Disabled. Assignments inherited from a management group keep that group in
 * `properties.scope`; the gatherer reads the set definitions the assignments name.
 */
export const amlGov003: Rule = {
  id: 'AML-GOV-003',
  title: 'No Azure Policy guards ML workspaces against public network access',
  severity: 'medium',
  rationale: 'A preventive policy denies (or records) a public workspace at creation, before any event reaches a remediation.',
  benchmark: 'PV-2',
  defaultMode: 'audit',
  remediation: `report: assign the built-in policy ${WORKSPACE_PUBLIC_ACCESS_POLICY} (Audit or Deny), directly or in an initiative, at the subscription or a parent management group (infra: enablePolicyAssignments)`,
  appliesTo: [ResourceTypes.subscription],
  needs: ['policyAssignments'],
  proposes: [],
  evaluate({ subject, related }) {
    const sub = idKey(subject.id);
    const assignments = related.ofType(ResourceTypes.policyAssignment);
    const initiatives: { assignment: string; policySetDefinition: string; verdict: string }[] = [];
    for (const a of assignments) {
      const p = assignmentPropsSchema.safeParse(a.properties ?? {}).data;
      if (!p?.policyDefinitionId) continue;
      const scope = idKey(p.scope ?? a.id.replace(/\/providers\/Microsoft\.Authorization\/policyAssignments\/[^/]+$/i, ''));
      if (scope !== sub && !scope.startsWith('/providers/microsoft.management/managementgroups/')) continue;
      if (isWorkspacePolicy(p.policyDefinitionId)) {
        if (effectActs(directEffect(p))) return pass;
        continue;
      }
      if (parsePolicySetDefinitionId(p.policyDefinitionId) === undefined) continue;
      const verdict = initiativeVerdict(p.policyDefinitionId, p, related);
      if (verdict === 'guards') return pass;
      initiatives.push({ assignment: a.id, policySetDefinition: p.policyDefinitionId, verdict });
    }
    return fail({
      evidence: { policyDefinition: WORKSPACE_PUBLIC_ACCESS_POLICY, assignmentsSeen: assignments.length, ...(initiatives.length > 0 ? { initiatives } : {}) },
      actions: [],
      remediation: `assign the built-in policy ${WORKSPACE_PUBLIC_ACCESS_POLICY} with effect Audit or Deny at subscription ${subject.name} or above, directly or in an initiative`,
    });
  },
};
