import { z } from 'zod';
import { parseArmId, type ArmResource } from '../../model';

const text = z.string().nullish().catch(null);
const serviceTagDestination = z.looseObject({ serviceTag: text, protocol: text, portRanges: text, action: text });
const privateEndpointDestination = z.looseObject({ serviceResourceId: text, subresourceTarget: text });
const ruleSchema = z.looseObject({
  type: text,
  category: text,
  status: text,
  destination: z.union([z.string(), z.looseObject({})]).nullish().catch(null),
});
const workspaceProps = z.looseObject({
  managedNetwork: z.looseObject({ outboundRules: z.record(z.string(), z.unknown()).nullish().catch(null) }).nullish().catch(null),
});

/** One managed-network outbound rule of a workspace (`properties.managedNetwork.outboundRules.{name}`). */
export interface OutboundRule {
  readonly name: string;
  /** FQDN, ServiceTag, PrivateEndpoint (as given). */
  readonly type: string | null;
  /** Required, Recommended, UserDefined, Dependency (as given). */
  readonly category: string | null;
  readonly status: string | null;
  /** The FQDN, the service tag or the private endpoint target. */
  readonly destination: string | null;
  /** ServiceTag rules: `portRanges` as given. */
  readonly ports: string | null;
}

export function outboundRules(workspace: ArmResource): OutboundRule[] {
  const rules = workspaceProps.safeParse(workspace.properties ?? {}).data?.managedNetwork?.outboundRules ?? {};
  return Object.entries(rules).map(([name, raw]) => {
    const r = ruleSchema.safeParse(raw).data;
    const dest = r?.destination;
    const type = r?.type ?? null;
    let destination: string | null = typeof dest === 'string' ? dest : null;
    let ports: string | null = null;
    if (dest && typeof dest === 'object') {
      if (type?.toLowerCase() === 'servicetag') {
        const d = serviceTagDestination.safeParse(dest).data;
        destination = d?.serviceTag ?? null;
        ports = d?.portRanges ?? null;
      } else destination = privateEndpointDestination.safeParse(dest).data?.serviceResourceId ?? null;
    }
    return { name, type, category: r?.category ?? null, status: r?.status ?? null, destination, ports };
  });
}

/** Service tags that cover the internet or every Azure / storage endpoint in every region. */
const BROAD_TAGS = new Set(['internet', 'azurecloud', 'storage', '*']);

/**
 * Why a rule opens too much, or undefined. `genericDomains` are suffixes such as `com` or
 * `blob.core.windows.net`: `*.com` covers most of the internet; `*.pythonhosted.org` does not.
 * `inScope` says whether a subscription is one AML Guard covers.
 */
export function outboundRuleProblem(rule: OutboundRule, genericDomains: readonly string[], inScope: (subscriptionId: string) => boolean): string | undefined {
  if (rule.status?.toLowerCase() === 'failed') return 'status Failed';
  if (rule.category?.toLowerCase() !== 'userdefined') return undefined;
  const type = rule.type?.toLowerCase();
  const destination = rule.destination?.trim().toLowerCase() ?? '';
  if (type === 'fqdn') {
    if (destination === '*' || destination === '*.*') return `FQDN ${rule.destination} allows every host`;
    const suffix = destination.startsWith('*.') ? destination.slice(2) : undefined;
    if (suffix !== undefined && genericDomains.includes(suffix)) return `FQDN ${rule.destination} covers every host under the generic domain ${suffix}`;
    return undefined;
  }
  if (type === 'servicetag') {
    if (BROAD_TAGS.has(destination)) return `service tag ${rule.destination} covers ${destination === 'storage' ? 'every storage account in every region' : 'the internet or all of Azure'}`;
    const ports = rule.ports?.replace(/\s/g, '') ?? '';
    if (ports === '*' || ports === '0-65535' || ports === '1-65535') return `service tag ${rule.destination} on every port`;
    return undefined;
  }
  if (type === 'privateendpoint' && rule.destination) {
    let subscriptionId: string | undefined;
    try {
      subscriptionId = parseArmId(rule.destination).subscriptionId;
    } catch {
      return `private endpoint target ${rule.destination} is not a resource id`;
    }
    if (!inScope(subscriptionId)) return `private endpoint to ${rule.destination}, outside the subscriptions in scope`;
  }
  return undefined;
}
