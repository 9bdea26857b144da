import { z } from 'zod';
import { covers, isAllPorts, parsePortRange } from './port-ranges';

/** Source prefixes that mean "anyone on the internet" (`Any` is how portals spell `*`). */
const INTERNET_SOURCES = new Set(['*', 'any', 'internet', '0.0.0.0/0', '0.0.0.0', '::/0']);

/** Protocols without ports: an Icmp/Esp/Ah rule opens neither SSH, RDP nor "every port". */
const PORTLESS = new Set(['icmp', 'esp', 'ah']);

export const securityRuleSchema = z.looseObject({
  name: z.string().min(1),
  id: z.string().nullish(),
  properties: z.looseObject({
    access: z.string().nullish(),
    direction: z.string().nullish(),
    protocol: z.string().nullish(),
    priority: z.number().nullish(),
    sourceAddressPrefix: z.string().nullish(),
    sourceAddressPrefixes: z.array(z.string()).nullish(),
    destinationPortRange: z.string().nullish(),
    destinationPortRanges: z.array(z.string()).nullish(),
  }),
});
export type SecurityRule = z.infer<typeof securityRuleSchema>;

export type ExposedService = 'SSH' | 'RDP' | 'all ports';

export interface InternetExposure {
  readonly rule: string;
  readonly priority: number | null;
  readonly protocol: string;
  readonly sources: readonly string[];
  readonly ports: readonly string[];
  readonly exposes: readonly ExposedService[];
}

/**
 * Whether a rule lets the internet in to SSH (tcp/22), RDP (tcp|udp/3389) or every port. Only an
 * explicit Allow + Inbound rule counts; a missing protocol is taken as `*`. Service tags such as
 * AzureMachineLearning, BatchNodeManagement or VirtualNetwork are not the internet.
 */
export function internetExposure(rule: SecurityRule): InternetExposure | undefined {
  const p = rule.properties;
  if (p.access?.toLowerCase() !== 'allow' || p.direction?.toLowerCase() !== 'inbound') return undefined;
  const sources = [p.sourceAddressPrefix, ...(p.sourceAddressPrefixes ?? [])].filter((s): s is string => typeof s === 'string' && s.trim() !== '');
  const internet = sources.filter((s) => INTERNET_SOURCES.has(s.trim().toLowerCase()));
  if (internet.length === 0) return undefined;
  const protocol = (p.protocol ?? '*').trim().toLowerCase() || '*';
  if (PORTLESS.has(protocol)) return undefined;
  const specs = [p.destinationPortRange, ...(p.destinationPortRanges ?? [])].filter((s): s is string => typeof s === 'string' && s.trim() !== '');
  const ranges = specs.map(parsePortRange).filter((r) => r !== undefined);
  const exposes: ExposedService[] = [];
  if (ranges.some(isAllPorts)) exposes.push('all ports');
  if ((protocol === '*' || protocol === 'tcp') && ranges.some((r) => covers(r, 22))) exposes.push('SSH');
  if ((protocol === '*' || protocol === 'tcp' || protocol === 'udp') && ranges.some((r) => covers(r, 3389))) exposes.push('RDP');
  if (exposes.length === 0) return undefined;
  return { rule: rule.name, priority: p.priority ?? null, protocol: p.protocol ?? '*', sources: internet, ports: specs, exposes };
}
