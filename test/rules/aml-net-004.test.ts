import { describe, expect, it } from 'vitest';
import { amlNet004 } from '../../src/rules/aml-net-004';
import { outboundRules } from '../../src/rules/network/outbound-rules';
import { mlWorkspace } from '../support/compute-estate';
import { readFixture } from '../support/fixtures';
import { GR_SUB, workspaceOf } from '../support/guardrail-estate';
import { evaluator, failed } from './dependency-related';

const WS = workspaceOf('rg-ml', 'ws');
const OTHER_SUB = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const evaluate = evaluator(amlNet004);
const withRules = (outboundRules: Record<string, unknown>) => mlWorkspace(WS, { properties: { managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound', outboundRules } } });
const fqdn = (destination: string, category = 'UserDefined', status = 'Active') => ({ type: 'FQDN', category, destination, status });
const tag = (serviceTag: string, portRanges = '443', category = 'UserDefined') => ({ type: 'ServiceTag', category, status: 'Active', destination: { serviceTag, protocol: 'TCP', portRanges, action: 'Allow' } });
const pe = (serviceResourceId: string) => ({ type: 'PrivateEndpoint', category: 'UserDefined', status: 'Active', destination: { serviceResourceId, subresourceTarget: 'blob', sparkEnabled: false } });

describe('AML-NET-004 managed network outbound rules', () => {
  it('reads the rules embedded in the official workspace example (one Required FQDN rule): it passes', () => {
    expect(outboundRules(mlWorkspace(WS))).toEqual([{ name: 'some_string', type: 'FQDN', category: 'Required', status: 'Inactive', destination: 'some_string', ports: null }]);
    expect(evaluate(mlWorkspace(WS)).status).toBe('pass');
  });

  it('the official user-defined rule body (createOrUpdateRule) passes: a named host', () => {
    const body = (readFixture('arm-examples/machinelearningservices/2025-12-01/ManagedNetwork/createOrUpdateRule.json') as { parameters: { body: { properties: unknown } } }).parameters.body.properties;
    expect(evaluate(withRules({ rule_name_1: body })).status).toBe('pass');
  });

  it('look-alike: Microsoft\'s recommended package rules (pypi.org, *.pythonhosted.org, *.anaconda.org) pass', () => {
    expect(evaluate(withRules({ pypi: fqdn('pypi.org'), files: fqdn('*.pythonhosted.org'), conda: fqdn('*.anaconda.org'), regional: tag('Storage.WestEurope'), pe: pe(`/subscriptions/${GR_SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data`) })).status).toBe('pass');
  });

  it('fires on *, wildcards over generic domains, broad service tags, any tag on every port, and proposes deleting each user-defined rule', () => {
    const v = failed(
      evaluate(
        withRules({ all: fqdn('*'), com: fqdn('*.com'), blob: fqdn('*.blob.core.windows.net'), internet: tag('Internet'), cloud: tag('AzureCloud'), storage: tag('Storage'), anyPort: tag('AzureMonitor', '*') }),
      ),
    );
    expect((v.evidence.rules as { name: string }[]).map((r) => r.name)).toEqual(['all', 'com', 'blob', 'internet', 'cloud', 'storage', 'anyPort']);
    expect(v.actions).toEqual(['all', 'com', 'blob', 'internet', 'cloud', 'storage', 'anyPort'].map((ruleName) => ({ kind: 'delete-outbound-rule', resourceId: WS, ruleName })));
    expect(amlNet004.defaultMode).toBe('audit');
  });

  it('a private endpoint to another subscription fires, unless AMLGUARD_SUBSCRIPTIONS names it', () => {
    const target = `/subscriptions/${OTHER_SUB}/resourceGroups/x/providers/Microsoft.Storage/storageAccounts/exfil`;
    expect(failed(evaluate(withRules({ out: pe(target) }))).evidence.rules).toEqual([
      { name: 'out', type: 'PrivateEndpoint', category: 'UserDefined', destination: target, status: 'Active', problem: `private endpoint to ${target}, outside the subscriptions in scope` },
    ]);
    expect(evaluator(amlNet004, { subscriptions: [GR_SUB, OTHER_SUB] })(withRules({ out: pe(target) })).status).toBe('pass');
  });

  it('a Failed rule fires in any category, but only user-defined rules are ever deleted', () => {
    const v = failed(evaluate(withRules({ req: fqdn('login.microsoftonline.com', 'Required', 'Failed') })));
    expect(v.actions).toEqual([]);
    expect(v.evidence.rules).toEqual([expect.objectContaining({ name: 'req', problem: 'status Failed' })]);
    expect(evaluate(withRules({ wide: fqdn('*', 'Recommended') })).status).toBe('pass');
  });

  it('generic domains are configuration', () => {
    expect(evaluator(amlNet004, { genericDomains: ['*.contoso.com'] })(withRules({ c: fqdn('*.contoso.com'), com: fqdn('*.com') })).status).toBe('fail');
    expect(failed(evaluator(amlNet004, { genericDomains: ['contoso.com'] })(withRules({ c: fqdn('*.contoso.com'), com: fqdn('*.com') }))).actions).toEqual([{ kind: 'delete-outbound-rule', resourceId: WS, ruleName: 'c' }]);
  });
});
