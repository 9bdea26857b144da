import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { amlGov001 } from '../../src/rules/aml-gov-001';
import { keyVault, resourceGroup, storageAccount } from '../support/dependency-estate';
import { evaluator, failed, linkedBy, officialDependency, OFFICIAL_WS } from './dependency-related';

const SUB = '00000000-1111-2222-3333-444444444444';
const ST = officialDependency('storageAccount');
const KV = officialDependency('keyVault');
const report = evaluator(amlGov001);
const copy = evaluator(amlGov001, { copyTagsFromResourceGroup: true });
const untagged = () => ({ ...OFFICIAL_WS(), tags: { env: 'prod' } });
const wsGroup = (tags: Record<string, string>) => resourceGroup(SUB, 'workspace-1234', tags);

describe('AML-GOV-001 ownership tags', () => {
  it('carries its catalog metadata and applies to workspaces and their dependencies', () => {
    expect(amlGov001).toMatchObject({ id: 'AML-GOV-001', severity: 'low', defaultMode: 'audit', benchmark: 'AM-1' });
    expect(amlGov001.appliesTo).toHaveLength(4);
  });

  it('fires on the official workspace (no tags at all) and reports by default', () => {
    const v = failed(report(OFFICIAL_WS()));
    expect(v.evidence).toEqual({ missingTags: ['owner'] });
    expect(v.actions).toEqual([]);
    expect(v.remediation).toBe('report: add owner');
  });

  it('passes with the tag in any casing; a blank value counts as missing', () => {
    expect(report({ ...OFFICIAL_WS(), tags: { Owner: 'ml-platform' } }).status).toBe('pass');
    expect(report({ ...OFFICIAL_WS(), tags: { OWNER: 'x' } }).status).toBe('pass');
    expect(report({ ...OFFICIAL_WS(), tags: { owner: '  ' } }).status).toBe('fail');
  });

  it('copies from the resource group when enabled and the group has the tag: one set-tag per missing tag', () => {
    const config = evaluator(amlGov001, { copyTagsFromResourceGroup: true, requiredTags: ['owner', 'CostCenter', 'owner'] });
    const v = failed(config(untagged(), new SnapshotSet([wsGroup({ OWNER: 'ml-platform', costcenter: '' })])));
    expect(v.evidence).toEqual({ missingTags: ['owner', 'CostCenter'], resourceGroupValues: { owner: 'ml-platform', CostCenter: null } });
    expect(v.actions).toEqual([{ kind: 'set-tag', resourceId: OFFICIAL_WS().id, tag: 'owner', value: 'ml-platform' }]);
    expect(v.remediation).toBe('copy owner from resource group workspace-1234; report: add CostCenter (the resource group has no value to copy)');
  });

  it('reports when copying is on but the group lacks the tag, or its snapshot is absent', () => {
    expect(failed(copy(untagged(), new SnapshotSet([wsGroup({})]))).actions).toEqual([]);
    expect(failed(copy(untagged())).actions).toEqual([]);
  });

  it('never copies when copying is off, even if the group has the tag', () => {
    expect(failed(report(untagged(), new SnapshotSet([wsGroup({ owner: 'x' })]))).actions).toEqual([]);
  });

  it('linked dependencies: judged (and copied from their own resource group, across groups); unlinked ones are not applicable', () => {
    const st = storageAccount(ST, {}, null);
    const group = resourceGroup(SUB, 'accountcrud-1234', { owner: 'data-team' });
    const v = failed(copy(st, linkedBy(st, [OFFICIAL_WS()], [group, wsGroup({ owner: 'wrong-group' })])));
    expect(v.actions).toEqual([{ kind: 'set-tag', resourceId: ST, tag: 'owner', value: 'data-team' }]);
    expect(report(st).status).toBe('not-applicable');
    expect(report(keyVault(KV, {}, { owner: 'sec' }), linkedBy(keyVault(KV), [OFFICIAL_WS()])).status).toBe('pass');
  });
});
