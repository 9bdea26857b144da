import { z } from 'zod';
import { fail, notApplicable, pass, ResourceTypes, sameId, type Rule } from '../model';
import { computeView, isInstanceOrCluster } from './compute/compute-view';
import { publicIpReasons } from './compute/public-ip';
import { nicIpConfigurations } from './network/nic';
import { describeFlow, nsgRulesInOrder, REQUIRED_INBOUND_PUBLIC_IP, REQUIRED_OUTBOUND, shadowingDeny } from './network/nsg-flows';

const ref = z.looseObject({ id: z.string() });
const nsgProps = z.looseObject({ subnets: z.array(ref).nullish().catch(null), networkInterfaces: z.array(ref).nullish().catch(null) });

/**
 * AML-NET-005: the NSG of a subnet hosting Azure ML compute blocks a flow Azure ML needs: the
 * first rule (by priority, default rules included) matching it is a Deny. Outbound 443 to
 * AzureActiveDirectory, AzureMachineLearning (and TCP 18881, UDP 5831), BatchNodeManagement,
 * AzureResourceManager, Storage, AzureFrontDoor.FrontEnd and MicrosoftContainerRegistry; inbound
 * TCP 44224 from AzureMachineLearning when a compute in the subnet has a public IP. A Deny of
 * Internet placed after Allows of those tags is fine. Never fixed: AML Guard does not widen NSGs.
 */
export const amlNet005: Rule = {
  id: 'AML-NET-005',
  title: 'NSG on an Azure ML compute subnet blocks traffic Azure ML needs',
  severity: 'medium',
  rationale: 'An overly restrictive NSG breaks compute provisioning and jobs, and teams "fix" it by moving compute out of the private network.',
  benchmark: 'NS-1',
  defaultMode: 'audit',
  remediation: 'report: add Allow rules for the listed service tags and ports above the Deny (AML Guard never widens an NSG)',
  appliesTo: [ResourceTypes.nsg],
  needs: ['nsgAttachments', 'nsgComputes'],
  proposes: [],
  evaluate({ subject, related }) {
    const p = nsgProps.safeParse(subject.properties ?? {}).data;
    const subnetIds = (p?.subnets ?? []).map((s) => s.id);
    for (const nicRef of p?.networkInterfaces ?? []) {
      const nic = related.get(nicRef.id);
      if (nic) subnetIds.push(...nicIpConfigurations(nic).flatMap((c) => (c.subnetId ? [c.subnetId] : [])));
    }
    const computeIds = subnetIds.flatMap((id) => related.linksTo(id).filter((l) => l.relation === 'computeSubnet').map((l) => l.sourceId));
    if (computeIds.length === 0) return notApplicable;
    const publicComputes = computeIds.filter((id, i) => computeIds.findIndex((o) => sameId(o, id)) === i).filter((id) => {
      const compute = related.get(id);
      if (!compute) return false;
      const view = computeView(compute);
      return isInstanceOrCluster(view) && publicIpReasons(view).length > 0;
    });
    const rules = nsgRulesInOrder(subject.properties);
    const flows = publicComputes.length ? [...REQUIRED_OUTBOUND, REQUIRED_INBOUND_PUBLIC_IP] : REQUIRED_OUTBOUND;
    const blocked = flows.flatMap((f) => shadowingDeny(rules, f) ?? []);
    if (blocked.length === 0) return pass;
    return fail({
      evidence: {
        blocked: blocked.map((b) => ({ flow: describeFlow(b.flow), denyRule: b.rule, priority: b.priority })),
        computesWithPublicIp: publicComputes,
      },
      actions: [],
      remediation: `allow ${blocked.map((b) => `${describeFlow(b.flow)} (denied by ${b.rule}, priority ${b.priority})`).join('; ')} with a rule of higher priority than the Deny`,
    });
  },
};
