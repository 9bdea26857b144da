import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { amlWs006 } from '../../src/rules/aml-ws-006';
import { amlWs007 } from '../../src/rules/aml-ws-007';
import { amlWs008 } from '../../src/rules/aml-ws-008';
import { mlWorkspace } from '../support/compute-estate';
import { readFixture } from '../support/fixtures';
import { connection, connectionOf, diagnosticSetting, workspaceOf } from '../support/guardrail-estate';
import { evaluator, failed } from './dependency-related';

const WS = workspaceOf('rg-ml', 'ws');
const CONN = connectionOf('rg-ml', 'ws', 'github');

describe('AML-WS-006 long-lived credentials', () => {
  const evaluate = evaluator(amlWs006);

  it('the official connection (authType None) and the ManagedIdentity look-alike pass', () => {
    expect(evaluate(connection(CONN)).status).toBe('pass');
    expect(evaluate(connection(CONN, { properties: { authType: 'ManagedIdentity', isSharedToAll: true } })).status).toBe('pass');
  });

  it('fires on the official list example\'s PAT connections, worse when shared to all; evidence holds no secret', () => {
    const items = (readFixture('arm-examples/machinelearningservices/2025-12-01/WorkspaceConnection/list.json') as { responses: { 200: { body: { value: { properties: Record<string, unknown> }[] } } } }).responses[200].body.value;
    const pat = connection(CONN, { properties: { ...items[0]!.properties, isSharedToAll: true, credentials: { pat: 'ghp_secret' } } });
    const v = failed(evaluate(pat));
    expect(v.evidence).toEqual({ authType: 'PAT', category: 'ContainerRegistry', target: 'www.facebook.com', isSharedToAll: true, expiryTime: null, expired: false });
    expect(v.remediation).toMatch(/shared with every project/);
    expect(JSON.stringify(v)).not.toContain('ghp_secret');
    for (const authType of ['AccountKey', 'AccessKey', 'ApiKey', 'SAS', 'UsernamePassword', 'CustomKeys', 'ServicePrincipal']) expect(evaluate(connection(CONN, { properties: { authType } })).status, authType).toBe('fail');
  });

  it('fires on an expired credential whatever its type', () => {
    const v = failed(evaluate(connection(CONN, { properties: { authType: 'OAuth2', expiryTime: '2026-01-01T00:00:00Z' } })));
    expect(v.evidence.expired).toBe(true);
    expect(evaluate(connection(CONN, { properties: { authType: 'OAuth2', expiryTime: '2027-01-01T00:00:00Z' } })).status).toBe('pass');
  });

  it('workspace: system datastores with the storage account key fire; the official workspace (not set) and Identity pass', () => {
    expect(evaluate(mlWorkspace(WS)).status).toBe('pass');
    expect(evaluate(mlWorkspace(WS, { properties: { systemDatastoresAuthMode: 'Identity' } })).status).toBe('pass');
    expect(failed(evaluate(mlWorkspace(WS, { properties: { systemDatastoresAuthMode: 'AccessKey' } }))).evidence).toEqual({ systemDatastoresAuthMode: 'AccessKey' });
  });
});

describe('AML-WS-007 workspace audit logs', () => {
  const evaluate = evaluator(amlWs007);

  it('passes with the official setting (allLogs to storage and event hub) on the workspace', () => {
    expect(evaluate(mlWorkspace(WS), new SnapshotSet([diagnosticSetting(WS, 'to-sentinel')])).status).toBe('pass');
    const audit = diagnosticSetting(WS, 'audit-only', { properties: { logs: [{ categoryGroup: 'audit', enabled: true }], storageAccountId: null, eventHubAuthorizationRuleId: null, workspaceId: '/subscriptions/x/resourceGroups/r/providers/Microsoft.OperationalInsights/workspaces/law' } });
    expect(evaluate(mlWorkspace(WS), new SnapshotSet([audit])).status).toBe('pass');
  });

  it('fires without settings, with a disabled group, without a destination, or with only another resource\'s setting', () => {
    expect(failed(evaluate(mlWorkspace(WS))).evidence).toEqual({ diagnosticSettings: [] });
    const disabled = diagnosticSetting(WS, 'off', { properties: { logs: [{ categoryGroup: 'allLogs', enabled: false }] } });
    expect(failed(evaluate(mlWorkspace(WS), new SnapshotSet([disabled]))).evidence).toEqual({ diagnosticSettings: ['off'] });
    const nowhere = diagnosticSetting(WS, 'nowhere', { properties: { storageAccountId: '', eventHubAuthorizationRuleId: null, workspaceId: '' } });
    expect(evaluate(mlWorkspace(WS), new SnapshotSet([nowhere])).status).toBe('fail');
    const elsewhere = diagnosticSetting(workspaceOf('rg-ml', 'other'), 'to-sentinel');
    expect(evaluate(mlWorkspace(WS), new SnapshotSet([elsewhere])).status).toBe('fail');
  });
});

describe('AML-WS-008 customer-managed key / v1 legacy mode', () => {
  const evaluate = evaluator(amlWs008);
  it('is off by default; passes the official CMK workspace; fires on Microsoft-managed keys or v1 legacy mode', () => {
    expect(amlWs008.defaultMode).toBe('off');
    expect(evaluate(mlWorkspace(WS)).status).toBe('pass');
    expect(failed(evaluate(mlWorkspace(WS, { properties: { encryption: { status: 'Disabled' } } }))).evidence).toEqual({ encryptionStatus: 'Disabled', customerManagedKey: false, v1LegacyMode: false });
    expect(failed(evaluate(mlWorkspace(WS, { properties: { v1LegacyMode: true } }))).remediation).toBe('v1LegacyMode is true (turn it off)');
  });
});
