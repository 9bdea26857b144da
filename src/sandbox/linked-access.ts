import type { Route } from './route';

/** An action the caller must also hold over another resource the request links to. */
export interface LinkedCheck {
  readonly action: string;
  readonly scope: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown): string | undefined => (isObject(v) && typeof v.id === 'string' && v.id !== '' ? v.id : undefined);
const idsOf = (v: unknown): string[] => (Array.isArray(v) ? v.map(idOf).filter((id): id is string => id !== undefined) : []);

/**
 * What an ipConfiguration references, and the join action ARM checks on each (Microsoft.Network
 * operations: https://learn.microsoft.com/azure/role-based-access-control/permissions/networking).
 */
const IP_CONFIGURATION_LINKS: ReadonlyArray<readonly [property: string, action: string, many: boolean]> = [
  ['subnet', 'Microsoft.Network/virtualNetworks/subnets/join/action', false],
  ['publicIPAddress', 'Microsoft.Network/publicIPAddresses/join/action', false],
  ['applicationSecurityGroups', 'Microsoft.Network/applicationSecurityGroups/joinIpConfiguration/action', true],
  ['loadBalancerBackendAddressPools', 'Microsoft.Network/loadBalancers/backendAddressPools/join/action', true],
  ['loadBalancerInboundNatRules', 'Microsoft.Network/loadBalancers/inboundNatRules/join/action', true],
  ['applicationGatewayBackendAddressPools', 'Microsoft.Network/applicationGateways/backendAddressPools/join/action', true],
];

function ipConfigurationChecks(properties: unknown): LinkedCheck[] {
  if (!isObject(properties)) return [];
  return IP_CONFIGURATION_LINKS.flatMap(([property, action, many]) => {
    const value = properties[property];
    const ids = many ? idsOf(value) : [idOf(value)].filter((id): id is string => id !== undefined);
    return ids.map((scope) => ({ action, scope }));
  });
}

/**
 * Linked authorization, as ARM does it for the writes AML Guard makes. Every other write it makes
 * (a PATCH of one property, a POST action, a DELETE, a tags PATCH) states no other resource.
 * A user-assigned identity in the body needs its assign action (userAssignedIdentityChecks). For a network interface PUT: besides
 * `networkInterfaces/write` on the NIC, the caller needs the join action on every resource the
 * body references (each ipConfiguration's subnet, public IP, application security groups and
 * load balancer / application gateway pools; the NIC's network security group), whether or not
 * the reference changes. ARM answers 403 LinkedAuthorizationFailed otherwise. This is why a role
 * that detaches a public IP from a NIC needs `virtualNetworks/subnets/join/action` (and
 * `networkSecurityGroups/join/action` when the NIC has an NSG).
 */
export function linkedAccessChecks(method: string, route: Route, body: unknown): LinkedCheck[] {
  if ((method !== 'PUT' && method !== 'PATCH') || route.kind !== 'resource' || !isObject(body)) return [];
  const checks = userAssignedIdentityChecks(body.identity);
  if (method !== 'PUT') return checks;
  const type = route.target.type.toLowerCase();
  const properties = body.properties;
  if (type === 'microsoft.network/networkinterfaces') {
    if (!isObject(properties)) return checks;
    const configurations = Array.isArray(properties.ipConfigurations) ? properties.ipConfigurations : [];
    const nsg = idOf(properties.networkSecurityGroup);
    return dedupe([
      ...checks,
      ...configurations.flatMap((c) => (isObject(c) ? ipConfigurationChecks(c.properties) : [])),
      ...(nsg ? [{ action: 'Microsoft.Network/networkSecurityGroups/join/action', scope: nsg }] : []),
    ]);
  }
  if (type === 'microsoft.network/networkinterfaces/ipconfigurations') return dedupe([...checks, ...ipConfigurationChecks(properties)]);
  return checks;
}

/**
 * A PUT or PATCH of any resource whose body states user-assigned identities (an online endpoint
 * PUT re-stating the endpoint as read, for one) needs `assign/action` on each of them, whether
 * or not the identity changes: ARM checks what the request carries
 * (https://learn.microsoft.com/azure/role-based-access-control/permissions/identity, Managed
 * Identity Operator).
 */
function userAssignedIdentityChecks(identity: unknown): LinkedCheck[] {
  if (!isObject(identity) || !isObject(identity.userAssignedIdentities)) return [];
  return dedupe(Object.keys(identity.userAssignedIdentities).map((scope) => ({ action: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', scope })));
}

function dedupe(checks: LinkedCheck[]): LinkedCheck[] {
  const seen = new Set<string>();
  return checks.filter((c) => {
    const key = `${c.action.toLowerCase()} ${c.scope.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
