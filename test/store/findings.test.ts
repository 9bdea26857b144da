import { TableClient } from '@azure/data-tables';
import { beforeEach, describe, expect, it } from 'vitest';
import { CorruptEntityError, MAX_JSON_CHARS, type GuardStore } from '../../src/store';
import { testConnection, testStore } from '../support/store';
import { COMPUTE, OTHER_SUB, RG, SUB, SUB_UPPER, WS, WS10, finding } from './fixtures';

let store: GuardStore;
beforeEach(async () => {
  store = await testStore();
});

const keysOf = (fs: { resourceId: string; ruleId: string }[]) => fs.map((f) => `${f.resourceId}#${f.ruleId}`).sort();

describe('findings', () => {
  it('upserts and reads back exactly, case-insensitively', async () => {
    const f = finding({ exceptionId: 'exc-1', remediation: 'disable public access', resolvedAt: undefined });
    await store.findings.upsert([f]);
    expect(await store.findings.get(WS, 'AML-WS-001')).toEqual(f);
    expect(await store.findings.get(WS.toUpperCase(), 'AML-WS-001')).toEqual(f);
    expect(await store.findings.get(WS, 'AML-OTHER')).toBeUndefined();
    expect(await store.findings.listForResource(WS.toLowerCase().replace('resourcegroups', 'resourceGroups'))).toEqual([f]);
  });

  it('upsert replaces (fields dropped in the new version are gone)', async () => {
    await store.findings.upsert([finding({ exceptionId: 'exc-1' })]);
    const resolved = finding({ status: 'resolved', resolvedAt: '2025-02-01T00:00:00.000Z', lastSeen: '2025-02-01T00:00:00.000Z' });
    await store.findings.upsert([resolved]);
    expect(await store.findings.get(WS, 'AML-WS-001')).toEqual(resolved);
  });

  it('listForResource is exact; listForResourcePrefix adds children, never siblings that share a name prefix', async () => {
    await store.findings.upsert([
      finding(),
      finding({ ruleId: 'AML-WS-002', severity: 'medium' }),
      finding({ resourceId: COMPUTE, ruleId: 'AML-CMP-001' }),
      finding({ resourceId: WS10, ruleId: 'AML-WS-001' }),
      finding({ resourceId: RG.replace('RG-ML', 'RG-ML2') + '/providers/Microsoft.MachineLearningServices/workspaces/WS1', ruleId: 'AML-WS-001' }),
    ]);
    expect(keysOf(await store.findings.listForResource(WS))).toEqual([`${WS}#AML-WS-001`, `${WS}#AML-WS-002`]);
    expect(keysOf(await store.findings.listForResourcePrefix(WS.toUpperCase()))).toEqual([`${WS}#AML-WS-001`, `${WS}#AML-WS-002`, `${COMPUTE}#AML-CMP-001`].sort());
    expect(keysOf(await store.findings.listForResourcePrefix(COMPUTE))).toEqual([`${COMPUTE}#AML-CMP-001`]);
  });

  it('lists with filters', async () => {
    const other = `/subscriptions/${OTHER_SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa1`;
    await store.findings.upsert([
      finding(),
      finding({ ruleId: 'AML-WS-002', severity: 'medium', status: 'resolved' }),
      finding({ resourceId: COMPUTE, ruleId: 'AML-CMP-001', status: 'excepted' }),
      finding({ resourceId: other, subscriptionId: OTHER_SUB, ruleId: 'AML-ST-001', severity: 'critical' }),
    ]);
    expect(await store.findings.list()).toHaveLength(4);
    expect(await store.findings.list({ subscriptionId: SUB_UPPER })).toHaveLength(3);
    expect(keysOf(await store.findings.list({ status: 'open' }))).toEqual([`${WS}#AML-WS-001`, `${other}#AML-ST-001`]);
    expect(keysOf(await store.findings.list({ severity: 'critical' }))).toEqual([`${other}#AML-ST-001`]);
    expect(keysOf(await store.findings.list({ ruleId: 'AML-CMP-001' }))).toEqual([`${COMPUTE}#AML-CMP-001`]);
    expect(keysOf(await store.findings.list({ resourceId: WS.toLowerCase(), status: 'resolved' }))).toEqual([`${WS}#AML-WS-002`]);
    expect(await store.findings.list({ subscriptionId: SUB, severity: 'critical' })).toEqual([]);
  });

  it("quotes in values cannot break out of the query (odata tag)", async () => {
    await store.findings.upsert([finding({ ruleId: "AML-'X'" })]);
    expect(await store.findings.list({ ruleId: "AML-'X'" })).toHaveLength(1);
    expect(await store.findings.list({ ruleId: "' or 'a' eq 'a" })).toEqual([]);
  });

  it('a batch of 250 findings in one partition is 3 transactions', async () => {
    const many = Array.from({ length: 250 }, (_, i) => finding({ resourceId: `${WS}/computes/c${i}`, ruleId: 'AML-CMP-001' }));
    const before = store.stats().transactions;
    await store.findings.upsert(many);
    expect(store.stats().transactions - before).toBe(3);
    expect(await store.findings.listForResourcePrefix(WS)).toHaveLength(250);
  });

  it('two partitions are separate transactions', async () => {
    const other = `/subscriptions/${OTHER_SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa1`;
    const before = store.stats().transactions;
    await store.findings.upsert([finding(), finding({ resourceId: other, subscriptionId: OTHER_SUB })]);
    expect(store.stats().transactions - before).toBe(2);
  });

  it('truncates oversized evidence with a marker, still a JSON object', async () => {
    const f = finding({ evidence: { blob: 'y'.repeat(100_000) } });
    await store.findings.upsert([f]);
    const back = await store.findings.get(WS, f.ruleId);
    expect(back?.evidence.__truncated).toBe(true);
    expect(back?.evidence.originalChars).toBe(JSON.stringify(f.evidence).length);
    expect(JSON.stringify(back?.evidence).length).toBeLessThanOrEqual(MAX_JSON_CHARS + 100);
  });

  it('refuses a finding whose subscriptionId contradicts its resource id', async () => {
    await expect(store.findings.upsert([finding({ subscriptionId: OTHER_SUB })])).rejects.toThrow(/does not match/);
  });

  it('a corrupt row names the table and keys', async () => {
    await store.findings.upsert([finding()]);
    const conn = testConnection();
    if (conn.kind !== 'connection-string') throw new Error('unexpected');
    const raw = TableClient.fromConnectionString(conn.connectionString, store.tableNames.findings, { allowInsecureConnection: true });
    const rows = [];
    for await (const r of raw.listEntities()) rows.push(r);
    const [row] = rows;
    await raw.updateEntity({ partitionKey: row!.partitionKey!, rowKey: row!.rowKey!, severity: 'apocalyptic' }, 'Merge');
    const err = await store.findings.get(WS, 'AML-WS-001').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorruptEntityError);
    expect(String(err)).toContain(store.tableNames.findings);
    expect(String(err)).toContain(row!.rowKey!);
    expect(String(err)).toContain('severity');
    await raw.updateEntity({ partitionKey: row!.partitionKey!, rowKey: row!.rowKey!, severity: 'high', evidence: '{not json' }, 'Merge');
    await expect(store.findings.list()).rejects.toThrow(/evidence is not valid JSON/);
  });
});

describe('store', () => {
  it('opening twice on the same prefix is fine (tables already exist)', async () => {
    const a = await testStore();
    expect(a.tableNames.findings).toMatch(/^t[0-9a-f]{12}findings$/);
    expect(a.stats().transactions).toBeGreaterThan(0);
  });

  it('counts every call', async () => {
    const before = store.stats().transactions;
    await store.findings.get(WS, 'nope');
    await store.findings.list({ subscriptionId: SUB });
    expect(store.stats().transactions - before).toBe(2);
  });
});
