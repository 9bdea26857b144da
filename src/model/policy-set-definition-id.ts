import { isGuid, segmentProblem } from './arm-id';

/** Where a policy set definition (an initiative) is defined. */
export type PolicySetDefinitionLocation =
  | { readonly at: 'tenant'; readonly name: string }
  | { readonly at: 'managementGroup'; readonly managementGroupId: string; readonly name: string }
  | { readonly at: 'subscription'; readonly subscriptionId: string; readonly name: string };

const TYPE_SEGMENTS = 'providers/microsoft.authorization/policysetdefinitions';

/**
 * A policy set definition id, compared case-insensitively: built in (`/providers/Microsoft.Authorization/
 * policySetDefinitions/{name}`, at the tenant), custom at a management group (`/providers/
 * Microsoft.Management/managementGroups/{mg}/providers/...`) or at a subscription (`/subscriptions/{s}/
 * providers/...`). Undefined for anything else, or an id not in ARM's canonical form.
 */
export function parsePolicySetDefinitionId(value: string): PolicySetDefinitionLocation | undefined {
  if (!value.startsWith('/') || value.endsWith('/') || value !== value.trim()) return undefined;
  const segs = value.split('/').slice(1);
  if (segs.length < 4 || segmentProblem(segs) !== undefined) return undefined;
  const lower = segs.map((s) => s.toLowerCase());
  const n = segs.length;
  if (lower.slice(n - 4, n - 1).join('/') !== TYPE_SEGMENTS) return undefined;
  const name = segs[n - 1]!;
  const scope = lower.slice(0, n - 4);
  if (scope.length === 0) return { at: 'tenant', name };
  if (scope.length === 4 && scope.slice(0, 3).join('/') === 'providers/microsoft.management/managementgroups') return { at: 'managementGroup', managementGroupId: segs[3]!, name };
  if (scope.length === 2 && scope[0] === 'subscriptions' && isGuid(segs[1]!)) return { at: 'subscription', subscriptionId: segs[1]!, name };
  return undefined;
}

/**
 * The ids above every subscription that still name a resource AML Guard reads (and an estate may
 * hold): policy set definitions built in or at a management group. Every other id starts with
 * `/subscriptions/{guid}`.
 */
export function isAboveSubscriptionResourceId(value: string): boolean {
  const at = parsePolicySetDefinitionId(value)?.at;
  return at === 'tenant' || at === 'managementGroup';
}
