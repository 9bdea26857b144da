import { parseArmId, type ArmResource, type JsonValue } from '../model';
import { API_VERSIONS } from '../resources/api-versions';
import { pollInterval } from './poll-interval';
import { armUrl, sendArmAndWait } from './raw-arm';
import type { Writer } from './writer';
type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The workspace's outbound rule `ruleName` (case-insensitive) as ARM embeds it, with its name; only a UserDefined one. */
export function userDefinedOutboundRule(workspace: ArmResource, ruleName: string): Json | undefined {
  const network = workspace.properties?.managedNetwork;
  const rules = isRecord(network) && isRecord(network.outboundRules) ? network.outboundRules : {};
  const key = Object.keys(rules).find((k) => k.toLowerCase() === ruleName.toLowerCase());
  const rule = key === undefined ? undefined : rules[key];
  if (!isRecord(rule) || String(rule.category ?? '').toLowerCase() !== 'userdefined') return undefined;
  return { name: key, ...rule };
}

/** The rule as JSON (it came from a JSON body), null when absent. */
function toJson(rule: Json | undefined): JsonValue {
  return rule === undefined ? null : (JSON.parse(JSON.stringify(rule)) as JsonValue);
}

/**
 * `delete-outbound-rule` (AML-NET-004, opt-in): DELETE `workspaces/{w}/outboundRules/{rule}`
 * (long-running; ManagedNetworkSettingsRule_Delete; the pinned SDK has no method, so a raw
 * request on the ML client's pipeline). The value it changes is the whole rule as read, kept by
 * the audit's `before` to restore it; desired is null. Azure ML's own (Required / Recommended)
 * rules are never deleted: they read as null, already compliant.
 */
export const outboundRuleDeleteWriter: Writer<'delete-outbound-rule'> = {
  kind: 'delete-outbound-rule',
  supports: (a) => a.ruleName.trim() !== '',
  current: (a, workspace) => toJson(userDefinedOutboundRule(workspace, a.ruleName)),
  desired: () => null,
  write: async (clients, a, workspace) => {
    const p = parseArmId(workspace.id);
    const name = String(userDefinedOutboundRule(workspace, a.ruleName)?.name ?? a.ruleName);
    await sendArmAndWait(clients.machineLearning(p.subscriptionId), { method: 'DELETE', url: armUrl(clients.connection, `${p.id}/outboundRules/${name}`, API_VERSIONS.machineLearning) }, pollInterval(clients.connection));
  },
};
