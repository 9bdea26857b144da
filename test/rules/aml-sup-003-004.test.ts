import { describe, expect, it } from 'vitest';
import { amlSup003 } from '../../src/rules/aml-sup-003';
import { amlSup004 } from '../../src/rules/aml-sup-004';
import { registry } from '../support/dependency-estate';
import { exampleBody } from '../support/fixtures';
import { mlRegistry, mlRegistryOf } from '../support/guardrail-estate';
import { evaluator, failed, linkedBy, officialDependency, OFFICIAL_WS } from './dependency-related';

const ACR = officialDependency('containerRegistry');
const sup003 = evaluator(amlSup003);
const sup004 = evaluator(amlSup004);
const linked = (props: Record<string, unknown>) => {
  const acr = registry(ACR, props);
  return sup003(acr, linkedBy(acr, [OFFICIAL_WS()]));
};

describe('AML-SUP-003 linked registry anonymous pull / export', () => {
  it('the official registry example (export policy enabled) is reported, with no write', () => {
    const acr = registry(ACR);
    expect(acr.properties?.policies).toMatchObject({ exportPolicy: { status: 'enabled' } });
    const v = failed(sup003(acr, linkedBy(acr, [OFFICIAL_WS()])));
    expect(v.evidence).toEqual({ anonymousPullEnabled: false, exportPolicy: 'enabled', linkedBy: [OFFICIAL_WS().id] });
    expect(v.actions).toEqual([]);
  });

  it('anonymous pull: the smallest PATCH anonymousPullEnabled=false (enforce by default)', () => {
    expect(amlSup003.defaultMode).toBe('enforce');
    const v = failed(linked({ anonymousPullEnabled: true, policies: { exportPolicy: { status: 'disabled' } } }));
    expect(v.actions).toEqual([{ kind: 'set-property', resourceId: ACR, path: ['anonymousPullEnabled'], value: false }]);
    expect(v.remediation).toBe('set anonymousPullEnabled to false');
  });

  it('look-alikes: export disabled and anonymous pull off passes; an unlinked registry is not applicable', () => {
    expect(linked({ anonymousPullEnabled: false, policies: { exportPolicy: { status: 'disabled' } } }).status).toBe('pass');
    expect(sup003(registry(ACR, { anonymousPullEnabled: true })).status).toBe('not-applicable');
  });
});

describe('AML-SUP-004 Azure ML registry public network access', () => {
  const REG = mlRegistryOf('rg-shared', 'contoso-models');

  it('the official update example (Enabled, one approved private endpoint) fires and proposes Disabled', () => {
    expect((exampleBody('arm-examples/machinelearningservices/2025-12-01/Registries/update.json') as { properties: { publicNetworkAccess: string } }).properties.publicNetworkAccess).toBe('Enabled');
    const v = failed(sup004(mlRegistry(REG)));
    expect(v.evidence).toEqual({ publicNetworkAccess: 'Enabled', approvedPrivateEndpoints: 1 });
    expect(v.actions).toEqual([{ kind: 'set-property', resourceId: REG, path: ['publicNetworkAccess'], value: 'Disabled' }]);
    expect(v.remediation).toBe('set publicNetworkAccess to Disabled');
  });

  it('missing publicNetworkAccess is exposed; without an approved private endpoint the fix warns it may break users', () => {
    const v = failed(sup004(mlRegistry(REG, { properties: { publicNetworkAccess: null, registryPrivateEndpointConnections: [] } })));
    expect(v.evidence).toEqual({ publicNetworkAccess: null, approvedPrivateEndpoints: 0 });
    expect(v.remediation).toMatch(/WARNING.*no approved private endpoint/);
  });

  it('Disabled without an approved private endpoint is reported without a write; Disabled with one passes', () => {
    const pending = [{ id: `${REG}/privateEndpointConnections/pe1`, properties: { registryPrivateLinkServiceConnectionState: { status: 'Pending' } } }];
    const closed = failed(sup004(mlRegistry(REG, { properties: { publicNetworkAccess: 'Disabled', registryPrivateEndpointConnections: pending } })));
    expect(closed.actions).toEqual([]);
    expect(sup004(mlRegistry(REG, { properties: { publicNetworkAccess: 'disabled' } })).status).toBe('pass');
  });
});
