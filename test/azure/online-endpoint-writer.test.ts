import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { putAsReadBody } from '../../src/azure/put-as-read';
import { onlineEndpoint as onlineEndpointDescriptor } from '../../src/resources/online-endpoint';
import type { ArmResource } from '../../src/model';
import { RESOURCE_DESCRIPTORS } from '../../src/resources';
import { roleGrants } from '../../src/resources/role-actions';
import { GUARD_PRINCIPAL } from '../../src/sandbox';
import { startHarness, type Harness } from '../support/harness';
import { endpointId, onlineEndpoint } from '../support/compute-estate';

const EP = endpointId('rg-ml', 'ws', 'scoring');
const EP_DISABLED = endpointId('rg-ml', 'ws', 'private');
const EP_BUSY = endpointId('rg-ml', 'ws', 'busy');
const UAI = '/subscriptions/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/scorer';
/** The official example with a real id, a user-assigned identity, shadow traffic (unknown to the 2.1.1 SDK) and public access on. */
function publicEndpoint(id: string): ArmResource {
  const base = onlineEndpoint(id);
  return {
    ...base,
    identity: { type: 'SystemAssigned,UserAssigned', userAssignedIdentities: { [UAI]: { principalId: '11111111-2222-4333-8444-555555555555', clientId: '66666666-7777-4888-8999-000000000000' } } },
    properties: { ...base.properties, publicNetworkAccess: 'Enabled', traffic: { blue: 90, green: 10 }, mirrorTraffic: { green: 5 }, provisioningState: 'Succeeded' },
  };
}
const disable = (resourceId: string) => ({ kind: 'set-property' as const, resourceId, path: ['publicNetworkAccess'], value: 'Disabled' });

let h: Harness;
beforeAll(async () => {
  h = await startHarness([publicEndpoint(EP), publicEndpoint(EP_BUSY), onlineEndpoint(EP_DISABLED, { properties: { publicNetworkAccess: 'Disabled' } })]);
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.clearRequests());

describe('online endpoint publicNetworkAccess (set-property)', () => {
  it('PUTs the endpoint as read with only publicNetworkAccess changed (its PATCH takes tags and identity only), waits for the LRO, verifies', async () => {
    const result = await h.ctx.executor.execute(disable(EP));
    expect(result).toMatchObject({ outcome: 'applied', before: 'Enabled', after: 'Disabled', wrote: true });
    const writes = h.writes();
    expect(writes.map((w) => w.method)).toEqual(['PUT']);
    const put = h.sandbox.requests.find((r) => r.method === 'PUT')!;
    expect(put).toMatchObject({ path: EP, apiVersion: '2025-12-01' });
    expect(put.body).toEqual({
      properties: {
        description: 'string',
        properties: { string: 'string' },
        authMode: 'AMLToken',
        compute: 'string',
        traffic: { blue: 90, green: 10 },
        mirrorTraffic: { green: 5 },
        publicNetworkAccess: 'Disabled',
      },
      tags: {},
      location: 'westeurope',
      kind: 'string',
      identity: { type: 'SystemAssigned,UserAssigned', userAssignedIdentities: { [UAI]: {} } },
      sku: { name: 'string', tier: 'Free', size: 'string', family: 'string', capacity: 1 },
    });
    const kinds = h.sandbox.requests.map((r) => `${r.method} ${r.path === EP ? 'endpoint' : /\/mfeOperationsStatus\//i.test(r.path) ? 'operation' : r.path}`);
    expect(kinds).toEqual([
      'GET endpoint', // the executor reads it (no snapshot given): the wire body PUT back
      'PUT endpoint',
      'GET operation', // Azure-AsyncOperation polled to completion
      'GET operation',
      'GET endpoint', // the LRO's final GET (original-uri): the fix is verified on it, no read-back
    ]);
    expect(h.sandbox.requests.every((r) => r.apiVersion === '2025-12-01')).toBe(true);
    const stored = h.sandbox.getResource(EP)!;
    expect(stored.properties).toMatchObject({ publicNetworkAccess: 'Disabled', traffic: { blue: 90, green: 10 }, mirrorTraffic: { green: 5 }, authMode: 'AMLToken' });
    expect(stored.identity).toMatchObject({ type: 'SystemAssigned,UserAssigned' });
  });

  it('ARM checks the assign action on each user-assigned identity the PUT re-states: a role without it gets 403 LinkedAuthorizationFailed, nothing changes', async () => {
    const ASSIGN = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action';
    const granted = roleGrants(RESOURCE_DESCRIPTORS).remediator.map((g) => g.action);
    expect(granted).toContain(ASSIGN);
    const local = await startHarness([publicEndpoint(EP)], {
      enforceRole: { principalId: GUARD_PRINCIPAL.oid, roles: [{ roleName: 'remediator without assign', permissions: [{ actions: granted.filter((a) => a !== ASSIGN) }] }] },
    });
    try {
      const result = await local.ctx.executor.execute(disable(EP));
      expect(result).toMatchObject({ outcome: 'failed', wrote: true });
      expect(result.error).toMatch(/LinkedAuthorizationFailed/);
      expect(result.error).toContain('userAssignedIdentities/assign/action');
      expect(local.sandbox.getResource(EP)?.properties?.publicNetworkAccess).toBe('Enabled');
    } finally {
      await local.close();
    }
  });

  it('writes nothing when already Disabled, or when the endpoint is gone', async () => {
    expect(await h.ctx.executor.execute(disable(EP_DISABLED))).toMatchObject({ outcome: 'already-compliant', wrote: false });
    expect(await h.ctx.executor.execute(disable(endpointId('rg-ml', 'ws', 'gone')))).toMatchObject({ outcome: 'already-compliant', wrote: false });
    expect(h.writes()).toEqual([]);
  });

  it('reports a failed long-running operation as failed, and the endpoint stays as it was', async () => {
    h.sandbox.injectFault({ method: 'PUT', pathPattern: /busy$/, status: 409, code: 'EndpointBusy', message: 'A deployment is in progress', failOperation: true });
    const result = await h.ctx.executor.execute(disable(EP_BUSY));
    expect(result).toMatchObject({ outcome: 'failed', before: 'Enabled', wrote: true });
    expect(result.error).toMatch(/A deployment is in progress/);
    expect(h.sandbox.getResource(EP_BUSY)?.properties?.publicNetworkAccess).toBe('Enabled');
  });
});

const patch = onlineEndpointDescriptor.remediations?.properties?.publicNetworkAccess;
const onlineEndpointPutBody = (endpoint: ArmResource, property: string, value: string) => putAsReadBody(endpoint, patch?.how === 'put-as-read' ? patch.readOnly : [], property, value);

describe('the online endpoint PUT body (put-as-read)', () => {
  it('is how its descriptor sets publicNetworkAccess', () => {
    expect(patch?.how).toBe('put-as-read');
  });

  it('drops what the server populates (id, name, type, systemData, provisioningState, scoringUri, swaggerUri, keys, identity ids)', () => {
    const body = onlineEndpointPutBody(onlineEndpoint(EP, { properties: { keys: null } }), 'publicNetworkAccess', 'Disabled');
    expect(Object.keys(body).sort()).toEqual(['identity', 'kind', 'location', 'properties', 'sku', 'tags']);
    expect(Object.keys(body.properties as object).sort()).toEqual(['authMode', 'compute', 'description', 'properties', 'publicNetworkAccess', 'traffic']);
    expect(body.identity).toEqual({ type: 'SystemAssigned', userAssignedIdentities: { string: {} } });
  });

  it('keeps an endpoint without identity without one', () => {
    const { identity: _i, ...bare } = onlineEndpoint(EP);
    expect(onlineEndpointPutBody(bare, 'publicNetworkAccess', 'Disabled').identity).toBeUndefined();
  });
});
