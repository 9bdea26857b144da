import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleEventMessage } from '../../src/engine';
import type { ArmResource } from '../../src/model';
import { onlineEndpoint } from '../support/compute-estate';
import { deployment, deploymentOf, endpointOf, GR_SUB, workspaceOf } from '../support/guardrail-estate';
import { startHarness, workspace, type Harness } from '../support/harness';

// Issue 12's "done when": a model deployed from an unapproved registry is reported within one
// event of its deployment write; with AML-SUP-001 in enforce (opt-in), the deployment is taken
// out of traffic in the same event.

const WS = workspaceOf('rg-ml', 'ws');
const EP = endpointOf('rg-ml', 'ws', 'scoring');
const GREEN = deploymentOf('rg-ml', 'ws', 'scoring', 'green');
const endpoint = onlineEndpoint(EP, { properties: { publicNetworkAccess: 'Disabled', authMode: 'AADToken' } });
const estate = (): ArmResource[] => [
  workspace(GR_SUB, 'rg-ml', 'ws', { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' } }),
  { ...endpoint, properties: { ...endpoint.properties, traffic: { green: 70, blue: 30 } } },
  deployment(GREEN, { properties: { model: 'azureml://registries/azureml/models/Phi-3-mini-4k-instruct/versions/15', environmentId: null, egressPublicNetworkAccess: 'Disabled', environmentVariables: {} } }),
];

async function deployBlue(h: Harness) {
  const before = h.sandbox.events.length;
  await h.userMl(GR_SUB).onlineDeployments.beginCreateOrUpdateAndWait(
    'rg-ml',
    'ws',
    'scoring',
    'blue',
    { location: 'westeurope', properties: { endpointComputeType: 'Managed', model: 'azureml://registries/HuggingFace/models/distilbert-base-uncased/versions/7', egressPublicNetworkAccess: 'Disabled' } },
    { updateIntervalInMs: 5 },
  );
  const events = h.sandbox.events.slice(before).filter((e) => e.eventType === 'Microsoft.Resources.ResourceWriteSuccess');
  expect(events).toHaveLength(1);
  h.sandbox.clearRequests();
  return events[0]!;
}

describe('a deployment from an unapproved registry', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(estate());
  });
  afterAll(() => h.close());

  it('is reported from the one event of its write (audit: the containment is recorded, not made)', async () => {
    const event = await deployBlue(h);
    expect(event.data.operationName).toBe('Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/write');
    const result = await handleEventMessage(h.ctx, [event]);
    expect(result.findings.filter((f) => f.ruleId === 'AML-SUP-001')).toEqual([
      expect.objectContaining({ resourceId: `${EP}/deployments/blue`, status: 'open', evidence: expect.objectContaining({ registry: 'huggingface', trafficPercent: 30 }) }),
    ]);
    expect(result.actions.filter((a) => a.ruleId === 'AML-SUP-001')).toEqual([expect.objectContaining({ action: 'zero-deployment-traffic', outcome: 'skipped-audit', resourceId: EP })]);
    expect(h.writes()).toEqual([]);
  });
});

describe('with AML-SUP-001 in enforce (opt-in containment)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(estate(), { config: { ruleModes: { 'AML-SUP-001': 'enforce' } } });
  });
  afterAll(() => h.close());

  it('the same event takes the deployment out of traffic: its share goes to the approved deployment, nothing else changes', async () => {
    const endpointBefore = h.sandbox.getResource(EP)!;
    const event = await deployBlue(h);
    const result = await handleEventMessage(h.ctx, [event]);
    expect(result.actions.filter((a) => a.ruleId === 'AML-SUP-001')).toEqual([expect.objectContaining({ outcome: 'applied', before: 30, after: 0 })]);
    expect(h.writes().map((w) => `${w.method} ${w.path}`)).toEqual([`PUT ${EP}`]);
    const endpointAfter = h.sandbox.getResource(EP)!;
    expect(endpointAfter.properties?.traffic).toEqual({ green: 100, blue: 0 });
    expect(endpointAfter.properties).toMatchObject({ authMode: endpointBefore.properties?.authMode, publicNetworkAccess: 'Disabled', description: endpointBefore.properties?.description });
    expect(h.sandbox.getResource(`${EP}/deployments/blue`)).toBeDefined();
  });
});
