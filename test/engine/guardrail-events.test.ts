import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleEventMessage } from '../../src/engine';
import type { ArmResource } from '../../src/model';
import { onlineEndpoint } from '../support/compute-estate';
import { clusterOf, deployment, deploymentOf, endpointOf, GR_SUB, kubernetesCompute, managedCluster, workspaceOf } from '../support/guardrail-estate';
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

/** A data scientist's raw ARM PUT, polled to completion when long-running (their writes emit events like any ARM write). */
async function userPut(h: Harness, path: string, body: unknown, apiVersion: string): Promise<void> {
  const client = h.userMl(GR_SUB);
  const request = createPipelineRequest({ url: `${h.sandbox.endpoint}${path}?api-version=${apiVersion}`, method: 'PUT', headers: createHttpHeaders({ 'content-type': 'application/json' }), body: JSON.stringify(body) });
  const response = await client.sendRequest(request);
  expect(response.status).toBeLessThan(300);
  const poll = response.headers.get('azure-asyncoperation');
  for (let status = poll ? 'InProgress' : 'Succeeded'; status === 'InProgress'; ) {
    const polled = await client.sendRequest(createPipelineRequest({ url: poll!, method: 'GET' }));
    status = (JSON.parse(polled.bodyAsText ?? '{}') as { status?: string }).status ?? 'Failed';
  }
}

describe('an AKS cluster attached for inference', () => {
  const CLUSTER = clusterOf('rg-aks', 'aks-inference');
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness([...estate(), managedCluster(CLUSTER)]);
  });
  afterAll(() => h.close());

  it('attaching it (a compute write) is reported from its event, the cluster read from ARM; a later change of the cluster re-evaluates the compute (kubernetesCluster link)', async () => {
    const before = h.sandbox.events.length;
    const { id: _id, name: _name, type: _type, ...compute } = kubernetesCompute(`${WS}/computes/aks`, 'AKS', CLUSTER, { properties: { disableLocalAuth: true } });
    await userPut(h, `${WS}/computes/aks`, compute, '2025-12-01');
    const write = h.sandbox.events.slice(before).find((e) => e.eventType === 'Microsoft.Resources.ResourceWriteSuccess')!;
    h.sandbox.clearRequests();
    const first = await handleEventMessage(h.ctx, [write]);
    expect(first.findings.filter((f) => f.ruleId === 'AML-END-004')).toEqual([expect.objectContaining({ status: 'open', evidence: expect.objectContaining({ clusterRead: true, apiServer: 'public' }) })]);
    expect(h.sandbox.requests.some((r) => r.method === 'GET' && r.path.toLowerCase() === CLUSTER.toLowerCase())).toBe(true);

    // the cluster is made private: its event reaches the compute through the link its evaluation stored
    const { id: _cid, name: _cname, type: _ctype, ...cluster } = h.sandbox.getResource(CLUSTER)!;
    const clusterEvents = h.sandbox.events.length;
    await userPut(h, CLUSTER, { ...cluster, properties: { ...cluster.properties, apiServerAccessProfile: { enablePrivateCluster: true } } }, '2026-04-01');
    const second = await handleEventMessage(h.ctx, h.sandbox.events.slice(clusterEvents));
    expect(second.findings.filter((f) => f.ruleId === 'AML-END-004').map((f) => f.evidence)).toEqual([expect.objectContaining({ apiServer: 'private', loadBalancerType: 'PublicIp' })]);
  });
});
