import { z } from 'zod';
import { idKey, parentResourceId, parseArmId, resourceTypeOf, ResourceTypes, type ArmResource, type LinkRelation, type ResourceLink } from '../../model';
import type { GuardContext } from '../context';
import type { Gatherer, Gathered } from './gatherer';
import { readAllRelated, readRelated } from './read-related';

const NIC_IP_CONFIGURATION = `${ResourceTypes.nic}/ipconfigurations`;
const AML_RELATIONS: ReadonlySet<LinkRelation> = new Set<LinkRelation>(['computeSubnet', 'privateEndpointSubnet']);

const ref = z.looseObject({ id: z.string() });
const refs = z.array(ref).nullish();
const nsgProps = z.looseObject({ subnets: refs, networkInterfaces: refs });
const subnetProps = z.looseObject({ networkSecurityGroup: ref.nullish(), ipConfigurations: refs });
const publicIpProps = z.looseObject({ ipConfiguration: ref.nullish() });
const nicProps = z.looseObject({
  ipConfigurations: z.array(z.looseObject({ properties: z.looseObject({ subnet: ref.nullish(), publicIPAddress: ref.nullish() }).nullish() })).nullish(),
});

function uniqueIds(ids: readonly string[]): string[] {
  return [...new Map(ids.map((id) => [idKey(id), id])).values()];
}

function nicSubnets(nic: ArmResource): string[] {
  const p = nicProps.safeParse(nic.properties ?? {}).data;
  return uniqueIds((p?.ipConfigurations ?? []).flatMap((c) => (c.properties?.subnet?.id ? [c.properties.subnet.id] : [])));
}

function nicPublicIps(nic: ArmResource): string[] {
  const p = nicProps.safeParse(nic.properties ?? {}).data;
  return uniqueIds((p?.ipConfigurations ?? []).flatMap((c) => (c.properties?.publicIPAddress?.id ? [c.properties.publicIPAddress.id] : [])));
}

/** Stored links to each subnet that make it AML's (compute injected, workspace private endpoint). */
async function amlLinks(ctx: GuardContext, subnetIds: readonly string[]): Promise<ResourceLink[]> {
  const all = await Promise.all(uniqueIds(subnetIds).map((id) => ctx.store.links.linksTo(id)));
  return all.flat().filter((l) => AML_RELATIONS.has(l.relation));
}

/** NSG: which of its subnets (directly, or through the NICs it is attached to) host AML, and (AML-NET-005) the computes injected there. */
async function nsgContext(ctx: GuardContext, nsg: ArmResource): Promise<Gathered> {
  const p = nsgProps.safeParse(nsg.properties ?? {}).data;
  const nics = await readAllRelated(ctx, (p?.networkInterfaces ?? []).map((n) => n.id));
  const subnetIds = [...(p?.subnets ?? []).map((s) => s.id), ...nics.flatMap(nicSubnets)];
  const links = await amlLinks(ctx, subnetIds);
  const computes = await readAllRelated(ctx, uniqueIds(links.filter((l) => l.relation === 'computeSubnet').map((l) => l.sourceId)));
  return { resources: [...nics, ...computes], links };
}

/** Subnet: the computes linked to it (their sizes), and — when it is AML's — its NSG and NICs to evaluate next. */
async function subnetContext(ctx: GuardContext, subnet: ArmResource): Promise<Gathered> {
  const links = (await ctx.store.links.linksTo(subnet.id)).filter((l) => AML_RELATIONS.has(l.relation));
  const computes = await readAllRelated(
    ctx,
    uniqueIds(links.filter((l) => l.relation === 'computeSubnet').map((l) => l.sourceId)),
  );
  if (links.length === 0) return { resources: computes };
  const p = subnetProps.safeParse(subnet.properties ?? {}).data;
  const subscription = parseArmId(subnet.id).subscriptionId.toLowerCase();
  const nicIds = (p?.ipConfigurations ?? [])
    .map((c) => c.id)
    .filter((id) => resourceTypeOf(id) === NIC_IP_CONFIGURATION && parseArmId(id).subscriptionId.toLowerCase() === subscription)
    .map((id) => parentResourceId(id)!);
  const nsgId = p?.networkSecurityGroup?.id;
  return { resources: computes, discovered: uniqueIds([...(nsgId ? [nsgId] : []), ...nicIds]) };
}

/** Public IP: the NIC it is attached to, and the AML links of that NIC's subnets. */
async function publicIpContext(ctx: GuardContext, publicIp: ArmResource): Promise<Gathered> {
  const ipConfigurationId = publicIpProps.safeParse(publicIp.properties ?? {}).data?.ipConfiguration?.id;
  if (!ipConfigurationId || resourceTypeOf(ipConfigurationId) !== NIC_IP_CONFIGURATION) return {};
  const nic = await readRelated(ctx, parentResourceId(ipConfigurationId)!);
  if (!nic) return {};
  return { resources: [nic], links: await amlLinks(ctx, nicSubnets(nic)) };
}

/** NIC: when it sits in an AML subnet, its public IPs are evaluated next. */
async function nicContext(ctx: GuardContext, nic: ArmResource): Promise<Gathered> {
  const links = await amlLinks(ctx, nicSubnets(nic));
  return links.length ? { links, discovered: nicPublicIps(nic) } : { links };
}

/** The network resources around AML: NSGs, subnets, public IPs, NICs, one gatherer each. */
export const NETWORK_GATHERERS: readonly Gatherer[] = [
  { name: 'nsg-attachments', appliesTo: [ResourceTypes.nsg], serves: ['nsgAttachments', 'nsgComputes'], gather: nsgContext },
  { name: 'subnet-computes', appliesTo: [ResourceTypes.subnet], serves: ['subnetComputes'], keeps: 'discovery', gather: subnetContext },
  { name: 'public-ip-nic', appliesTo: [ResourceTypes.publicIp], serves: ['publicIpNic'], gather: publicIpContext },
  { name: 'nic-public-ips', appliesTo: [ResourceTypes.nic], serves: [], keeps: 'discovery', gather: nicContext },
];
