import { afterAll, describe, expect, it } from 'vitest';
import { sweep, WriteBudget } from '../../src/engine';
import type { ArmResource } from '../../src/model';
import { startHarness, workspace, type Harness } from '../support/harness';
import { CMP_SUB, CONTRIBUTOR, roleAssignment, USER_ACCESS_ADMIN } from '../support/compute-estate';

const SUB = `/subscriptions/${CMP_SUB}`;
const P_WS = '0f0e0d0c-0b0a-4908-8706-050403020100';
const WS: ArmResource = { ...workspace(CMP_SUB, 'RG-ML', 'ws', { publicNetworkAccess: 'Disabled' }), identity: { type: 'SystemAssigned', principalId: P_WS } };
const CONTRIB = roleAssignment(SUB, '8c8c8c8c-0000-4000-8000-000000000001', P_WS, CONTRIBUTOR);
const UAA = roleAssignment(SUB, '8c8c8c8c-0000-4000-8000-000000000002', P_WS, USER_ACCESS_ADMIN);
const RG_CONTRIB = roleAssignment(`${SUB}/resourceGroups/rg-data`, '8c8c8c8c-0000-4000-8000-000000000003', P_WS, CONTRIBUTOR);
const estate = () => [WS, CONTRIB, UAA, RG_CONTRIB];
const iamActions = (r: { actions: readonly { ruleId: string; action: string; outcome: string; resourceId: string }[] }) =>
  r.actions.filter((a) => a.ruleId === 'AML-IAM-001').map((a) => `${a.action} ${a.outcome} ${a.resourceId.split('/').pop()}`).sort();

let h: Harness | undefined;
afterAll(() => h?.close());

describe('AML-IAM-001 deletion (opt-in)', () => {
  it('enabled but the rule left in its default audit mode: proposed, skipped, nothing deleted', async () => {
    h = await startHarness(estate(), { config: { allowRoleAssignmentDeletion: true } });
    const result = await sweep(h.ctx, { subscriptions: [CMP_SUB], budget: new WriteBudget(25) });
    expect(iamActions(result)).toEqual(['delete-role-assignment skipped-audit 8c8c8c8c-0000-4000-8000-000000000001', 'delete-role-assignment skipped-audit 8c8c8c8c-0000-4000-8000-000000000002']);
    expect(h.writes()).toEqual([]);
    await h.close();
    h = undefined;
  });

  it('enabled and enforced: deletes exactly the subscription-scope privileged assignments, audited with what they were', async () => {
    h = await startHarness(estate(), { config: { allowRoleAssignmentDeletion: true, ruleModes: { 'AML-IAM-001': 'enforce' } } });
    const result = await sweep(h.ctx, { subscriptions: [CMP_SUB], budget: new WriteBudget(25) });
    expect(iamActions(result)).toEqual(['delete-role-assignment applied 8c8c8c8c-0000-4000-8000-000000000001', 'delete-role-assignment applied 8c8c8c8c-0000-4000-8000-000000000002']);
    const deletes = h.sandbox.requests.filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => [r.path, r.apiVersion, r.body]).sort()).toEqual(
      [
        [CONTRIB.id, '2022-04-01', undefined],
        [UAA.id, '2022-04-01', undefined],
      ].sort(),
    );
    expect(h.sandbox.getResource(CONTRIB.id)).toBeUndefined();
    expect(h.sandbox.getResource(UAA.id)).toBeUndefined();
    expect(h.sandbox.getResource(RG_CONTRIB.id), 'resource-group scope is fine').toBeDefined();
    const audit = (await h.store.audit.list({})).filter((a) => a.ruleId === 'AML-IAM-001' && a.outcome !== 'attempting');
    expect(audit.find((a) => a.resourceId === CONTRIB.id)).toMatchObject({ outcome: 'applied', before: { principalId: P_WS, roleDefinitionId: CONTRIB.properties?.roleDefinitionId, scope: SUB }, after: null });
    const findings = (await h.store.findings.list({})).filter((f) => f.ruleId === 'AML-IAM-001').map((f) => f.status);
    expect(findings).toEqual(['resolved', 'resolved']);
  });
});
