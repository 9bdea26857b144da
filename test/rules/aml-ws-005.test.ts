import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { guardConfigSchema, type ArmResource } from '../../src/model';
import { amlWs005 } from '../../src/rules/aml-ws-005';
import { exampleResource } from '../support/fixtures';
import { privateEndpoint, zoneGroup } from '../support/network-estate';

const config = guardConfigSchema.parse({});
const WS = 'arm-examples/machinelearningservices/2025-12-01/Workspace';
const official = exampleResource(`${WS}/get.json`);
// The official workspace's endpoint lives in another resource group (rg-1234) than the workspace (workspace-1234).
const PE = '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-1234/providers/Microsoft.Network/privateEndpoints/petest01';
const SUBNET = '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-1234/providers/Microsoft.Network/virtualNetworks/v/subnets/pe';

const evaluate = (subject: ArmResource, resources: readonly ArmResource[]) =>
  amlWs005.evaluate({ subject, related: new SnapshotSet(resources, []), config, now: new Date('2026-11-25T00:00:00Z') });

function withConnections(connections: unknown[]): ArmResource {
  return { ...official, properties: { ...official.properties, privateEndpointConnections: connections } };
}
const connection = (peId: string, status: string | null) => ({
  properties: { privateEndpoint: { id: peId }, ...(status ? { privateLinkServiceConnectionState: { status } } : {}) },
});

describe('AML-WS-005 workspace private endpoint without private DNS zone group', () => {
  it('passes on the official workspace when its endpoint has the official zone group', () => {
    expect(evaluate(official, [privateEndpoint(PE, SUBNET), zoneGroup(PE, 'default')]).status).toBe('pass');
  });

  it('fires on the official workspace when its endpoint has no zone group', () => {
    const v = evaluate(official, [privateEndpoint(PE, SUBNET)]);
    expect(v.status).toBe('fail');
    if (v.status !== 'fail') return;
    expect(v.actions).toEqual([]);
    expect(v.evidence).toEqual({ privateEndpoints: [{ privateEndpoint: PE, connectionStatus: 'Approved', problem: 'no private DNS zone group' }] });
  });

  it('a zone group without any DNS zone does not count', () => {
    const v = evaluate(official, [privateEndpoint(PE, SUBNET), zoneGroup(PE, 'empty', [])]);
    expect(v.status === 'fail' && v.evidence).toEqual({ privateEndpoints: [{ privateEndpoint: PE, connectionStatus: 'Approved', problem: 'private DNS zone group(s) without any DNS zone' }] });
  });

  it('reports a deleted (404) endpoint as evidence instead of crashing', () => {
    const v = evaluate(official, []);
    expect(v.status === 'fail' && v.evidence).toEqual({ privateEndpoints: [{ privateEndpoint: PE, connectionStatus: 'Approved', problem: 'private endpoint not found' }] });
  });

  it("a zone group of ANOTHER endpoint does not count; ids compare case-insensitively", () => {
    const other = PE.replace('petest01', 'petest02');
    expect(evaluate(official, [privateEndpoint(PE, SUBNET), zoneGroup(other, 'default')]).status).toBe('fail');
    const upper = PE.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/');
    expect(evaluate(official, [privateEndpoint(upper, SUBNET), zoneGroup(upper, 'default')]).status).toBe('pass');
  });

  it('checks every active endpoint, ignores Rejected / Disconnected ones, and counts a missing status as active', () => {
    const pe2 = PE.replace('petest01', 'pe2');
    const pe3 = PE.replace('petest01', 'pe3');
    const ws = withConnections([connection(PE, 'Approved'), connection(pe2, 'Disconnected'), connection(pe3, null), { properties: null }, {}]);
    const v = evaluate(ws, [privateEndpoint(PE, SUBNET), zoneGroup(PE, 'default'), privateEndpoint(pe3, SUBNET)]);
    expect(v.status === 'fail' && v.evidence).toEqual({ privateEndpoints: [{ privateEndpoint: pe3, connectionStatus: null, problem: 'no private DNS zone group' }] });
    expect(evaluate(withConnections([connection(pe2, 'Rejected')]), []).status).toBe('not-applicable');
  });

  it('is not applicable to a workspace without private endpoint connections (AML-WS-003 covers that)', () => {
    const { privateEndpointConnections: _gone, ...rest } = official.properties ?? {};
    expect(evaluate({ ...official, properties: rest }, []).status).toBe('not-applicable');
    expect(evaluate({ ...official, properties: null }, []).status).toBe('not-applicable');
    expect(evaluate(withConnections([]), []).status).toBe('not-applicable');
  });
});
