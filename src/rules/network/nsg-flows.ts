import { z } from 'zod';
import { covers, parsePortRange } from './port-ranges';

const text = z.string().nullish().catch(null);
const texts = z.array(z.string()).nullish().catch(null);
const nsgRule = z.looseObject({
  name: z.string().min(1),
  properties: z.looseObject({
    access: text,
    direction: text,
    protocol: text,
    priority: z.number().nullish().catch(null),
    sourceAddressPrefix: text,
    sourceAddressPrefixes: texts,
    destinationAddressPrefix: text,
    destinationAddressPrefixes: texts,
    destinationPortRange: text,
    destinationPortRanges: texts,
  }),
});
const nsgProps = z.looseObject({ securityRules: z.array(z.unknown()).nullish().catch(null), defaultSecurityRules: z.array(z.unknown()).nullish().catch(null) });

/** A flow Azure ML needs through the NSG of its compute subnet, to or from a service tag. */
export interface RequiredFlow {
  readonly direction: 'Inbound' | 'Outbound';
  readonly protocol: 'Tcp' | 'Udp';
  readonly port: number;
  /** The service tag at the far end: destination (outbound) or source (inbound). */
  readonly serviceTag: string;
}

const out = (serviceTag: string, port = 443, protocol: 'Tcp' | 'Udp' = 'Tcp'): RequiredFlow => ({ direction: 'Outbound', protocol, port, serviceTag });

/** Azure ML's documented outbound requirements for compute in a customer virtual network. */
export const REQUIRED_OUTBOUND: readonly RequiredFlow[] = [
  out('AzureActiveDirectory'),
  out('AzureMachineLearning'),
  out('AzureMachineLearning', 18881),
  out('AzureMachineLearning', 5831, 'Udp'),
  out('BatchNodeManagement'),
  out('AzureResourceManager'),
  out('Storage'),
  out('AzureFrontDoor.FrontEnd'),
  out('MicrosoftContainerRegistry'),
];

/** Needed when a compute in the subnet has a public IP: Azure ML reaches the node on 44224. */
export const REQUIRED_INBOUND_PUBLIC_IP: RequiredFlow = { direction: 'Inbound', protocol: 'Tcp', port: 44224, serviceTag: 'AzureMachineLearning' };

interface Rule {
  readonly name: string;
  readonly access: string;
  readonly direction: string;
  readonly protocol: string;
  readonly priority: number;
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  readonly ports: readonly string[];
}

const rule = (name: string, access: string, direction: string, priority: number, far: string): Rule => ({
  name,
  access,
  direction,
  protocol: '*',
  priority,
  sources: direction === 'Inbound' ? [far] : ['*'],
  destinations: direction === 'Outbound' ? [far] : ['*'],
  ports: ['*'],
});

/** What Azure puts in every NSG (used when a snapshot does not carry `defaultSecurityRules`). */
const AZURE_DEFAULT_RULES: readonly Rule[] = [
  rule('AllowVnetInBound', 'Allow', 'Inbound', 65000, 'VirtualNetwork'),
  rule('AllowAzureLoadBalancerInBound', 'Allow', 'Inbound', 65001, 'AzureLoadBalancer'),
  rule('DenyAllInBound', 'Deny', 'Inbound', 65500, '*'),
  rule('AllowVnetOutBound', 'Allow', 'Outbound', 65000, 'VirtualNetwork'),
  rule('AllowInternetOutBound', 'Allow', 'Outbound', 65001, 'Internet'),
  rule('DenyAllOutBound', 'Deny', 'Outbound', 65500, '*'),
];

function parseRules(list: readonly unknown[]): Rule[] {
  return list.flatMap((raw) => {
    const r = nsgRule.safeParse(raw);
    if (!r.success) return [];
    const p = r.data.properties;
    const many = (one: string | null | undefined, more: string[] | null | undefined) => [one, ...(more ?? [])].filter((s): s is string => typeof s === 'string' && s.trim() !== '');
    return [
      {
        name: r.data.name,
        access: p.access ?? '',
        direction: p.direction ?? '',
        protocol: p.protocol ?? '*',
        priority: p.priority ?? Number.MAX_SAFE_INTEGER,
        sources: many(p.sourceAddressPrefix, p.sourceAddressPrefixes),
        destinations: many(p.destinationAddressPrefix, p.destinationAddressPrefixes),
        ports: many(p.destinationPortRange, p.destinationPortRanges),
      },
    ];
  });
}

/** The NSG's rules, custom and default, in evaluation order. */
export function nsgRulesInOrder(properties: unknown): Rule[] {
  const p = nsgProps.safeParse(properties ?? {}).data;
  const defaults = p?.defaultSecurityRules?.length ? parseRules(p.defaultSecurityRules) : AZURE_DEFAULT_RULES;
  return [...parseRules(p?.securityRules ?? []), ...defaults].sort((a, b) => a.priority - b.priority);
}

/**
 * Whether a prefix covers traffic to / from a service tag: `*`, `Internet` (public address space,
 * Azure's public endpoints included), `AzureCloud` (all of Azure), the tag itself or one of its
 * regional forms (`Storage.WestEurope`). IP prefixes cannot be told apart from a tag: not matched.
 */
function prefixCoversTag(prefix: string, tag: string): boolean {
  const p = prefix.trim().toLowerCase();
  const t = tag.toLowerCase();
  if (p === '*' || p === 'any' || p === 'internet' || p === '0.0.0.0/0' || p === 'azurecloud' || p.startsWith('azurecloud.')) return true;
  return p === t || p.startsWith(`${t}.`);
}

function matches(r: Rule, flow: RequiredFlow): boolean {
  if (r.direction.toLowerCase() !== flow.direction.toLowerCase()) return false;
  const protocol = r.protocol.trim().toLowerCase();
  if (protocol !== '*' && protocol !== 'any' && protocol !== flow.protocol.toLowerCase()) return false;
  const ports = r.ports.length ? r.ports : ['*'];
  if (!ports.some((spec) => {
    const range = parsePortRange(spec);
    return range !== undefined && covers(range, flow.port);
  })) return false;
  const far = flow.direction === 'Outbound' ? r.destinations : r.sources;
  return (far.length ? far : ['*']).some((prefix) => prefixCoversTag(prefix, flow.serviceTag));
}

export interface ShadowedFlow {
  readonly flow: RequiredFlow;
  readonly rule: string;
  readonly priority: number;
}

/** The first rule (by priority) matching the flow, when it is a Deny: the flow is blocked. */
export function shadowingDeny(rules: readonly Rule[], flow: RequiredFlow): ShadowedFlow | undefined {
  const first = rules.find((r) => matches(r, flow));
  return first && first.access.toLowerCase() === 'deny' ? { flow, rule: first.name, priority: first.priority } : undefined;
}

export function describeFlow(flow: RequiredFlow): string {
  return `${flow.direction.toLowerCase()} ${flow.protocol.toUpperCase()} ${flow.port} ${flow.direction === 'Outbound' ? 'to' : 'from'} ${flow.serviceTag}`;
}
