import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { amlSup002 } from '../../src/rules/aml-sup-002';
import { isPinned, parseImageReference } from '../../src/rules/supply-chain/image-reference';
import { cluster, instance, mlWorkspace } from '../support/compute-estate';
import { exampleBody, readFixture } from '../support/fixtures';
import { deployment, deploymentOf, environmentVersion, environmentVersionOf, workspaceOf } from '../support/guardrail-estate';
import { evaluator, failed } from './dependency-related';

const DIGEST = `sha256:${'ab12'.repeat(16)}`;
const WS = workspaceOf('rg-ml', 'ws');
const DEP = deploymentOf('rg-ml', 'ws', 'scoring', 'blue');
const ENV = environmentVersionOf('rg-ml', 'ws', 'serving', '3');
const evaluate = evaluator(amlSup002);
const withEnv = (environmentId: string) => deployment(DEP, { properties: { environmentId } });
const ws = () => mlWorkspace(WS);
const CI = `${WS}/computes/ci-1`;

describe('image references', () => {
  it('reads host, repository, tag and digest as Docker does', () => {
    expect(parseImageReference('docker.io/tensorflow/serving:latest')).toEqual({ host: 'docker.io', repository: 'tensorflow/serving', tag: 'latest', digest: null });
    expect(parseImageReference('tensorflow/serving')).toEqual({ host: 'docker.io', repository: 'tensorflow/serving', tag: null, digest: null });
    expect(parseImageReference('localhost:5000/x:1')).toMatchObject({ host: 'localhost:5000', repository: 'x', tag: '1' });
    const pinned = parseImageReference(`mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04@${DIGEST}`)!;
    expect(pinned).toMatchObject({ host: 'mcr.microsoft.com', tag: null, digest: DIGEST });
    expect(isPinned(pinned)).toBe(true);
    expect(isPinned(parseImageReference('mcr.microsoft.com/x@sha256:short')!)).toBe(false);
    expect(parseImageReference('has space')).toBeUndefined();
  });
});

describe('AML-SUP-002 images of deployments and compute instances', () => {
  it('fires on the official environment version example (docker.io, tag latest) used by a deployment', () => {
    expect((exampleBody('arm-examples/machinelearningservices/2025-12-01/Workspace/EnvironmentVersion/get.json') as { properties: { image: string } }).properties.image).toBe('docker.io/tensorflow/serving:latest');
    const v = failed(evaluate(withEnv(ENV), new SnapshotSet([environmentVersion(ENV), ws()])));
    expect(v.evidence).toEqual({ environmentId: ENV, environment: ENV, image: 'docker.io/tensorflow/serving:latest', problems: ['registry docker.io is not approved', 'not pinned by digest (tag latest)'] });
    expect(v.actions).toEqual([]);
    expect(failed(evaluate(withEnv('azureml:serving:3'), new SnapshotSet([environmentVersion(ENV)]))).evidence.environment).toBe(ENV);
  });

  it('look-alike: a digest-pinned MCR image passes; so does one from the workspace registry or a configured host', () => {
    const pinnedMcr = environmentVersion(ENV, { properties: { image: `mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference@${DIGEST}` } });
    expect(evaluate(withEnv(ENV), new SnapshotSet([pinnedMcr])).status).toBe('pass');
    const acrName = String(ws().properties?.containerRegistry).split('/').pop()!.toLowerCase();
    const fromWorkspaceAcr = environmentVersion(ENV, { properties: { image: `${acrName}.azurecr.io/serving@${DIGEST}` } });
    expect(evaluate(withEnv(ENV), new SnapshotSet([fromWorkspaceAcr, ws()])).status).toBe('pass');
    expect(failed(evaluate(withEnv(ENV), new SnapshotSet([fromWorkspaceAcr]))).evidence.problems).toEqual([`registry ${acrName}.azurecr.io is not approved`]);
    const internal = environmentVersion(ENV, { properties: { image: `registry.contoso.com/serving@${DIGEST}` } });
    expect(evaluator(amlSup002, { approvedImageRegistries: ['mcr.microsoft.com', 'registry.contoso.com'] })(withEnv(ENV), new SnapshotSet([internal])).status).toBe('pass');
  });

  it('fires on autoRebuild OnBaseImageUpdate even for a pinned image', () => {
    const rebuilt = environmentVersion(ENV, { properties: { image: `mcr.microsoft.com/x@${DIGEST}`, autoRebuild: 'OnBaseImageUpdate' } });
    expect(failed(evaluate(withEnv(ENV), new SnapshotSet([rebuilt]))).evidence.problems).toEqual(['autoRebuild OnBaseImageUpdate (the image changes under the deployment)']);
  });

  it('environments from ML registries: approved ones pass, others fire without reading anything', () => {
    expect(evaluate(withEnv('azureml://registries/azureml/environments/sklearn-1.5/versions/12')).status).toBe('pass');
    expect(failed(evaluate(withEnv('azureml://registries/randomhub/environments/torch/versions/1'))).evidence.problems).toEqual(['ML registry randomhub is not approved']);
  });

  it('passes when the environment is unknown, unread or built from a Docker context', () => {
    expect(evaluate(deployment(DEP)).status).toBe('pass');
    expect(evaluate(withEnv(ENV)).status).toBe('pass');
    expect(evaluate(withEnv(ENV), new SnapshotSet([environmentVersion(ENV, { properties: { image: null } })])).status).toBe('pass');
  });

  it('fires on the official compute instance example: privileged rstudio from ghcr.io, tag latest', () => {
    const v = failed(evaluate(instance(CI)));
    expect(v.evidence.customServices).toEqual([
      { service: 'rstudio', image: 'ghcr.io/azure/rocker-rstudio-ml-verse:latest', problems: ['registry ghcr.io is not approved', 'not pinned by digest (tag latest)', 'runs privileged (docker.privileged: true)'] },
    ]);
  });

  it('the official updateCustomServices request body, as an instance state, fires the same way', () => {
    const services = (readFixture('arm-examples/machinelearningservices/2025-12-01/Compute/updateCustomServices.json') as { parameters: { customServices: unknown[] } }).parameters.customServices;
    const v = failed(evaluate(instance(CI, { properties: { properties: { customServices: services } } })));
    expect(v.evidence.customServices).toEqual([expect.objectContaining({ service: 'rstudio-workbench', image: 'ghcr.io/azure/rstudio-workbench:latest' })]);
  });

  it('look-alikes: an instance without custom services, an unprivileged pinned MCR service; clusters are not applicable', () => {
    expect(evaluate(instance(CI, { properties: { properties: { customServices: null } } })).status).toBe('pass');
    const ok = [{ name: 'tools', docker: { privileged: false }, image: { type: 'docker', reference: `mcr.microsoft.com/azureml/tools@${DIGEST}` } }];
    expect(evaluate(instance(CI, { properties: { properties: { customServices: ok } } })).status).toBe('pass');
    expect(evaluate(cluster(`${WS}/computes/c1`)).status).toBe('not-applicable');
  });
});
