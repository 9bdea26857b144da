import { describe, expect, it } from 'vitest';
import { amlDep003 } from '../../src/rules/aml-dep-003';
import { registry } from '../support/dependency-estate';
import { exampleBody } from '../support/fixtures';
import { evaluator, failed, linkedBy, officialDependency, OFFICIAL_WS, withProps } from './dependency-related';

const evaluate = evaluator(amlDep003);
const ACR = officialDependency('containerRegistry');

describe('AML-DEP-003 linked registry admin user', () => {
  it('carries its catalog metadata (enforce, IM-1)', () => {
    expect(amlDep003).toMatchObject({ id: 'AML-DEP-003', defaultMode: 'enforce', benchmark: 'IM-1', appliesTo: ['microsoft.containerregistry/registries'] });
  });

  it('passes on the official get example (adminUserEnabled false)', () => {
    const acr = registry(ACR);
    expect(acr.properties?.adminUserEnabled).toBe(false);
    expect(evaluate(acr, linkedBy(acr, [OFFICIAL_WS()])).status).toBe('pass');
  });

  it('fires on the official update example (true) with the smallest PATCH', () => {
    const body = exampleBody('arm-examples/containerregistry/2025-04-01/RegistryUpdate.json') as { properties: Record<string, unknown> };
    const acr = registry(ACR, body.properties);
    const v = failed(evaluate(acr, linkedBy(acr, [OFFICIAL_WS()])));
    expect(v.actions).toEqual([{ kind: 'set-property', resourceId: ACR, path: ['adminUserEnabled'], value: false }]);
    expect(v.evidence).toEqual({ adminUserEnabled: true, linkedBy: [OFFICIAL_WS().id], breakRisks: [] });
    expect(v.remediation).toBe('set adminUserEnabled to false');
  });

  it('warns when a linking workspace runs in v1 legacy mode (ACI deployments pull with the admin user)', () => {
    const acr = registry(ACR, { adminUserEnabled: true });
    const v = failed(evaluate(acr, linkedBy(acr, [withProps(OFFICIAL_WS(), { v1LegacyMode: true })])));
    expect(v.remediation).toMatch(/WARNING.*testworkspace runs in v1 legacy mode/);
    expect(v.actions).toHaveLength(1);
  });

  it('missing = false (service default); not applicable when unlinked', () => {
    const { adminUserEnabled: _gone, ...rest } = registry(ACR).properties ?? {};
    const acr = { ...registry(ACR), properties: rest };
    expect(evaluate(acr, linkedBy(acr, [OFFICIAL_WS()])).status).toBe('pass');
    expect(evaluate(registry(ACR, { adminUserEnabled: true })).status).toBe('not-applicable');
  });
});
