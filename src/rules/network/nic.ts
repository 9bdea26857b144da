import { z } from 'zod';
import type { ArmResource } from '../../model';

const ref = z.looseObject({ id: z.string() }).nullish();
const nicProps = z.looseObject({
  ipConfigurations: z
    .array(z.looseObject({ name: z.string().nullish(), id: z.string().nullish(), properties: z.looseObject({ subnet: ref, publicIPAddress: ref }).nullish() }))
    .nullish(),
});

export interface NicIpConfiguration {
  readonly name: string | null;
  readonly id: string | null;
  readonly subnetId: string | null;
  readonly publicIpId: string | null;
}

/** A NIC's ipConfigurations: name, id, subnet and public IP ids (null when absent); [] when unparseable. */
export function nicIpConfigurations(nic: ArmResource): NicIpConfiguration[] {
  const parsed = nicProps.safeParse(nic.properties ?? {});
  if (!parsed.success) return [];
  return (parsed.data.ipConfigurations ?? []).map((c) => ({
    name: c.name ?? null,
    id: c.id ?? null,
    subnetId: c.properties?.subnet?.id ?? null,
    publicIpId: c.properties?.publicIPAddress?.id ?? null,
  }));
}
