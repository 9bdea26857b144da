import { parseArmId, ResourceTypes, type ArmId } from '../../model';
import { typeFromId } from '../type-from-id';
import { captureWire } from '../wire-scope';
import type { GetterTable } from './getter';

const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';
const ZONE_GROUP_TYPE = 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups';

/** `[resource group, first name, second name]` of a network resource id. */
function parts(id: string): [ArmId, string, string, string] {
  const p = parseArmId(id);
  return [p, p.resourceGroup!, p.names[0]!, p.names[1] ?? ''];
}

/** Network reads go through @azure/arm-network (modular client): bodies are captured by its pipeline policy, see wire-scope.ts. */
export const networkGetters: GetterTable = {
  [ResourceTypes.nsg]: (c, id, cap) => {
    const [p, rg, name] = parts(id);
    return captureWire(cap, () => c.network(p.subscriptionId).networkSecurityGroups.get(rg, name));
  },
  [ResourceTypes.nic]: (c, id, cap) => {
    const [p, rg, name] = parts(id);
    return captureWire(cap, () => c.network(p.subscriptionId).networkInterfaces.get(rg, name));
  },
  [ResourceTypes.publicIp]: (c, id, cap) => {
    const [p, rg, name] = parts(id);
    return captureWire(cap, () => c.network(p.subscriptionId).publicIPAddresses.get(rg, name));
  },
  [ResourceTypes.virtualNetwork]: (c, id, cap) => {
    const [p, rg, name] = parts(id);
    return captureWire(cap, () => c.network(p.subscriptionId).virtualNetworks.get(rg, name));
  },
  [ResourceTypes.subnet]: (c, id, cap) => {
    const [p, rg, vnet, subnet] = parts(id);
    return captureWire(cap, () => c.network(p.subscriptionId).subnets.get(rg, vnet, subnet), typeFromId(SUBNET_TYPE));
  },
  [ResourceTypes.privateEndpoint]: (c, id, cap) => {
    const [p, rg, name] = parts(id);
    return captureWire(cap, () => c.network(p.subscriptionId).privateEndpoints.get(rg, name));
  },
  [ResourceTypes.privateDnsZoneGroup]: (c, id, cap) => {
    const [p, rg, pe, group] = parts(id);
    return captureWire(cap, () => c.network(p.subscriptionId).privateDnsZoneGroups.get(rg, pe, group), typeFromId(ZONE_GROUP_TYPE));
  },
};

export { ZONE_GROUP_TYPE };
