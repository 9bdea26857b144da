import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trafficWithout } from '../../src/azure/deployment-traffic-writer';
import { readFixture } from '../support/fixtures';
import { GR_SUB, workspaceOf } from '../support/guardrail-estate';
import { startHarness, workspace, type Harness } from '../support/harness';

const WS = workspaceOf('rg-ml', 'ws');
const createRule = (readFixture('arm-examples/machinelearningservices/2025-12-01/ManagedNetwork/createOrUpdateRule.json') as { parameters: { body: { properties: Record<string, unknown> } } }).parameters.body.properties;
const wildcard = { type: 'FQDN', category: 'UserDefined', status: 'Active', destination: '*.com' };
const required = { type: 'FQDN', category: 'Required', status: 'Active', destination: 'login.microsoftonline.com' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness([workspace(GR_SUB, 'rg-ml', 'ws', { managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound', outboundRules: { 'Any-Com': wildcard, rule_name_1: createRule, aad: required } } })]);
});
afterAll(() => h.close());

const rules = () => (h.sandbox.getResource(WS)?.properties?.managedNetwork as { outboundRules: Record<string, unknown> }).outboundRules;

describe('delete-outbound-rule (AML-NET-004, opt-in)', () => {
  it('DELETEs workspaces/{w}/outboundRules/{rule} (long-running), keeps the whole rule as before, leaves the other rules', async () => {
    h.sandbox.clearRequests();
    const result = await h.ctx.executor.execute({ kind: 'delete-outbound-rule', resourceId: WS, ruleName: 'any-com' });
    expect(result).toMatchObject({ outcome: 'applied', before: { name: 'Any-Com', ...wildcard }, after: null, wrote: true });
    expect(h.writes().map((w) => `${w.method} ${w.path}`)).toEqual([`DELETE ${WS}/outboundRules/Any-Com`]);
    expect(h.sandbox.requests.some((r) => /\/workspaceOperationsStatus\//i.test(r.path))).toBe(true);
    expect(rules()).toEqual({ rule_name_1: createRule, aad: required });
  });

  it('never deletes one of Azure ML\'s own rules (Required): already compliant, no write', async () => {
    h.sandbox.clearRequests();
    const result = await h.ctx.executor.execute({ kind: 'delete-outbound-rule', resourceId: WS, ruleName: 'aad' });
    expect(result).toMatchObject({ outcome: 'already-compliant', wrote: false });
    expect(h.writes()).toEqual([]);
  });

  it('the sandbox serves the rules as children, shaped as the official getRule example', async () => {
    const res = await fetchJson(`${WS}/outboundRules/rule_name_1`);
    expect(res).toEqual({ id: `${WS}/outboundRules/rule_name_1`, name: 'rule_name_1', type: 'Microsoft.MachineLearningServices/workspaces/outboundRules', properties: createRule });
    expect(((await fetchJson(`${WS}/outboundRules`)) as { value: { name: string }[] }).value.map((r) => r.name)).toEqual(['rule_name_1', 'aad']);
  });
});

async function fetchJson(path: string): Promise<unknown> {
  const response = await h.userMl(GR_SUB).sendRequest(createPipelineRequest({ url: `${h.sandbox.endpoint}${path}?api-version=2025-12-01`, method: 'GET' }));
  expect(response.status).toBe(200);
  return JSON.parse(response.bodyAsText ?? 'null');
}

describe('traffic without a deployment', () => {
  it('moves its share to the deployments that take traffic, in proportion, totalling 100; alone it leaves 0 everywhere', () => {
    expect(trafficWithout({ blue: 30, green: 70 }, 'BLUE')).toEqual({ blue: 0, green: 100 });
    expect(trafficWithout({ a: 50, b: 25, c: 25, d: 0 }, 'a')).toEqual({ a: 0, b: 50, c: 50, d: 0 });
    expect(trafficWithout({ a: 10, b: 45, c: 45 }, 'a')).toEqual({ a: 0, b: 50, c: 50 });
    expect(trafficWithout({ a: 100 }, 'a')).toEqual({ a: 0 });
    expect(trafficWithout({ a: 100 }, 'missing')).toEqual({ a: 100 });
  });
});
