import { z } from 'zod';
import { fail, idKey, pass, ResourceTypes, type Rule } from '../model';

const text = z.string().nullish().catch(null);
const assignmentProps = z.looseObject({
  policyDefinitionId: text,
  scope: text,
  enforcementMode: text,
  parameters: z.record(z.string(), z.looseObject({ value: z.unknown() }).nullish().catch(null)).nullish().catch(null),
});

/** Built-in "Azure Machine Learning Workspaces should disable public network access" (Audit / Deny / Disabled); infra/ assigns it. */
export const WORKSPACE_PUBLIC_ACCESS_POLICY = '438c38d2-3772-465a-a9cc-7a6666a275ce';

/**
 * AML-GOV-003: a subscription in scope has no Azure Policy assignment — at the subscription or
 * above (a management group) — of the built-in definition that audits or denies public network
 * access on ML workspaces, with an effect other than Disabled. AML Guard fixes exposures after
 * the fact; the policy stops (Deny) or records (Audit) them at the source. Assignments inherited
 * from a management group keep that group in `properties.scope`.
 */
export const amlGov003: Rule = {
  id: 'AML-GOV-003',
  title: 'No Azure Policy guards ML workspaces against public network access',
  severity: 'medium',
  rationale: 'A preventive policy denies (or records) a public workspace at creation, before any event reaches a remediation.',
  benchmark: 'PV-2',
  defaultMode: 'audit',
  remediation: `report: assign the built-in policy ${WORKSPACE_PUBLIC_ACCESS_POLICY} (Audit or Deny) at the subscription or a parent management group (infra: enablePolicyAssignments)`,
  appliesTo: [ResourceTypes.subscription],
  needs: ['policyAssignments'],
  proposes: [],
  evaluate({ subject, related }) {
    const sub = idKey(subject.id);
    const guarding = related.ofType(ResourceTypes.policyAssignment).filter((a) => {
      const p = assignmentProps.safeParse(a.properties ?? {}).data;
      const scope = idKey(p?.scope ?? a.id.replace(/\/providers\/Microsoft\.Authorization\/policyAssignments\/[^/]+$/i, ''));
      const atOrAbove = scope === sub || scope.startsWith('/providers/microsoft.management/managementgroups/');
      const definition = p?.policyDefinitionId?.toLowerCase().endsWith(`/policydefinitions/${WORKSPACE_PUBLIC_ACCESS_POLICY}`) === true;
      const effect = p?.parameters?.effect?.value;
      return atOrAbove && definition && !(typeof effect === 'string' && effect.toLowerCase() === 'disabled');
    });
    if (guarding.length > 0) return pass;
    return fail({
      evidence: { policyDefinition: WORKSPACE_PUBLIC_ACCESS_POLICY, assignmentsSeen: related.ofType(ResourceTypes.policyAssignment).length },
      actions: [],
      remediation: `assign the built-in policy ${WORKSPACE_PUBLIC_ACCESS_POLICY} with effect Audit or Deny at subscription ${subject.name} or above`,
    });
  },
};
