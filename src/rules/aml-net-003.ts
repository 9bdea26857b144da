import { z } from 'zod';
import { fail, notApplicable, pass, ResourceTypes, sameId, type Rule } from '../model';
import { usableIpv4Addresses } from './network/cidr';

const subnetProps = z.looseObject({
  addressPrefix: z.string().nullish(),
  addressPrefixes: z.array(z.string()).nullish(),
  ipConfigurations: z.array(z.unknown()).nullish(),
});

const computeProps = z.looseObject({
  computeType: z.string().nullish(),
  properties: z
    .looseObject({
      subnet: z.looseObject({ id: z.string().nullish() }).nullish(),
      scaleSettings: z.looseObject({ maxNodeCount: z.number().int().nonnegative().nullish() }).nullish(),
    })
    .nullish(),
});

/**
 * AML-NET-003: a subnet hosting AML compute has fewer free IPv4 addresses (size − 5 reserved per
 * prefix − ipConfigurations in use) than its clusters' maxNodeCount plus one per compute
 * instance. Clusters then fail to scale, and teams tend to "fix" it by moving compute out of the
 * isolated network. Computes come from the link index (relation computeSubnet) and are checked
 * against their own snapshot; deleted ones are left out.
 */
export const amlNet003: Rule = {
  id: 'AML-NET-003',
  title: 'Subnet hosting Azure ML compute is too small for its computes',
  severity: 'low',
  rationale: 'When a compute subnet runs out of addresses, scale-out fails and compute tends to be moved out of the private network.',
  benchmark: 'NS-1',
  defaultMode: 'audit',
  remediation: 'report',
  appliesTo: [ResourceTypes.subnet],
  needs: ['subnetComputes'],
  proposes: [],
  evaluate({ subject, related }) {
    const computeIds = related.linksTo(subject.id).filter((l) => l.relation === 'computeSubnet').map((l) => l.sourceId);
    if (computeIds.length === 0) return notApplicable;
    const props = subnetProps.safeParse(subject.properties ?? {});
    if (!props.success) return notApplicable;
    const prefixes = [...(props.data.addressPrefixes ?? []), ...(props.data.addressPrefix ? [props.data.addressPrefix] : [])].filter((p, i, all) => all.indexOf(p) === i);
    const usable = prefixes.map(usableIpv4Addresses).filter((n) => n !== undefined);
    if (usable.length === 0) return notApplicable;

    const computes: { id: string; computeType: string; addresses: number }[] = [];
    for (const id of computeIds) {
      const compute = related.get(id);
      if (!compute || computes.some((c) => sameId(c.id, id))) continue;
      const p = computeProps.safeParse(compute.properties ?? {});
      if (!p.success) continue;
      const subnet = p.data.properties?.subnet?.id;
      if (subnet && !sameId(subnet, subject.id)) continue; // the link is stale
      const type = p.data.computeType ?? '';
      const addresses = type === 'AmlCompute' ? (p.data.properties?.scaleSettings?.maxNodeCount ?? 0) : type === 'ComputeInstance' ? 1 : 0;
      computes.push({ id: compute.id, computeType: type, addresses });
    }
    if (computes.length === 0) return notApplicable;

    const size = usable.reduce((a, b) => a + b, 0);
    const used = props.data.ipConfigurations?.length ?? 0;
    const free = size - used;
    const needed = computes.reduce((a, c) => a + c.addresses, 0);
    if (free >= needed) return pass;
    return fail({
      evidence: { addressPrefixes: prefixes, usableAddresses: size, usedAddresses: used, freeAddresses: free, neededAddresses: needed, computes },
      actions: [],
      remediation: `report: ${free} free address(es) for ${needed} needed by ${computes.length} compute(s); enlarge the subnet or lower maxNodeCount`,
    });
  },
};
