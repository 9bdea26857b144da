import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { nic, nicId, pipId, publicIp, subnetId } from '../support/network-estate';
import { raw } from './helpers';

const SUBNET = subnetId('rg-net', 'vnet', 'default');
const NIC = nicId('rg-vms', 'nic1');
const PIP = pipId('rg-vms', 'ip1');
const OTHER = pipId('rg-vms', 'ip-elsewhere');
const LB_FE = '/subscriptions/7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6/resourceGroups/rg1/providers/Microsoft.Network/loadBalancers/lb/frontendIPConfigurations/fe';
const backRef = (id: string) => (sandbox.getResource(id)?.properties?.ipConfiguration as { id: string } | undefined)?.id ?? null;
const put = (body: unknown) => raw(sandbox, 'PUT', `${NIC}?api-version=2026-01-01`, { body });

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ enforceRole: false, estate: [nic(NIC, SUBNET, null), publicIp(PIP, null), publicIp(OTHER, LB_FE)] });
});
afterAll(() => sandbox.close());

describe("sandbox keeps a public IP's ipConfiguration back-reference as ARM does", () => {
  it('attaching through a NIC PUT sets it; detaching removes it', async () => {
    const body = nic(NIC, SUBNET, PIP);
    expect((await put(body)).status).toBe(200);
    expect(backRef(PIP)).toBe(`${NIC}/ipConfigurations/ipconfig1`);
    expect((await put(nic(NIC, SUBNET, null))).status).toBe(200);
    expect(backRef(PIP)).toBeNull();
    expect(sandbox.getResource(PIP)?.properties?.ipAddress).toBe('20.1.2.3');
  });

  it('deleting the NIC removes it; a back-reference to something else is never touched', async () => {
    await put(nic(NIC, SUBNET, PIP));
    expect((await raw(sandbox, 'DELETE', `${NIC}?api-version=2026-01-01`)).status).toBe(200);
    expect(backRef(PIP)).toBeNull();
    expect(backRef(OTHER)).toBe(LB_FE);
  });

  it('a NIC naming a public IP that does not exist changes nothing else', async () => {
    expect((await put(nic(NIC, SUBNET, pipId('rg-vms', 'missing')))).status).toBe(201);
    expect(sandbox.getResource(pipId('rg-vms', 'missing'))).toBeUndefined();
  });
});
