import { describe, expect, it } from 'vitest';
import { amlDep002 } from '../../src/rules/aml-dep-002';
import { storageAccount } from '../support/dependency-estate';
import { exampleBody } from '../support/fixtures';
import { evaluator, failed, linkedBy, officialDependency, OFFICIAL_WS, withProps } from './dependency-related';

const evaluate = evaluator(amlDep002);
const ST = officialDependency('storageAccount');

describe('AML-DEP-002 linked storage account accepts shared keys', () => {
  it('carries its catalog metadata (report, audit, IM-1)', () => {
    expect(amlDep002).toMatchObject({ id: 'AML-DEP-002', defaultMode: 'audit', benchmark: 'IM-1', remediation: 'report', appliesTo: ['microsoft.storage/storageaccounts'] });
  });

  it('fires on the official example (allowSharedKeyAccess missing = true) and names the workspaces that use the account key', () => {
    const st = storageAccount(ST);
    const v = failed(evaluate(st, linkedBy(st, [OFFICIAL_WS()])));
    expect(v.actions).toEqual([]);
    expect(v.evidence).toEqual({ allowSharedKeyAccess: null, linkedBy: [OFFICIAL_WS().id], workspacesUsingAccountKey: [OFFICIAL_WS().id] });
    expect(v.remediation).toBe('report: switch systemDatastoresAuthMode to Identity on testworkspace, then set allowSharedKeyAccess to false');
  });

  it('fires on true (the official update example); a workspace using identity needs no switch', () => {
    const body = exampleBody('arm-examples/storage/2025-08-01/StorageAccountUpdateDisablePublicNetworkAccess.json') as { properties: Record<string, unknown> };
    const st = storageAccount(ST, body.properties);
    expect(st.properties?.allowSharedKeyAccess).toBe(true);
    const ws = withProps(OFFICIAL_WS(), { systemDatastoresAuthMode: 'identity' });
    const v = failed(evaluate(st, linkedBy(st, [ws])));
    expect(v.evidence.workspacesUsingAccountKey).toEqual([]);
    expect(v.remediation).toBe('report: set allowSharedKeyAccess to false');
  });

  it('passes on false; not applicable when no workspace links it (or the link is stale)', () => {
    const off = storageAccount(ST, { allowSharedKeyAccess: false });
    expect(evaluate(off, linkedBy(off, [OFFICIAL_WS()])).status).toBe('pass');
    const on = storageAccount(ST, { allowSharedKeyAccess: true });
    expect(evaluate(on).status).toBe('not-applicable');
    expect(evaluate(on, linkedBy(on, [withProps(OFFICIAL_WS(), { storageAccount: '' })])).status).toBe('not-applicable');
  });

  it('a non-boolean value is not false: fires', () => {
    const st = storageAccount(ST, { allowSharedKeyAccess: 'false' });
    expect(failed(evaluate(st, linkedBy(st, [OFFICIAL_WS()]))).evidence.allowSharedKeyAccess).toBeNull();
  });
});
