import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, USER_PRINCIPAL, type Sandbox } from '../../src/sandbox';
import { API_VERSIONS } from '../../src/resources/api-versions';
import { exampleResource } from '../support/fixtures';
import { onlyRules, runCli } from '../support/cli';
import { workspace } from '../support/harness';
import { policyAssignment } from '../support/guardrail-estate';
import { raw } from './helpers';

// Policy set definitions built in (tenant) or at a management group live above every subscription:
// the estate may hold them (as ARM's GET returns them) and the sandbox serves them read-only.

const BUILT_IN = exampleResource('arm-examples/policy/2025-03-01/getBuiltInPolicySetDefinition.json');
const AT_GROUP = exampleResource('arm-examples/policy/2023-04-01/getPolicySetDefinitionAtManagementGroup.json');
const SUB = '5b2c3d4e-0a1b-4c2d-8e3f-405162738495';
const q = `?api-version=${API_VERSIONS.policy}`;

describe('the sandbox above subscriptions', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ enforceRole: false, estate: [BUILT_IN, AT_GROUP] });
  });
  afterAll(() => sandbox.close());

  it('GET answers the estate body at tenant and management-group scope (ids in any case), 404 with an ARM error otherwise', async () => {
    expect(await raw(sandbox, 'GET', `${BUILT_IN.id.toUpperCase().replace('/PROVIDERS/', '/providers/')}${q}`)).toMatchObject({ status: 200, body: BUILT_IN });
    expect(await raw(sandbox, 'GET', `${AT_GROUP.id.replace('managementgroups', 'managementGroups')}${q}`)).toMatchObject({ status: 200, body: AT_GROUP });
    const missing = await raw(sandbox, 'GET', `/providers/Microsoft.Authorization/policySetDefinitions/gone${q}`);
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'ResourceNotFound', message: expect.stringContaining('policySetDefinitions/gone') } } });
  });

  it('refuses writes there (405): the sandbox holds no management groups nor tenant writes', async () => {
    const put = await raw(sandbox, 'PUT', `${BUILT_IN.id}${q}`, { principal: USER_PRINCIPAL, body: BUILT_IN });
    expect(put.status).toBe(405);
    expect((await raw(sandbox, 'GET', `${BUILT_IN.id}${q}`)).body).toEqual(BUILT_IN);
  });
});

describe('an estate file with a built-in initiative', () => {
  it('scan runs on it (subscriptions come from the ids below them) and writes it back unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aml-guard-initiatives-'));
    const estate = join(dir, 'estate.json');
    const out = join(dir, 'out.json');
    const resources = [BUILT_IN, workspace(SUB, 'rg-ml', 'ws', { publicNetworkAccess: 'Disabled' }), policyAssignment(`/subscriptions/${SUB}`, 'mcsb', BUILT_IN.id)];
    writeFileSync(estate, JSON.stringify(resources));
    const run = await runCli(['scan', '--sandbox', estate, '--format', 'json', '--sandbox-out', out], onlyRules('AML-GOV-003'));
    expect(run.stderr).not.toContain('Error');
    expect(run.code).toBe(0);
    // the official built-in set does not hold the workspace policy: the subscription is reported, naming the set
    const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; resourceId: string; evidence: { initiatives?: unknown } }[] }).findings;
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'AML-GOV-003', resourceId: `/subscriptions/${SUB}`, evidence: expect.objectContaining({ initiatives: [expect.objectContaining({ policySetDefinition: BUILT_IN.id, verdict: 'does not contain the workspace policy' })] }) }),
    ]);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(resources);
  });
});
