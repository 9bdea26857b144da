import { fail, parseArmId, pass, ResourceTypes, type JsonValue, type RemediationAction, type Rule } from '../model';
import { outboundRuleProblem, outboundRules } from './network/outbound-rules';

/**
 * AML-NET-004: a workspace's managed network lets compute reach too much of the internet through a
 * user-defined outbound rule: FQDN `*` or a wildcard over a generic domain (`genericDomains`),
 * service tag Internet / AzureCloud / Storage (global) or any tag on every port, a private
 * endpoint to a resource outside the subscriptions in scope (AMLGUARD_SUBSCRIPTIONS; when unset,
 * the workspace's own subscription), or any rule whose status is Failed. Required and Recommended
 * rules are Azure ML's own and never deleted. Deleting a user-defined rule is opt-in (mode
 * enforce); the audit keeps the rule whole.
 */
export const amlNet004: Rule = {
  id: 'AML-NET-004',
  title: 'Managed network outbound rule opens the internet',
  severity: 'high',
  rationale: 'Outbound internet from ML compute is how data is exfiltrated: a wildcard rule undoes the managed network\'s approved-outbound isolation.',
  benchmark: 'NS-1',
  defaultMode: 'audit',
  remediation: 'report; opt-in (mode enforce): delete the user-defined outbound rule (the audit entry keeps the whole rule)',
  appliesTo: [ResourceTypes.workspace],
  needs: [],
  proposes: [{ kind: 'delete-outbound-rule', on: [ResourceTypes.workspace] }],
  evaluate({ subject, config }) {
    const own = parseArmId(subject.id).subscriptionId.toLowerCase();
    const scope = config.subscriptions.length ? config.subscriptions.map((s) => s.toLowerCase()) : [own];
    const flagged = outboundRules(subject).flatMap((rule) => {
      const problem = outboundRuleProblem(rule, config.genericDomains, (s) => scope.includes(s.toLowerCase()));
      return problem ? [{ rule, problem }] : [];
    });
    if (flagged.length === 0) return pass;
    const actions: RemediationAction[] = flagged
      .filter((f) => f.rule.category?.toLowerCase() === 'userdefined')
      .map((f) => ({ kind: 'delete-outbound-rule', resourceId: subject.id, ruleName: f.rule.name }));
    return fail({
      evidence: {
        rules: flagged.map((f) => ({ name: f.rule.name, type: f.rule.type, category: f.rule.category, destination: f.rule.destination, status: f.rule.status, problem: f.problem })) as JsonValue,
      },
      actions,
      remediation: `outbound rule(s) ${flagged.map((f) => `${f.rule.name} (${f.problem})`).join('; ')}: narrow them to named hosts or delete them`,
    });
  },
};
