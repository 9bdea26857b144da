import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleEventMessage, sweep, WriteBudget } from '../../src/engine';
import { WORKSPACE_PUBLIC_ACCESS_POLICY } from '../../src/rules/aml-gov-003';
import { API_VERSIONS } from '../../src/resources/api-versions';
import { effectParameter, MCSB_SET, policyAssignment, policySetDefinition, setAtManagementGroup, setAtSubscription } from '../support/guardrail-estate';
import { startHarness, workspace, type Harness } from '../support/harness';

// AML-GOV-003 end to end: the sweep lists each subscription's policy assignments, reads every
// distinct policy set definition they assign from the sandbox ARM (built in at the tenant, at a
// management group, at a subscription) through the official SDK, and judges the subscription
// (one that holds a workspace).

const SUB_BUILTIN = '1b2c3d4e-0a1b-4c2d-8e3f-405162738495';
const SUB_MG = '2b2c3d4e-0a1b-4c2d-8e3f-405162738495';
const SUB_CUSTOM = '3b2c3d4e-0a1b-4c2d-8e3f-405162738495';
const SUB_OFF = '4b2c3d4e-0a1b-4c2d-8e3f-405162738495';
const MG = '/providers/Microsoft.Management/managementGroups/contoso';
const MG_SET = setAtManagementGroup('contoso', 'ml-guardrails');
const MG_SET_OFF = setAtManagementGroup('contoso', 'ml-guardrails-off');
const CUSTOM_SET = setAtSubscription('ml-guardrails', SUB_CUSTOM);
const GONE_SET = '/providers/Microsoft.Authorization/policySetDefinitions/0b0b0b0b-0000-4000-8000-000000000000';
const BUILTIN = `/providers/Microsoft.Authorization/policyDefinitions/${WORKSPACE_PUBLIC_ACCESS_POLICY}`;
const member = (effect: string) => ({ policyDefinitionId: BUILTIN, referenceId: 'mlWorkspacesNoPublicAccess', effect });
const byParameter = member("[parameters('mlWorkspacePublicAccessEffect')]");
const sub = (s: string) => `/subscriptions/${s}`;
const SET_READS = /\/providers\/Microsoft\.Authorization\/policySetDefinitions\/[^/]+$/i;

const estate = () => [
  // AML-GOV-003 judges the subscriptions that hold a workspace
  ...[SUB_BUILTIN, SUB_MG, SUB_CUSTOM, SUB_OFF].map((s) => workspace(s, 'rg-ml', 'ws', { publicNetworkAccess: 'Disabled' })),
  // built in (MCSB-like), its parameter's default Disabled: the assignment says Audit; assigned twice in two spellings (one read)
  policySetDefinition(MCSB_SET, [byParameter], { mlWorkspacePublicAccessEffect: effectParameter('Disabled') }),
  policyAssignment(sub(SUB_BUILTIN), 'mcsb', MCSB_SET, { properties: { parameters: { mlWorkspacePublicAccessEffect: { value: 'Audit' } } } }),
  policyAssignment(sub(SUB_BUILTIN), 'mcsb-copy', MCSB_SET.toLowerCase()),
  // at a management group, a literal Deny, the assignment inherited from the group
  policySetDefinition(MG_SET, [member('Deny')]),
  policyAssignment(sub(SUB_MG), 'mg-guardrails', MG_SET, { properties: { scope: MG } }),
  // at the subscription, the effect from the set's default
  policySetDefinition(CUSTOM_SET, [byParameter], { mlWorkspacePublicAccessEffect: effectParameter('Audit') }),
  policyAssignment(sub(SUB_CUSTOM), 'guardrails', CUSTOM_SET),
  // a set that resolves to Disabled, and one that was deleted
  policySetDefinition(MG_SET_OFF, [byParameter], { mlWorkspacePublicAccessEffect: effectParameter('Disabled') }),
  policyAssignment(sub(SUB_OFF), 'mg-guardrails-off', MG_SET_OFF, { properties: { scope: MG } }),
  policyAssignment(sub(SUB_OFF), 'gone', GONE_SET),
];

describe('AML-GOV-003 through initiatives, on the sandbox ARM', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(estate());
  });
  afterAll(() => h.close());

  it('a sweep reads each assigned set once (tenant, management group, subscription scope), passes the guarded subscriptions and reports the rest; a deleted set is a 404, not an error', async () => {
    const result = await sweep(h.ctx, { subscriptions: [SUB_BUILTIN, SUB_MG, SUB_CUSTOM, SUB_OFF], budget: new WriteBudget(10) });
    expect(result.errors).toEqual([]);
    const gov = result.findings.filter((f) => f.ruleId === 'AML-GOV-003');
    expect(gov.map((f) => [f.resourceId, f.status])).toEqual([[sub(SUB_OFF), 'open']]);
    expect(gov[0]!.evidence).toEqual({
      policyDefinition: WORKSPACE_PUBLIC_ACCESS_POLICY,
      assignmentsSeen: 2,
      initiatives: expect.arrayContaining([
        { assignment: `${sub(SUB_OFF)}/providers/Microsoft.Authorization/policyAssignments/mg-guardrails-off`, policySetDefinition: MG_SET_OFF, verdict: 'effect Disabled' },
        { assignment: `${sub(SUB_OFF)}/providers/Microsoft.Authorization/policyAssignments/gone`, policySetDefinition: GONE_SET, verdict: 'set definition not found, or not readable by AML Guard' },
      ]),
    });
    const reads = h.sandbox.requests.filter((r) => r.method === 'GET' && SET_READS.test(r.path));
    expect(reads.map((r) => [r.path, r.status, r.apiVersion]).sort()).toEqual(
      [
        [MCSB_SET, 200],
        [MG_SET, 200],
        [CUSTOM_SET, 200],
        [MG_SET_OFF, 200],
        [GONE_SET, 404],
      ]
        .map(([p, s]) => [p, s, API_VERSIONS.policy])
        .sort(),
    );
  });

  it('assigning the built-in initiative with an acting effect resolves the finding from the assignment\'s event: one list and one set read', async () => {
    const assignment = `${sub(SUB_OFF)}/providers/Microsoft.Authorization/policyAssignments/mcsb`;
    const events = h.sandbox.events.length;
    const client = h.userMl(SUB_OFF);
    const body = { properties: { policyDefinitionId: MCSB_SET, scope: sub(SUB_OFF), parameters: { mlWorkspacePublicAccessEffect: { value: 'Deny' } } } };
    const put = createPipelineRequest({ url: `${h.sandbox.endpoint}${assignment}?api-version=${API_VERSIONS.policy}`, method: 'PUT', headers: createHttpHeaders({ 'content-type': 'application/json' }), body: JSON.stringify(body) });
    expect((await client.sendRequest(put)).status).toBeLessThan(300);
    h.sandbox.clearRequests();
    const result = await handleEventMessage(h.ctx, h.sandbox.events.slice(events));
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'AML-GOV-003').map((f) => [f.resourceId, f.status])).toEqual([[sub(SUB_OFF), 'resolved']]);
    const reads = h.sandbox.requests.filter((r) => r.method === 'GET' && SET_READS.test(r.path)).map((r) => r.path);
    expect(reads.sort()).toEqual([GONE_SET, MCSB_SET, MG_SET_OFF].sort());
    expect(h.sandbox.requests.filter((r) => /policyAssignments$/i.test(r.path))).toHaveLength(1);
  });

  it('a change of a set definition at the subscription (its default turned to Disabled) re-evaluates the subscription from its event', async () => {
    const { id: _id, name: _name, type: _type, ...set } = h.sandbox.getResource(CUSTOM_SET)!;
    const properties = set.properties as { parameters: Record<string, object> };
    const body = { ...set, properties: { ...properties, parameters: { ...properties.parameters, mlWorkspacePublicAccessEffect: effectParameter('Disabled') } } };
    const events = h.sandbox.events.length;
    const put = createPipelineRequest({ url: `${h.sandbox.endpoint}${CUSTOM_SET}?api-version=${API_VERSIONS.policy}`, method: 'PUT', headers: createHttpHeaders({ 'content-type': 'application/json' }), body: JSON.stringify(body) });
    expect((await h.userMl(SUB_CUSTOM).sendRequest(put)).status).toBeLessThan(300);
    const result = await handleEventMessage(h.ctx, h.sandbox.events.slice(events));
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'AML-GOV-003').map((f) => [f.resourceId, f.status, f.evidence.initiatives])).toEqual([
      [sub(SUB_CUSTOM), 'open', [{ assignment: `${sub(SUB_CUSTOM)}/providers/Microsoft.Authorization/policyAssignments/guardrails`, policySetDefinition: CUSTOM_SET, verdict: 'effect Disabled' }]],
    ]);
  });

  it('a set at a management group AML Guard may not read (403) is judged as not guarding, says so, and fails nothing', async () => {
    const warnings: string[] = [];
    const ctx = { ...h.ctx, log: { ...h.ctx.log, warn: (m: string) => warnings.push(m) }, config: { ...h.ctx.config, armOnlyRefreshHours: 0 } };
    h.sandbox.injectFault({ method: 'GET', pathPattern: /managementGroups\/contoso\/providers\/Microsoft\.Authorization\/policySetDefinitions\/ml-guardrails$/i, status: 403, code: 'AuthorizationFailed', message: 'The client does not have authorization to perform action Microsoft.Authorization/policySetDefinitions/read', times: 10 });
    const result = await sweep(ctx, { subscriptions: [SUB_MG], budget: new WriteBudget(0) });
    expect(result.errors).toEqual([]);
    const gov = result.findings.filter((f) => f.ruleId === 'AML-GOV-003');
    expect(gov.map((f) => [f.resourceId, f.status, f.evidence.initiatives])).toEqual([
      [sub(SUB_MG), 'open', [{ assignment: `${sub(SUB_MG)}/providers/Microsoft.Authorization/policyAssignments/mg-guardrails`, policySetDefinition: MG_SET, verdict: 'set definition not found, or not readable by AML Guard' }]],
    ]);
    expect(warnings.filter((w) => w.includes(MG_SET) && w.includes('policySetDefinitions/read'))).toHaveLength(1);
  });
});
