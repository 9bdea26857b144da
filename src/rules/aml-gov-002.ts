import { z } from 'zod';
import { fail, idKey, notApplicable, pass, ResourceTypes, scopeCovers, subscriptionScope, type ArmResource, type Rule } from '../model';

const budgetProps = z.looseObject({
  amount: z.number().nullish().catch(null),
  notifications: z.record(z.string(), z.looseObject({ enabled: z.boolean().nullish().catch(null) })).nullish().catch(null),
});

/** The scope a budget is defined at: its id without `/providers/Microsoft.Consumption/budgets/{name}`. */
export function budgetScope(budget: ArmResource): string {
  return budget.id.replace(/\/providers\/Microsoft\.Consumption\/budgets\/[^/]+\/?$/i, '');
}

/**
 * AML-GOV-002: a resource group holding an ML workspace has no Cost Management budget with at
 * least one enabled notification, at the group or at its subscription. Unexpected spend (a
 * forgotten GPU cluster, a mined compute) then goes unnoticed until the invoice.
 */
export const amlGov002: Rule = {
  id: 'AML-GOV-002',
  title: 'Resource group with an ML workspace has no budget alert',
  severity: 'low',
  rationale: 'GPU compute turns a mistake or a compromise into spend within hours; a budget notification is the cheapest alarm.',
  benchmark: 'n/a (FinOps; flags unexpected spend)',
  defaultMode: 'audit',
  remediation: 'report: create a Cost Management budget with a notification on the resource group or its subscription',
  appliesTo: [ResourceTypes.resourceGroup],
  needs: ['resourceGroupBudgets'],
  proposes: [],
  evaluate({ subject, related }) {
    const workspaces = related.ofType(ResourceTypes.workspace).filter((w) => scopeCovers(subject.id, w.id));
    if (workspaces.length === 0) return notApplicable;
    const scopes = new Set([idKey(subject.id), idKey(subscriptionScope(subject.id))]);
    const budgets = related.ofType(ResourceTypes.budget).filter((b) => scopes.has(idKey(budgetScope(b))));
    const alerting = budgets.filter((b) => Object.values(budgetProps.safeParse(b.properties ?? {}).data?.notifications ?? {}).some((n) => n.enabled !== false));
    if (alerting.length > 0) return pass;
    return fail({
      evidence: { workspaces: workspaces.map((w) => w.id), budgetsWithoutNotification: budgets.map((b) => b.id) },
      actions: [],
      remediation: `create a budget with at least one notification on ${subject.name} or its subscription`,
    });
  },
};
