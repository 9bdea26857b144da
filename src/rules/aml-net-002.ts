import { z } from 'zod';
import { fail, nameOf, notApplicable, parentResourceId, resourceTypeOf, ResourceTypes, sameId, type Rule } from '../model';
import { amlLinksTo, describeAmlSubnet } from './network/aml-subnets';
import { nicIpConfigurations } from './network/nic';

const NIC_IP_CONFIGURATION = `${ResourceTypes.nic}/ipconfigurations`;

const publicIpProps = z.looseObject({
  ipConfiguration: z.looseObject({ id: z.string() }).nullish(),
  ipAddress: z.string().nullish(),
});

/**
 * AML-NET-002: a public IP attached to a NIC ipConfiguration in a subnet that hosts AML compute
 * or a workspace private endpoint. The attachment is confirmed on the NIC itself (the public IP's
 * `ipConfiguration` is a back-reference); public IPs on load balancers, gateways or NICs
 * elsewhere, and unattached ones, are not this rule's business.
 */
export const amlNet002: Rule = {
  id: 'AML-NET-002',
  title: 'Public IP attached to a NIC in an Azure ML subnet',
  severity: 'high',
  rationale: 'A public IP on a NIC in the subnet of ML compute or a workspace private endpoint gives the internet a direct path into the private network.',
  benchmark: 'NS-1',
  defaultMode: 'enforce',
  remediation: 'detach it from the NIC ipConfiguration (PUT the NIC; the public IP resource is kept)',
  appliesTo: [ResourceTypes.publicIp],
  needs: ['publicIpNic'],
  proposes: [{ kind: 'detach-public-ip', on: [ResourceTypes.nic] }],
  evaluate({ subject, related }) {
    const props = publicIpProps.safeParse(subject.properties ?? {});
    const ipConfigurationId = props.success ? props.data.ipConfiguration?.id : undefined;
    if (!ipConfigurationId || resourceTypeOf(ipConfigurationId) !== NIC_IP_CONFIGURATION) return notApplicable;
    const nicId = parentResourceId(ipConfigurationId)!;
    const nic = related.get(nicId);
    if (!nic) return notApplicable;
    const config = nicIpConfigurations(nic).find((c) => c.name !== null && c.name.toLowerCase() === nameOf(ipConfigurationId).toLowerCase());
    if (!config || !config.publicIpId || !sameId(config.publicIpId, subject.id) || !config.subnetId) return notApplicable;
    if (amlLinksTo(related, config.subnetId).length === 0) return notApplicable;
    return fail({
      evidence: {
        ipAddress: (props.success ? props.data.ipAddress : null) ?? null,
        networkInterface: nic.id,
        ipConfiguration: config.name,
        subnet: config.subnetId,
        hosts: describeAmlSubnet(related, config.subnetId).hosts,
      },
      actions: [{ kind: 'detach-public-ip', resourceId: nic.id, ipConfigurationName: config.name!, publicIpId: subject.id }],
      remediation: `detach ${subject.name} from ${nic.name}/${config.name}`,
    });
  },
};
