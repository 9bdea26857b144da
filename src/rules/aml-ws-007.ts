import { z } from 'zod';
import { fail, pass, ResourceTypes, scopeCovers, type Rule } from '../model';

const text = z.string().nullish().catch(null);
const settingProps = z.looseObject({
  workspaceId: text,
  storageAccountId: text,
  eventHubAuthorizationRuleId: text,
  logs: z.array(z.looseObject({ category: text, categoryGroup: text, enabled: z.boolean().nullish().catch(null) })).nullish().catch(null),
});

const AUDIT_GROUPS = new Set(['audit', 'alllogs']);

/**
 * AML-WS-007: nobody keeps the workspace's audit trail: no diagnostic setting on the workspace
 * sends the `audit` (or `allLogs`) category group, enabled, to a Log Analytics workspace, a
 * storage account or an event hub. Settings come from the workspace's
 * `providers/Microsoft.Insights/diagnosticSettings`.
 */
export const amlWs007: Rule = {
  id: 'AML-WS-007',
  title: 'Workspace audit logs are not collected',
  severity: 'medium',
  rationale: 'Without the audit category group in a log store, who read data, ran jobs or changed the workspace cannot be investigated after the fact.',
  benchmark: 'LT-3',
  defaultMode: 'audit',
  remediation: 'report: add a diagnostic setting sending the audit (or allLogs) category group to Log Analytics, storage or an event hub',
  appliesTo: [ResourceTypes.workspace],
  needs: ['diagnosticSettings'],
  proposes: [],
  evaluate({ subject, related }) {
    const settings = related.ofType(ResourceTypes.diagnosticSetting).filter((s) => scopeCovers(subject.id, s.id));
    const collecting = settings.filter((s) => {
      const p = settingProps.safeParse(s.properties ?? {}).data;
      const destination = [p?.workspaceId, p?.storageAccountId, p?.eventHubAuthorizationRuleId].some((d) => typeof d === 'string' && d.trim() !== '');
      return destination && (p?.logs ?? []).some((l) => l.enabled === true && l.categoryGroup !== null && l.categoryGroup !== undefined && AUDIT_GROUPS.has(l.categoryGroup.toLowerCase()));
    });
    if (collecting.length > 0) return pass;
    return fail({
      evidence: { diagnosticSettings: settings.map((s) => s.name) },
      actions: [],
      remediation: `add a diagnostic setting on ${subject.name} with the audit category group enabled and a Log Analytics workspace, storage account or event hub as destination`,
    });
  },
};
