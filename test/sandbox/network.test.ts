import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { exampleEstate, networkClient, NIC_ID, NSG_ID, raw, VNET_ID } from './helpers';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ enforceRole: false, estate: exampleEstate(), pageSize: 2 });
});
afterAll(() => sandbox.close());

/** The SDK's flattened SecurityRule model (it serializes these under `properties`). */
const rule = (priority: number) => ({
  protocol: '*' as const,
  sourcePortRange: '*',
  destinationPortRange: '22',
  sourceAddressPrefix: 'Internet',
  destinationAddressPrefix: '*',
  access: 'Allow' as const,
  priority,
  direction: 'Inbound' as const,
});

describe('embedded children through the official Network SDK', () => {
  it('GETs an NSG with its rules embedded, and a rule by its own id', async () => {
    const net = networkClient(sandbox);
    const nsg = await net.networkSecurityGroups.get('rg1', 'testnsg');
    expect(nsg.securityRules?.map((r) => r.name)).toEqual(['rule1']);
    const r1 = await net.securityRules.get('rg1', 'testnsg', 'RULE1');
    expect(r1).toMatchObject({ id: `${NSG_ID}/securityRules/rule1`, name: 'rule1', destinationPortRange: '80' });
    const dflt = await raw(sandbox, 'GET', `${NSG_ID}/defaultSecurityRules/DenyAllInBound?api-version=2026-01-01`);
    expect(dflt.status).toBe(200);
    const missing = await raw(sandbox, 'GET', `${NSG_ID}/securityRules/none?api-version=2026-01-01`);
    expect(missing.status).toBe(404);
  });

  it('PUTs rules into the parent array (poller done at once) and pages the rule collection', async () => {
    const net = networkClient(sandbox);
    const created = await net.securityRules.createOrUpdate('rg1', 'testnsg', 'ssh', rule(200));
    expect(created).toMatchObject({ id: `${NSG_ID}/securityRules/ssh`, provisioningState: 'Succeeded', destinationPortRange: '22' });
    expect(sandbox.requests.at(-1)).toMatchObject({ method: 'PUT', status: 201, body: { properties: { destinationPortRange: '22', priority: 200 } } });
    await net.securityRules.createOrUpdate('rg1', 'testnsg', 'ssh2', rule(210));
    sandbox.clearRequests();
    const names: string[] = [];
    for await (const r of net.securityRules.list('rg1', 'testnsg')) names.push(r.name!);
    expect(names).toEqual(['rule1', 'ssh', 'ssh2']);
    expect(sandbox.requests.map((r) => r.query.$skiptoken)).toEqual([undefined, '2']);
    const stored = sandbox.getResource(NSG_ID)?.properties?.securityRules as Array<{ name: string }>;
    expect(stored.map((r) => r.name)).toEqual(['rule1', 'ssh', 'ssh2']);
  });

  it('DELETEs an embedded rule (removing it from the parent) with the SDK poller, and emits the delete event', async () => {
    const start = sandbox.events.length;
    await networkClient(sandbox).securityRules.delete('rg1', 'testnsg', 'ssh');
    const stored = sandbox.getResource(NSG_ID)?.properties?.securityRules as Array<{ name: string }>;
    expect(stored.map((r) => r.name)).toEqual(['rule1', 'ssh2']);
    expect(sandbox.getResource(`${NSG_ID}/securityRules/ssh`)).toBeUndefined();
    expect(sandbox.getResource(`${NSG_ID}/securityRules/ssh2`)).toMatchObject({ name: 'ssh2', type: 'Microsoft.Network/networkSecurityGroups/securityRules' });
    expect(sandbox.events.slice(start).map((e) => [e.eventType, e.subject, e.data.operationName])).toEqual([
      ['Microsoft.Resources.ResourceDeleteSuccess', `${NSG_ID}/securityRules/ssh`, 'Microsoft.Network/networkSecurityGroups/securityRules/delete'],
    ]);
    const again = await raw(sandbox, 'DELETE', `${NSG_ID}/securityRules/ssh?api-version=2026-01-01`);
    expect(again.status).toBe(204);
    const dflt = await raw(sandbox, 'DELETE', `${NSG_ID}/defaultSecurityRules/DenyAllInBound?api-version=2026-01-01`);
    expect(dflt.status).toBe(405);
  });

  it('replaces a NIC with PUT (detaching its public IP) and the poller finishes', async () => {
    const net = networkClient(sandbox);
    const nic = await net.networkInterfaces.get('rg1', 'test-nic');
    const ipConfigurations = nic.ipConfigurations!.map((c) => (c.name === 'ipconfig1' ? { ...c, publicIPAddress: undefined } : c));
    const updated = await net.networkInterfaces.createOrUpdate('rg1', 'test-nic', { ...nic, ipConfigurations });
    expect(updated.ipConfigurations?.[0]?.publicIPAddress).toBeUndefined();
    const stored = sandbox.getResource(NIC_ID)!;
    const configs = stored.properties?.ipConfigurations as Array<{ id: string; properties: Record<string, unknown> }>;
    expect(configs[0]!.id).toBe(`${NIC_ID}/ipConfigurations/ipconfig1`);
    expect(configs[0]!.properties.publicIPAddress).toBeUndefined();
    expect(configs[0]!.properties.subnet).toEqual({ id: `${VNET_ID.replace('test-vnet', 'rg1-vnet')}/subnets/default` });
  });

  it('GETs a subnet embedded in its virtual network, and the subnet collection', async () => {
    const net = networkClient(sandbox);
    expect(await net.subnets.get('rg1', 'test-vnet', 'subnet1')).toMatchObject({ id: `${VNET_ID}/subnets/subnet1`, addressPrefix: '10.0.1.0/24' });
    const names: string[] = [];
    for await (const s of net.subnets.list('rg1', 'test-vnet')) names.push(s.name!);
    expect(names).toEqual(['subnet1']);
  });
});
