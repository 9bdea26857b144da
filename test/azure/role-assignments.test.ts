import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../../src/resources/api-versions';
import { armResourceSchema, ResourceTypes } from '../../src/model';
import { exampleBody } from '../support/fixtures';
import { startHarness, type Harness } from '../support/harness';
import { AUTHZ, CMP_SUB, OWNER, READER, roleAssignment, wsId } from '../support/compute-estate';

const SUB = `/subscriptions/${CMP_SUB}`;
const MI = '6f1e2d3c-4b5a-4968-8776-655443322110';
const OTHER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const AT_SUB = roleAssignment(SUB, '1d2c3b4a-0000-4000-8000-000000000001', MI, OWNER);
const AT_RG = roleAssignment(`${SUB}/resourceGroups/rg-data`, '1d2c3b4a-0000-4000-8000-000000000002', MI, READER);
const AT_WS = roleAssignment(wsId('rg-ml', 'ws'), '1d2c3b4a-0000-4000-8000-000000000003', MI, READER);
const OTHER_SUB = roleAssignment(SUB, '1d2c3b4a-0000-4000-8000-000000000004', OTHER, OWNER);
/** The official ListForScope item, moved into this subscription. */
const OFFICIAL = armResourceSchema.parse(
  JSON.parse(JSON.stringify((exampleBody(`${AUTHZ}/RoleAssignments_ListForScope.json`) as { value: unknown[] }).value[0]).split('a925f2f7-5c63-4b7b-8799-25a5f97bc3b2').join(CMP_SUB)),
);
const del = (resourceId: string) => ({ kind: 'delete-role-assignment' as const, resourceId });

let h: Harness;
beforeAll(async () => {
  h = await startHarness([{ ...workspaceStub() }, AT_SUB, AT_RG, AT_WS, OTHER_SUB, OFFICIAL], { pageSize: 1 });
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.clearRequests());

function workspaceStub() {
  return armResourceSchema.parse({ id: wsId('rg-ml', 'ws'), name: 'ws', type: 'Microsoft.MachineLearningServices/workspaces', location: 'westeurope', properties: {} });
}

describe('role assignment reads (@azure/arm-authorization, 2022-04-01)', () => {
  it('reads an assignment by id at any scope, in wire shape, on the exact path', async () => {
    expect(h.ctx.reader.readableTypes.has(ResourceTypes.roleAssignment)).toBe(true);
    for (const ra of [AT_SUB, AT_RG, AT_WS, OFFICIAL]) expect(await h.ctx.reader.get(ra.id)).toEqual(h.sandbox.getResource(ra.id));
    expect(h.sandbox.requests.map((r) => [r.method, r.path, r.apiVersion])).toEqual([AT_SUB, AT_RG, AT_WS, OFFICIAL].map((ra) => ['GET', ra.id, API_VERSIONS.authorization]));
  });

  it('answers null for a deleted assignment', async () => {
    expect(await h.ctx.reader.get(`${SUB}/providers/Microsoft.Authorization/roleAssignments/1d2c3b4a-0000-4000-8000-0000000000ff`)).toBeNull();
  });

  it("lists a principal's assignments from the subscription (at and below it), every page, filtered by principalId", async () => {
    const listed = await h.ctx.reader.listPrincipalAssignments(CMP_SUB, MI);
    expect(listed.assignments.map((a) => a.id).sort()).toEqual([AT_SUB.id, AT_RG.id, AT_WS.id].sort());
    expect(listed.outsideModel).toEqual([]);
    expect(h.sandbox.requests.length).toBe(3);
    expect(h.sandbox.requests[0]).toMatchObject({ method: 'GET', path: `${SUB}/providers/Microsoft.Authorization/roleAssignments`, apiVersion: '2022-04-01', query: { $filter: `principalId eq '${MI}'` } });
  });
});

describe("'delete-role-assignment' writer", () => {
  it('DELETEs the assignment by id, keeps what it was in `before`, and reads back 404', async () => {
    const result = await h.ctx.executor.execute(del(AT_SUB.id));
    expect(result).toMatchObject({
      outcome: 'applied',
      before: { id: AT_SUB.id, roleDefinitionId: AT_SUB.properties?.roleDefinitionId, principalId: MI, principalType: 'ServicePrincipal', scope: SUB },
      after: null,
      wrote: true,
    });
    expect(h.sandbox.requests.map((r) => `${r.method} ${r.path === AT_SUB.id ? 'assignment' : r.path} ${r.apiVersion}`)).toEqual([
      'GET assignment 2022-04-01',
      'DELETE assignment 2022-04-01',
      'GET assignment 2022-04-01',
    ]);
    expect(h.writes()[0]?.body).toBeUndefined();
    expect(h.sandbox.getResource(AT_SUB.id)).toBeUndefined();
    expect(h.sandbox.getResource(OTHER_SUB.id), 'other assignments stay').toBeDefined();
  });

  it('sends nothing when the assignment is already gone', async () => {
    expect(await h.ctx.executor.execute(del(AT_SUB.id))).toMatchObject({ outcome: 'already-compliant', wrote: false });
    expect(h.writes()).toEqual([]);
  });

  it('a refused delete fails with ARM’s code and the assignment stays', async () => {
    h.sandbox.injectFault({ method: 'DELETE', status: 403, code: 'AuthorizationFailed', message: 'no roleAssignments/delete' });
    const result = await h.ctx.executor.execute(del(OTHER_SUB.id));
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(/403.*AuthorizationFailed/);
    expect(h.sandbox.getResource(OTHER_SUB.id)).toBeDefined();
  });
});
