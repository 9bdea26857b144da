import { parseArmId, type ArmResource, type JsonValue } from '../model';
import { pollInterval } from './poll-interval';
import type { Writer } from './writer';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The security rule named `ruleName` (case-insensitive) in the NSG's `properties.securityRules`, as ARM returned it. */
export function findSecurityRule(nsg: ArmResource, ruleName: string): Record<string, unknown> | undefined {
  const rules = nsg.properties?.securityRules;
  if (!Array.isArray(rules)) return undefined;
  const key = ruleName.toLowerCase();
  return rules.filter(isRecord).find((r) => typeof r.name === 'string' && r.name.toLowerCase() === key);
}

/** Only an Allow + Inbound rule is ever deleted: removing one can only narrow what reaches the subnet. */
function isAllowInbound(rule: Record<string, unknown>): boolean {
  const props = isRecord(rule.properties) ? rule.properties : {};
  return String(props.access ?? '').toLowerCase() === 'allow' && String(props.direction ?? '').toLowerCase() === 'inbound';
}

/**
 * `delete-nsg-rule`: DELETE `networkSecurityGroups/{nsg}/securityRules/{rule}` (long-running)
 * through `securityRules.delete`. The value it changes is the whole rule (its JSON as read, so
 * the audit's `before` can restore it); desired is null (gone). Safety: if the rule was changed
 * to Deny or Outbound since it was judged, it is left alone (already compliant) — deleting a
 * Deny rule could open the subnet.
 */
export const nsgRuleDeleteWriter: Writer<'delete-nsg-rule'> = {
  kind: 'delete-nsg-rule',
  supports: (a) => a.ruleName.trim() !== '',
  current: (a, nsg) => {
    const rule = findSecurityRule(nsg, a.ruleName);
    return rule && isAllowInbound(rule) ? (rule as JsonValue) : null;
  },
  desired: () => null,
  write: async (clients, a, nsg) => {
    const p = parseArmId(nsg.id);
    const name = String(findSecurityRule(nsg, a.ruleName)?.name ?? a.ruleName);
    await clients.network(p.subscriptionId).securityRules.delete(p.resourceGroup!, p.names[0]!, name, { updateIntervalInMs: pollInterval(clients.connection) });
  },
};
