import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { amlEnd002 } from '../../src/rules/aml-end-002';
import { amlEnd003 } from '../../src/rules/aml-end-003';
import { amlEnd004 } from '../../src/rules/aml-end-004';
import { looksLikeSecretName } from '../../src/rules/endpoints/secret-like-keys';
import { instance, mlWorkspace, onlineEndpoint } from '../support/compute-estate';
import { clusterOf, deployment, deploymentOf, endpointOf, kubernetesCompute, managedCluster, workspaceOf } from '../support/guardrail-estate';
import { evaluator, failed } from './dependency-related';

const WS = workspaceOf('rg-ml', 'ws');
const EP = endpointOf('rg-ml', 'ws', 'scoring');
const DEP = deploymentOf('rg-ml', 'ws', 'scoring', 'blue');
const AKS = clusterOf('rg-aks', 'inference');

describe('AML-END-002 endpoint key authentication', () => {
  const evaluate = evaluator(amlEnd002);
  it('passes the official endpoint (AMLToken) and the AADToken look-alike; fires on Key', () => {
    expect(evaluate(onlineEndpoint(EP)).status).toBe('pass');
    expect(evaluate(onlineEndpoint(EP, { properties: { authMode: 'AADToken' } })).status).toBe('pass');
    const v = failed(evaluate(onlineEndpoint(EP, { properties: { authMode: 'Key' } })));
    expect(v).toMatchObject({ evidence: { authMode: 'Key' }, actions: [] });
  });
});

describe('AML-END-003 deployment egress and literal secrets', () => {
  const evaluate = evaluator(amlEnd003);
  const managed = mlWorkspace(WS);
  const unmanaged = mlWorkspace(WS, { properties: { managedNetwork: { isolationMode: 'Disabled' } } });

  it('secret-looking names', () => {
    for (const n of ['OPENAI_API_KEY', 'dbPassword', 'StorageConnectionString', 'HF_TOKEN', 'client_secret', 'SAS', 'AZURE_STORAGE_KEY']) expect(looksLikeSecretName(n), n).toBe(true);
    for (const n of ['MODEL_NAME', 'MONKEY_COUNT', 'AZUREML_MODEL_DIR', 'WORKER_COUNT', 'string', 'KEYBOARD_LAYOUT']) expect(looksLikeSecretName(n), n).toBe(false);
  });

  it('the official deployment (egress not set) fires on a workspace without managed network, passes inside one', () => {
    const v = failed(evaluate(deployment(DEP), new SnapshotSet([unmanaged])));
    expect(v.evidence).toEqual({ egressPublicNetworkAccess: null, managedNetworkIsolationMode: 'Disabled', openEgress: true, secretEnvironmentVariables: [] });
    expect(evaluate(deployment(DEP), new SnapshotSet([managed])).status).toBe('pass');
    expect(evaluate(deployment(DEP, { properties: { egressPublicNetworkAccess: 'Disabled' } }), new SnapshotSet([unmanaged])).status).toBe('pass');
  });

  it('names a literal secret variable, never its value; references pass', () => {
    const env = { OPENAI_API_KEY: 'sk-live-abc123', DB_PASSWORD: '${{azureml://connections/db/credentials/password}}', KV_TOKEN: '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/t)', MODEL_NAME: 'fraud' };
    const v = failed(evaluate(deployment(DEP, { properties: { egressPublicNetworkAccess: 'Disabled', environmentVariables: env } }), new SnapshotSet([managed])));
    expect(v.evidence.secretEnvironmentVariables).toEqual(['OPENAI_API_KEY']);
    expect(JSON.stringify(v)).not.toContain('sk-live-abc123');
  });
});

describe('AML-END-004 Kubernetes inference compute', () => {
  const evaluate = evaluator(amlEnd004);
  const CMP = `${WS}/computes/aks-inference`;

  it('fires on the official AKS compute (load balancer PublicIp by default) attached to the official cluster (public API server)', () => {
    const v = failed(evaluate(kubernetesCompute(CMP, 'AKS', AKS), new SnapshotSet([managedCluster(AKS)])));
    expect(v.evidence).toEqual({ computeType: 'AKS', cluster: AKS, clusterRead: true, apiServer: 'public', loadBalancerType: 'PublicIp' });
  });

  it('look-alike: a private cluster with an internal load balancer passes; authorized IP ranges count as restricted', () => {
    const privateCluster = managedCluster(AKS, { properties: { apiServerAccessProfile: { enablePrivateCluster: true } } });
    const internal = kubernetesCompute(CMP, 'AKS', AKS, { properties: { properties: { loadBalancerType: 'InternalLoadBalancer' } } });
    expect(evaluate(internal, new SnapshotSet([privateCluster])).status).toBe('pass');
    const ranges = managedCluster(AKS, { properties: { apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24'] } } });
    expect(evaluate(internal, new SnapshotSet([ranges])).status).toBe('pass');
  });

  it('the official Kubernetes (Arc) compute is judged on its cluster only; an unread cluster is not judged', () => {
    expect(failed(evaluate(kubernetesCompute(CMP, 'Kubernetes', AKS), new SnapshotSet([managedCluster(AKS)]))).evidence.loadBalancerType).toBeNull();
    expect(evaluate(kubernetesCompute(CMP, 'Kubernetes', AKS)).status).toBe('pass');
    expect(evaluate(instance(CMP)).status).toBe('not-applicable');
  });
});
