import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeContext } from '../../src/engine/related/compute-context';
import { assignmentIdentityHolders, identityRoleAssignmentDiscovery, identityRoleAssignments } from '../../src/engine/related/identity-role-assignments';
import { workspaceChildren } from '../../src/engine/related/workspace-children';
import { type ArmResource } from '../../src/model';
import { startHarness, workspace, type Harness } from '../support/harness';
import { CMP_SUB, computeId, CONTRIBUTOR, endpointId, instance, onlineEndpoint, OWNER, READER, roleAssignment, wsId } from '../support/compute-estate';

const SUB = `/subscriptions/${CMP_SUB}`;
const P_WS = '0f0e0d0c-0b0a-4908-8706-050403020100';
const P_UAI = '1f1e1d1c-1b1a-4918-8716-151413121110';
const P_CI = '2f2e2d2c-2b2a-4928-8726-252423222120';
const UAI_ID = `${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/shared`;
const SUBNET = `${SUB}/resourceGroups/RG-Net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/training`;
const WS: ArmResource = {
  ...workspace(CMP_SUB, 'rg-ml', 'ws', { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: 'Disabled' } }),
  identity: { type: 'SystemAssigned,UserAssigned', principalId: P_WS, userAssignedIdentities: { [UAI_ID]: { principalId: P_UAI, clientId: '3f3e3d3c-3b3a-4938-8736-353433323130' } } },
};
const CI = { ...instance(computeId('rg-ml', 'ws', 'ci'), { properties: { properties: { subnet: { id: SUBNET } } } }), identity: { type: 'SystemAssigned', principalId: P_CI } };
const CI_ORPHAN = instance(computeId('rg-ml', 'gone-ws', 'ci'));
const EP = onlineEndpoint(endpointId('rg-ml', 'ws', 'scoring'));
const WS_OWNER = roleAssignment(SUB, '5a5a5a5a-0000-4000-8000-000000000001', P_WS, OWNER);
const UAI_CONTRIB = roleAssignment(SUB, '5a5a5a5a-0000-4000-8000-000000000002', P_UAI, CONTRIBUTOR);
const WS_RG_OWNER = roleAssignment(`${SUB}/resourceGroups/rg-data`, '5a5a5a5a-0000-4000-8000-000000000003', P_WS, OWNER);
const CI_READER = roleAssignment(SUB, '5a5a5a5a-0000-4000-8000-000000000004', P_CI, READER);

let h: Harness;
beforeAll(async () => {
  h = await startHarness([WS, CI, CI_ORPHAN, EP, WS_OWNER, UAI_CONTRIB, WS_RG_OWNER, CI_READER], { pageSize: 1 });
});
afterAll(() => h.close());

describe('compute-context gatherer', () => {
  it('reads the parent workspace, links the compute to its subnet (other group, kept as spelled) and identity, discovers the subnet', async () => {
    const g = await computeContext.gather(h.ctx, CI);
    expect(g.resources?.map((r) => r.id)).toEqual([WS.id]);
    expect(g.ownLinks).toEqual([
      { sourceId: CI.id, targetId: SUBNET, relation: 'computeSubnet' },
      { sourceId: CI.id, targetId: `/principals/${P_CI}`, relation: 'identity' },
    ]);
    expect(g.discovered).toEqual([SUBNET]);
  });

  it('a placeholder subnet id (the official example) is not linked; a deleted workspace is simply absent', async () => {
    const g = await computeContext.gather(h.ctx, CI_ORPHAN);
    expect(g).toEqual({ resources: [], ownLinks: [], discovered: [] });
  });
});

describe('identity-role-assignments gatherer', () => {
  it('for a workspace: links each managed identity with no ARM call; a sweep discovers only subscription-scope assignments', async () => {
    h.sandbox.clearRequests();
    const g = await identityRoleAssignments.gather(h.ctx, WS);
    expect(g.ownLinks).toEqual([
      { sourceId: WS.id, targetId: `/principals/${P_WS}`, relation: 'identity' },
      { sourceId: WS.id, targetId: `/principals/${P_UAI}`, relation: 'identity' },
    ]);
    expect(g.discovered).toBeUndefined();
    expect(h.sandbox.requests).toEqual([]);
    expect(identityRoleAssignmentDiscovery.sweepOnly).toBe(true);
    const d = await identityRoleAssignmentDiscovery.gather(h.ctx, WS);
    expect([...(d.discovered ?? [])].sort()).toEqual([WS_OWNER.id, UAI_CONTRIB.id].sort());
  });

  it('for a compute: a sweep discovers (its identity links belong to compute-context); without identity: nothing, no ARM call', async () => {
    expect(await identityRoleAssignments.gather(h.ctx, CI)).toEqual({});
    expect(await identityRoleAssignmentDiscovery.gather(h.ctx, CI)).toEqual({ discovered: [CI_READER.id] });
    h.sandbox.clearRequests();
    expect(await identityRoleAssignmentDiscovery.gather(h.ctx, CI_ORPHAN)).toEqual({ discovered: [] });
    expect(h.sandbox.requests).toEqual([]);
  });

  it('for a role assignment: the identity links to its principal, from the link index', async () => {
    await h.store.links.replaceFrom(WS.id, [{ sourceId: WS.id, targetId: `/principals/${P_WS}`, relation: 'identity' }]);
    const g = await assignmentIdentityHolders.gather(h.ctx, { ...WS_OWNER, properties: { ...WS_OWNER.properties, principalId: P_WS.toUpperCase() } });
    expect(g.links).toEqual([{ sourceId: WS.id, targetId: `/principals/${P_WS}`, relation: 'identity' }]);
    expect(await assignmentIdentityHolders.gather(h.ctx, { ...WS_OWNER, properties: {} })).toEqual({});
  });
});

describe('workspace-children gatherer', () => {
  it('discovers the computes, online endpoints and connections of a workspace (every page), and its resource group and subscription', async () => {
    const g = await workspaceChildren.gather(h.ctx, WS);
    expect(g.discovered).toEqual([CI.id, EP.id, WS.id.split('/providers/')[0], WS.id.split('/resourceGroups/')[0]]);
  });
});
