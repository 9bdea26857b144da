import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { amlSup001 } from '../../src/rules/aml-sup-001';
import { parseAssetReference } from '../../src/rules/supply-chain/asset-reference';
import { onlineEndpoint } from '../support/compute-estate';
import { deployment, deploymentOf, endpointOf, GR_SUB, workspaceOf } from '../support/guardrail-estate';
import { evaluator, failed } from './dependency-related';

const DEP = deploymentOf('rg-ml', 'ws', 'scoring', 'blue');
const EP = endpointOf('rg-ml', 'ws', 'scoring');
const WS = workspaceOf('rg-ml', 'ws');
const withModel = (model: string) => deployment(DEP, { properties: { model } });
const endpoint = (traffic: Record<string, number>) => onlineEndpoint(EP, { properties: { traffic } });
const evaluate = evaluator(amlSup001);
const strict = evaluator(amlSup001, { requireRegistryModels: true });

describe('model references', () => {
  it('tells registry, workspace and unknown sources apart', () => {
    expect(parseAssetReference('azureml://registries/HuggingFace/models/bert/versions/3', 'models', WS)).toEqual({ source: 'registry', registry: 'huggingface', name: 'bert', version: '3' });
    expect(parseAssetReference('azureml://registries/azureml/models/phi/labels/latest', 'models', WS)).toMatchObject({ source: 'registry', registry: 'azureml', version: null });
    expect(parseAssetReference(`/subscriptions/${GR_SUB}/resourceGroups/r/providers/Microsoft.MachineLearningServices/registries/contoso/models/m/versions/1`, 'models', WS)).toMatchObject({ source: 'registry', registry: 'contoso' });
    expect(parseAssetReference('azureml:fraud:4', 'models', WS)).toEqual({ source: 'workspace', name: 'fraud', version: '4', armId: `${WS}/models/fraud/versions/4` });
    expect(parseAssetReference(`${WS}/models/fraud/versions/4`, 'models', WS)).toMatchObject({ source: 'workspace', armId: `${WS}/models/fraud/versions/4` });
    expect(parseAssetReference(`azureml://subscriptions/${GR_SUB}/resourceGroups/rg-ml/workspaces/ws/models/fraud/versions/4`, 'models', WS)).toMatchObject({ source: 'workspace', armId: `${WS}/models/fraud/versions/4` });
    expect(parseAssetReference('azureml://registries/azureml/environments/sklearn/versions/1', 'models', WS)).toEqual({ source: 'unknown' });
    expect(parseAssetReference('string', 'models', WS)).toEqual({ source: 'unknown' });
  });
});

describe('AML-SUP-001 model from an unapproved source', () => {
  it('carries its catalog metadata (audit by default: containment is opt-in)', () => {
    expect(amlSup001).toMatchObject({ id: 'AML-SUP-001', defaultMode: 'audit', appliesTo: ['microsoft.machinelearningservices/workspaces/onlineendpoints/deployments'] });
  });

  it('the official deployment example (placeholder model) passes; so does a deployment without a model', () => {
    expect(evaluate(deployment(DEP)).status).toBe('pass');
    expect(evaluate(deployment(DEP, { properties: { model: null } })).status).toBe('pass');
  });

  it('look-alike: a model from an approved registry (azureml by default) passes, in any casing', () => {
    expect(evaluate(withModel('azureml://registries/azureml/models/Phi-3-mini/versions/7')).status).toBe('pass');
    expect(evaluate(withModel('azureml://registries/AzureML/models/Phi-3-mini/versions/7')).status).toBe('pass');
    expect(evaluator(amlSup001, { approvedRegistries: ['contoso-models'] })(withModel('azureml://registries/contoso-models/models/m/versions/1')).status).toBe('pass');
  });

  it('fires on a model from an unapproved registry and proposes taking the deployment out of traffic', () => {
    const v = failed(evaluate(withModel('azureml://registries/HuggingFace/models/bert/versions/3'), new SnapshotSet([endpoint({ blue: 100 })])));
    expect(v.evidence).toEqual({ model: 'azureml://registries/HuggingFace/models/bert/versions/3', registry: 'huggingface', approvedRegistries: ['azureml'], trafficPercent: 100 });
    expect(v.actions).toEqual([{ kind: 'zero-deployment-traffic', resourceId: EP, deploymentName: 'blue' }]);
    expect(v.remediation).toMatch(/registry huggingface is not approved/);
  });

  it('proposes no write when the deployment already has no traffic; still proposes one when the endpoint was not read', () => {
    expect(failed(evaluate(withModel('azureml://registries/evil/models/m/versions/1'), new SnapshotSet([endpoint({ green: 100 })]))).actions).toEqual([]);
    const unread = failed(evaluate(withModel('azureml://registries/evil/models/m/versions/1')));
    expect(unread.evidence.trafficPercent).toBeNull();
    expect(unread.actions).toHaveLength(1);
  });

  it('workspace-local models pass unless requireRegistryModels', () => {
    expect(evaluate(withModel('azureml:fraud:4')).status).toBe('pass');
    expect(evaluate(withModel(`${WS}/models/fraud/versions/4`)).status).toBe('pass');
    const v = failed(strict(withModel('azureml:fraud:4')));
    expect(v.evidence.registry).toBeNull();
    expect(v.remediation).toMatch(/requireRegistryModels/);
    expect(strict(withModel('azureml://registries/azureml/models/phi/versions/1')).status).toBe('pass');
  });
});
