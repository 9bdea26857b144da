import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { amlDep001 } from '../../src/rules/aml-dep-001';
import { approvedConnection, keyVault, registry, storageAccount } from '../support/dependency-estate';
import { exampleBody } from '../support/fixtures';
import { workspace } from '../support/harness';
import { evaluator, failed, linkedBy, officialDependency, OFFICIAL_WS, withProps } from './dependency-related';

const evaluate = evaluator(amlDep001);
const ST = officialDependency('storageAccount'); // in resource group accountcrud-1234, the workspace is in workspace-1234
const KV = officialDependency('keyVault');
const ACR = officialDependency('containerRegistry');
const SUB = '00000000-1111-2222-3333-444444444444';

/** A public workspace with no private endpoint that uses the given dependencies. */
const publicWs = (deps: Record<string, string>) => workspace(SUB, 'rg-public', 'ws-open', { publicNetworkAccess: 'Enabled', ...deps });

describe('AML-DEP-001 linked dependency public network access', () => {
  it('carries its catalog metadata', () => {
    expect(amlDep001).toMatchObject({ id: 'AML-DEP-001', severity: 'high', benchmark: 'NS-2', defaultMode: 'enforce' });
    expect(amlDep001.appliesTo).toEqual(['microsoft.storage/storageaccounts', 'microsoft.keyvault/vaults', 'microsoft.containerregistry/registries']);
  });

  it("fires on the official storage example (no publicNetworkAccess, firewall Allow) linked by the official workspace from another resource group", () => {
    const st = storageAccount(ST);
    expect(st.properties?.publicNetworkAccess).toBeUndefined();
    const v = failed(evaluate(st, linkedBy(st, [OFFICIAL_WS()])));
    expect(v.actions).toEqual([{ kind: 'set-property', resourceId: ST, path: ['publicNetworkAccess'], value: 'Disabled' }]);
    expect(v.evidence).toMatchObject({ publicNetworkAccess: null, networkDefaultAction: 'Allow', exposure: 'all networks', approvedPrivateEndpoints: 0, linkedBy: [OFFICIAL_WS().id] });
    // the workspace itself is private with an approved endpoint: the only risk is the storage account's own missing private endpoint
    expect(v.evidence.breakRisks).toEqual(['testStorageAccount has no approved private endpoint: whatever reaches it today does so over its public endpoint']);
    expect(v.remediation).toMatch(/^set publicNetworkAccess to Disabled — WARNING, may break data scientists: testStorageAccount has no approved private endpoint/);
  });

  it('no warning when the dependency has an approved private endpoint and every linking workspace is private', () => {
    const st = storageAccount(ST, { publicNetworkAccess: 'Enabled', privateEndpointConnections: [approvedConnection(ST)] });
    const v = failed(evaluate(st, linkedBy(st, [OFFICIAL_WS()])));
    expect(v.evidence.breakRisks).toEqual([]);
    expect(v.remediation).toBe('set publicNetworkAccess to Disabled');
  });

  it('warns by name about a linking workspace that is public and has no private endpoint', () => {
    const st = storageAccount(ST, { publicNetworkAccess: 'Enabled', privateEndpointConnections: [approvedConnection(ST)] });
    const open = publicWs({ storageAccount: ST });
    const v = failed(evaluate(st, linkedBy(st, [OFFICIAL_WS(), open])));
    expect(v.evidence.linkedBy).toEqual([OFFICIAL_WS().id, open.id]);
    expect(v.evidence.breakRisks).toEqual(['workspace ws-open is itself reachable from the internet (publicNetworkAccess Enabled), has no approved private endpoint']);
    expect(v.actions).toHaveLength(1);
  });

  it('passes when Disabled (any casing) — also on the official update example', () => {
    const body = exampleBody('arm-examples/storage/2025-08-01/StorageAccountUpdateDisablePublicNetworkAccess.json') as { properties: Record<string, unknown> };
    const updated = storageAccount(ST, body.properties);
    expect(updated.properties?.publicNetworkAccess).toBe('Disabled');
    expect(evaluate(updated, linkedBy(updated, [OFFICIAL_WS()])).status).toBe('pass');
    for (const value of ['Disabled', 'disabled']) {
      const st = storageAccount(ST, { publicNetworkAccess: value });
      expect(evaluate(st, linkedBy(st, [OFFICIAL_WS()])).status).toBe('pass');
    }
  });

  it('firewall Deny without publicNetworkAccess is still a public endpoint ("selected networks")', () => {
    const st = storageAccount(ST, { networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' } });
    expect(failed(evaluate(st, linkedBy(st, [OFFICIAL_WS()]))).evidence.exposure).toBe('selected networks');
  });

  it('is not applicable to a resource no workspace links, nor on stale links (workspace deleted or re-pointed)', () => {
    const st = storageAccount(ST, { publicNetworkAccess: 'Enabled' });
    expect(evaluate(st).status).toBe('not-applicable');
    expect(evaluate(st, new SnapshotSet([], [{ sourceId: OFFICIAL_WS().id, targetId: ST, relation: 'storageAccount' }])).status).toBe('not-applicable');
    const repointed = withProps(OFFICIAL_WS(), { storageAccount: ST.replace('testStorageAccount', 'other') });
    expect(evaluate(st, linkedBy(st, [repointed])).status).toBe('not-applicable');
    // a link through another relation does not make it a workspace's storage account
    expect(evaluate(st, new SnapshotSet([OFFICIAL_WS()], [{ sourceId: OFFICIAL_WS().id, targetId: ST, relation: 'keyVault' }])).status).toBe('not-applicable');
  });

  it('matches ids case-insensitively (workspace, index and resource may spell them differently) and acts on the resource id as read', () => {
    const st = storageAccount(ST.toLowerCase().replace('/subscriptions/', '/subscriptions/'), { publicNetworkAccess: 'Enabled' });
    const ws = withProps(OFFICIAL_WS(), { storageAccount: ST.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/') });
    const v = failed(evaluate(st, linkedBy(st, [ws], [], ST)));
    expect(v.actions[0]).toMatchObject({ resourceId: st.id });
  });

  it('key vault: the official example (Enabled) fires; Disabled passes', () => {
    const kv = keyVault(KV);
    const v = failed(evaluate(kv, linkedBy(kv, [OFFICIAL_WS()])));
    expect(v.evidence).toMatchObject({ publicNetworkAccess: 'Enabled', exposure: 'all networks' });
    expect(v.actions).toEqual([{ kind: 'set-property', resourceId: KV, path: ['publicNetworkAccess'], value: 'Disabled' }]);
    expect(evaluate(withProps(kv, { publicNetworkAccess: 'Disabled' }), linkedBy(kv, [OFFICIAL_WS()])).status).toBe('pass');
  });

  it('registry: the official Standard example is report-only (private access needs Premium); Premium gets the PATCH', () => {
    const standard = registry(ACR, {}, 'Standard');
    const v = failed(evaluate(standard, linkedBy(standard, [OFFICIAL_WS()])));
    expect(v.actions).toEqual([]);
    expect(v.remediation).toMatch(/^report: a Standard registry cannot be made private/);
    const premium = registry(ACR, {}, 'Premium');
    expect(failed(evaluate(premium, linkedBy(premium, [OFFICIAL_WS()]))).actions).toHaveLength(1);
    const noSku = { ...registry(ACR), sku: null };
    expect(failed(evaluate(noSku, linkedBy(noSku, [OFFICIAL_WS()]))).actions).toHaveLength(1);
  });

  it('registry: warns that a workspace without managed network or imageBuildCompute cannot build images once the registry is private', () => {
    const acr = registry(ACR, { privateEndpointConnections: [approvedConnection(ACR)] });
    const ws = withProps(OFFICIAL_WS(), { managedNetwork: { isolationMode: 'Disabled' }, imageBuildCompute: '' });
    expect(failed(evaluate(acr, linkedBy(acr, [ws]))).evidence.breakRisks).toEqual([
      'workspace testworkspace has no imageBuildCompute and no managed network, so environment image builds fail',
    ]);
  });

  it('SecuredByPerimeter is report-only (a perimeter governs access on purpose)', () => {
    const st = storageAccount(ST, { publicNetworkAccess: 'SecuredByPerimeter' });
    const v = failed(evaluate(st, linkedBy(st, [OFFICIAL_WS()])));
    expect(v.actions).toEqual([]);
    expect(v.evidence.exposure).toBe('network security perimeter');
  });

  it('survives malformed properties (null, wrong types) as exposed', () => {
    for (const properties of [null, { publicNetworkAccess: 7, networkAcls: 'x', privateEndpointConnections: 'y' }]) {
      const st = { ...storageAccount(ST), properties };
      expect(failed(evaluate(st, linkedBy(st, [OFFICIAL_WS()]))).evidence.publicNetworkAccess).toBeNull();
    }
  });
});
