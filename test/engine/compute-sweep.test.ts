import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleEventMessage, sweep, WriteBudget, type RunResult } from '../../src/engine';
import { sameId, type ArmResource } from '../../src/model';
import { USER_PRINCIPAL, type EventGridEvent } from '../../src/sandbox';
import { startHarness, workspace, type Harness } from '../support/harness';
import { vnet } from '../support/network-estate';
import { CMP_SUB, cluster, computeId, endpointId, instance, onlineEndpoint, OWNER, READER, roleAssignment, withoutInner } from '../support/compute-estate';

const SUB = `/subscriptions/${CMP_SUB}`;
const MINE = new Set(['AML-CMP-001', 'AML-CMP-002', 'AML-CMP-003', 'AML-CMP-004', 'AML-CMP-005', 'AML-CMP-006', 'AML-END-001', 'AML-IAM-001']);
const P_WS = '0f0e0d0c-0b0a-4908-8706-050403020100';
const P_CI = '2f2e2d2c-2b2a-4928-8726-252423222120';
const VNET = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml`;
const SUBNET = `${VNET}/subnets/training`;

const WS: ArmResource = { ...workspace(CMP_SUB, 'rg-ml', 'ws', { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: 'Disabled' } }), identity: { type: 'SystemAssigned', principalId: P_WS } };
const WS_MANAGED = workspace(CMP_SUB, 'rg-ml', 'ws-managed', { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' } });
/** The official ComputeInstance example: public IP by default, SSH public, no idle shutdown, old OS image; here in a real subnet, with an identity. */
const CI_PUBLIC: ArmResource = { ...instance(computeId('rg-ml', 'ws', 'ci-public'), { properties: { properties: { subnet: { id: SUBNET } } } }), identity: { type: 'SystemAssigned', principalId: P_CI } };
const CI_PRIVATE = instance(computeId('rg-ml', 'ws', 'ci-private'), {
  properties: {
    disableLocalAuth: true,
    properties: { enableNodePublicIp: false, subnet: { id: SUBNET }, sshSettings: { sshPublicAccess: 'Disabled' }, idleTimeBeforeShutdown: 'PT1H', osImageMetadata: { isLatestOsImageVersion: true } },
  },
});
/** The official AmlCompute example: public IP, public SSH, placeholder subnet. */
const CC = cluster(computeId('rg-ml', 'ws', 'cc'));
const CI_MANAGED = withoutInner(instance(`${WS_MANAGED.id}/computes/ci-managed`, { properties: { properties: { sshSettings: { sshPublicAccess: 'Disabled' } } } }), 'subnet');
const EP_PUBLIC = onlineEndpoint(endpointId('rg-ml', 'ws', 'scoring'), { properties: { publicNetworkAccess: 'Enabled', provisioningState: 'Succeeded' } });
const EP_PRIVATE = onlineEndpoint(endpointId('rg-ml', 'ws', 'internal'), { properties: { publicNetworkAccess: 'Disabled' } });
const CI_OWNER = roleAssignment(SUB, '7b7b7b7b-0000-4000-8000-000000000001', P_CI, OWNER);
const WS_READER = roleAssignment(SUB, '7b7b7b7b-0000-4000-8000-000000000002', P_WS, READER);

let h: Harness;
beforeAll(async () => {
  h = await startHarness([WS, WS_MANAGED, CI_PUBLIC, CI_PRIVATE, CC, CI_MANAGED, EP_PUBLIC, EP_PRIVATE, CI_OWNER, WS_READER, vnet(VNET, [{ name: 'training', addressPrefix: '10.0.2.0/24' }])], {
    pageSize: 2,
  });
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.clearRequests());

const budget = () => new WriteBudget(25);
const short = (id: string) => id.split('/').slice(-1)[0];
const mine = (r: RunResult) => r.actions.filter((a) => MINE.has(a.ruleId)).map((a) => `${a.ruleId} ${a.action} ${a.outcome} ${short(a.resourceId)}`).sort();
const inner = (id: string) => h.sandbox.getResource(id)?.properties?.properties as Record<string, unknown>;
const myWrites = () => h.writes().filter((w) => [CI_PUBLIC, CI_PRIVATE, CC, CI_MANAGED, EP_PUBLIC, EP_PRIVATE, CI_OWNER, WS_READER].some((r) => w.path.toLowerCase().startsWith(r.id.toLowerCase())));

async function userWrite(write: () => Promise<unknown>, subject: string): Promise<EventGridEvent> {
  const before = h.sandbox.events.length;
  await write();
  const event = h.sandbox.events.slice(before).find((e) => sameId(e.subject, subject));
  if (!event) throw new Error(`no event for ${subject}`);
  h.sandbox.clearRequests();
  return event;
}

describe('sweep over compute, endpoints and identities', () => {
  it('follows workspaces to computes, endpoints and role assignments; fixes the enforce findings, leaves the audit ones open', async () => {
    const result = await sweep(h.ctx, { subscriptions: [CMP_SUB], budget: budget() });
    expect(result.errors).toEqual([]);
    expect(mine(result)).toEqual(
      [
        'AML-CMP-001 stop-compute applied ci-public',
        'AML-CMP-002 stop-compute already-compliant ci-public',
        'AML-CMP-005 set-idle-shutdown applied ci-public',
        'AML-CMP-005 set-idle-shutdown applied ci-managed',
        'AML-END-001 set-property applied scoring',
      ].sort(),
    );
    expect(inner(CI_PUBLIC.id)).toMatchObject({ state: 'Stopped', idleTimeBeforeShutdown: 'PT4H' });
    expect(inner(CI_MANAGED.id)).toMatchObject({ state: 'Running', idleTimeBeforeShutdown: 'PT4H' });
    expect(inner(CI_PRIVATE.id)).toMatchObject({ state: 'Running', idleTimeBeforeShutdown: 'PT1H' });
    expect(h.sandbox.getResource(EP_PUBLIC.id)?.properties).toMatchObject({ publicNetworkAccess: 'Disabled', authMode: 'AMLToken' });
    expect(h.sandbox.getResource(CI_OWNER.id), 'audit mode: the assignment is reported, not deleted').toBeDefined();

    const findings = (await h.store.findings.list({})).filter((f) => MINE.has(f.ruleId)).map((f) => `${f.ruleId} ${f.status} ${short(f.resourceId)}`).sort();
    expect(findings).toEqual(
      [
        'AML-CMP-001 open ci-public', // stopped, still has a public IP: recreate
        'AML-CMP-001 open cc',
        'AML-CMP-001 open ci-managed', // managed network: reported, not stopped
        'AML-CMP-002 open ci-public',
        'AML-CMP-002 open cc',
        'AML-CMP-004 open ci-public',
        'AML-CMP-004 open cc',
        'AML-CMP-004 open ci-managed',
        'AML-CMP-005 resolved ci-public',
        'AML-CMP-005 resolved ci-managed',
        'AML-CMP-006 open ci-public',
        'AML-CMP-006 open ci-managed',
        'AML-END-001 resolved scoring',
        'AML-IAM-001 open 7b7b7b7b-0000-4000-8000-000000000001',
      ].sort(),
    );
    const iam = (await h.store.findings.list({})).find((f) => f.ruleId === 'AML-IAM-001');
    expect(iam?.evidence).toMatchObject({ role: 'Owner', scope: SUB, identityOf: [CI_PUBLIC.id] });
  });

  it('built the link index: compute -> subnet, compute / workspace -> principals', async () => {
    expect(await h.store.links.linksTo(SUBNET)).toEqual(
      expect.arrayContaining([
        { sourceId: CI_PUBLIC.id, targetId: SUBNET, relation: 'computeSubnet' },
        { sourceId: CI_PRIVATE.id, targetId: SUBNET, relation: 'computeSubnet' },
      ]),
    );
    expect(await h.store.links.linksTo(`/principals/${P_CI}`)).toEqual([{ sourceId: CI_PUBLIC.id, targetId: `/principals/${P_CI}`, relation: 'identity' }]);
    expect(await h.store.links.linksTo(`/principals/${P_WS}`)).toEqual([{ sourceId: WS.id, targetId: `/principals/${P_WS}`, relation: 'identity' }]);
  });

  it('a second sweep writes nothing to these resources', async () => {
    const result = await sweep(h.ctx, { subscriptions: [CMP_SUB], budget: budget() });
    // the contained instance is Stopped: CMP-001/002 stay open (recreate it) but propose no stop, so no re-read and no audit entry
    expect(mine(result)).toEqual([]);
    expect(myWrites()).toEqual([]);
  });
});

describe('events', () => {
  it('a user starting the contained instance: the event stops it again', async () => {
    const event = await userWrite(() => h.userMl(CMP_SUB).computeOperations.beginStartAndWait('rg-ml', 'ws', 'ci-public', { updateIntervalInMs: 5 }), CI_PUBLIC.id);
    expect(inner(CI_PUBLIC.id).state).toBe('Running');
    const result = await handleEventMessage(h.ctx, [event]);
    expect(mine(result)).toEqual(['AML-CMP-001 stop-compute applied ci-public', 'AML-CMP-002 stop-compute already-compliant ci-public']);
    expect(myWrites().map((w) => `${w.method} ${w.path.split('/').slice(-2).join('/')}`)).toEqual(['POST ci-public/stop']);
    expect(inner(CI_PUBLIC.id).state).toBe('Stopped');
  });

  it('a new Owner assignment for the workspace identity at subscription scope: the role-assignment event is routed to AML-IAM-001', async () => {
    const authz = new AuthorizationManagementClient(h.sandbox.credential(USER_PRINCIPAL), CMP_SUB, { endpoint: h.sandbox.endpoint, tlsOptions: { ca: h.sandbox.ca } });
    const name = '7b7b7b7b-0000-4000-8000-0000000000aa';
    const id = `${SUB}/providers/Microsoft.Authorization/roleAssignments/${name}`;
    const event = await userWrite(
      () => authz.roleAssignments.create(`subscriptions/${CMP_SUB}`, name, { roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`, principalId: P_WS, principalType: 'ServicePrincipal' }),
      id,
    );
    expect(event.data.operationName).toBe('Microsoft.Authorization/roleAssignments/write');
    const result = await handleEventMessage(h.ctx, [event]);
    expect(result.findings.filter((f) => MINE.has(f.ruleId)).map((f) => `${f.ruleId} ${f.status}`)).toEqual(['AML-IAM-001 open']);
    expect(result.findings[0]?.evidence).toMatchObject({ role: 'Owner', identityOf: [WS.id] });
    expect(myWrites()).toEqual([]);

    const deleted = await userWrite(() => authz.roleAssignments.deleteById(id.slice(1)), id);
    const after = await handleEventMessage(h.ctx, [deleted]);
    expect(after.findings.map((f) => `${f.ruleId} ${f.status}`)).toEqual(['AML-IAM-001 resolved']);
  });

  it('a user re-opening the endpoint: the event closes it again with one PUT', async () => {
    const event = await userWrite(
      () =>
        h.userMl(CMP_SUB).onlineEndpoints.beginCreateOrUpdateAndWait('rg-ml', 'ws', 'scoring', { location: 'westeurope', properties: { authMode: 'AMLToken', publicNetworkAccess: 'Enabled' } }, { updateIntervalInMs: 5 }),
      EP_PUBLIC.id,
    );
    const result = await handleEventMessage(h.ctx, [event]);
    expect(mine(result)).toEqual(['AML-END-001 set-property applied scoring']);
    expect(myWrites().map((w) => w.method)).toEqual(['PUT']);
    expect(h.sandbox.getResource(EP_PUBLIC.id)?.properties?.publicNetworkAccess).toBe('Disabled');
  });
});
