import { z } from 'zod';
import { fail, notApplicable, pass, ResourceTypes, sameId, type JsonValue, type Rule } from '../model';
import { amlLinksTo, describeAmlSubnet } from './network/aml-subnets';
import { internetExposure, securityRuleSchema, type InternetExposure } from './network/internet-inbound';
import { nicIpConfigurations } from './network/nic';

const ref = z.looseObject({ id: z.string() });
const nsgProps = z.looseObject({
  securityRules: z.array(z.unknown()).nullish(),
  subnets: z.array(ref).nullish(),
  networkInterfaces: z.array(ref).nullish(),
});

/**
 * AML-NET-001: an NSG guarding Azure ML (associated with a subnet that hosts AML compute or a
 * workspace private endpoint, or with a NIC in such a subnet) has an Allow Inbound rule from the
 * internet to SSH, RDP or every port. Each such rule is deleted; the audit keeps it whole.
 */
export const amlNet001: Rule = {
  id: 'AML-NET-001',
  title: 'NSG guarding Azure ML allows SSH, RDP or all ports from the internet',
  severity: 'high',
  rationale: 'An internet-open SSH/RDP/any-port rule on the subnet of ML compute or a workspace private endpoint bypasses private networking.',
  benchmark: 'NS-1',
  defaultMode: 'enforce',
  remediation: 'delete that rule (the audit entry keeps the whole rule so it can be restored)',
  appliesTo: [ResourceTypes.nsg],
  needs: ['nsgAttachments'],
  proposes: [{ kind: 'delete-nsg-rule', on: [ResourceTypes.nsg] }],
  evaluate({ subject, related }) {
    const props = nsgProps.safeParse(subject.properties ?? {});
    if (!props.success) return notApplicable;
    const subnetIds = (props.data.subnets ?? []).map((s) => s.id);
    for (const nicRef of props.data.networkInterfaces ?? []) {
      const nic = related.get(nicRef.id);
      if (nic) subnetIds.push(...nicIpConfigurations(nic).flatMap((c) => (c.subnetId ? [c.subnetId] : [])));
    }
    const amlSubnets = unique(subnetIds).filter((id) => amlLinksTo(related, id).length > 0);
    if (amlSubnets.length === 0) return notApplicable;

    const exposures: InternetExposure[] = [];
    for (const raw of props.data.securityRules ?? []) {
      const rule = securityRuleSchema.safeParse(raw);
      if (!rule.success) continue;
      const exposure = internetExposure(rule.data);
      if (exposure) exposures.push(exposure);
    }
    if (exposures.length === 0) return pass;
    return fail({
      evidence: {
        rules: exposures.map((e) => ({ name: e.rule, priority: e.priority, protocol: e.protocol, sources: [...e.sources], ports: [...e.ports], exposes: [...e.exposes] })) as JsonValue,
        amlSubnets: amlSubnets.map((id) => describeAmlSubnet(related, id)) as JsonValue,
      },
      actions: exposures.map((e) => ({ kind: 'delete-nsg-rule', resourceId: subject.id, ruleName: e.rule })),
      remediation: `delete security rule(s) ${exposures.map((e) => `${e.rule} (${e.exposes.join(', ')} from ${e.sources.join(', ')})`).join('; ')}`,
    });
  },
};

function unique(ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of ids) if (!out.some((o) => sameId(o, id))) out.push(id);
  return out;
}
