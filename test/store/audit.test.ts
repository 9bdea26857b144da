import { beforeEach, describe, expect, it } from 'vitest';
import type { GuardStore } from '../../src/store';
import { testStore } from '../support/store';
import { COMPUTE, WS, auditEntry } from './fixtures';

let store: GuardStore;
beforeEach(async () => {
  store = await testStore();
});

describe('audit', () => {
  it('lists newest first, across months, and reads back exactly', async () => {
    const entries = [
      auditEntry('2025-01-15T10:00:00.000Z', { before: { publicNetworkAccess: 'Enabled' }, after: { publicNetworkAccess: 'Disabled' }, correlationId: 'evt-1' }),
      auditEntry('2025-03-01T00:00:00.000Z', { category: 'exception', action: 'approve', outcome: 'approved', exceptionId: 'exc-1', before: null }),
      auditEntry('2025-02-10T12:30:00.000Z', { outcome: 'failed', error: 'ARM said 409' }),
      auditEntry('2025-02-10T12:30:00.001Z', { summary: 'one ms later' }),
    ];
    await store.audit.append(entries);
    const listed = await store.audit.list({ since: '2025-01-01T00:00:00Z', until: '2025-03-31T23:59:59Z' });
    expect(listed.map((a) => a.at)).toEqual(['2025-03-01T00:00:00.000Z', '2025-02-10T12:30:00.001Z', '2025-02-10T12:30:00.000Z', '2025-01-15T10:00:00.000Z']);
    expect(listed[3]).toEqual(entries[0]);
    expect(listed[0]).toEqual(entries[1]);
  });

  it('since / until are inclusive bounds; limit stops early', async () => {
    const times = ['2025-05-01T00:00:00.000Z', '2025-05-02T00:00:00.000Z', '2025-05-03T00:00:00.000Z', '2025-06-01T00:00:00.000Z'];
    await store.audit.append(times.map((t) => auditEntry(t)));
    const mid = await store.audit.list({ since: '2025-05-02T00:00:00.000Z', until: '2025-06-01T00:00:00.000Z' });
    expect(mid.map((a) => a.at)).toEqual([times[3], times[2], times[1]]);
    expect((await store.audit.list({ since: '2025-04-01T00:00:00Z', until: '2025-07-01T00:00:00Z', limit: 2 })).map((a) => a.at)).toEqual([times[3], times[2]]);
    expect(await store.audit.list({ since: '2025-07-01T00:00:00Z', until: '2025-05-01T00:00:00Z' })).toEqual([]);
  });

  it('defaults to the last three months', async () => {
    const now = Date.now();
    await store.audit.append([auditEntry(new Date(now - 1000).toISOString()), auditEntry(new Date(now - 200 * 86_400_000).toISOString())]);
    expect(await store.audit.list()).toHaveLength(1);
  });

  it('filters by category, rule and resource (case-insensitive)', async () => {
    await store.audit.append([
      auditEntry('2025-04-01T00:00:00.000Z'),
      auditEntry('2025-04-02T00:00:00.000Z', { category: 'exception', action: 'request', outcome: 'pending' }),
      auditEntry('2025-04-03T00:00:00.000Z', { resourceId: COMPUTE, ruleId: 'AML-CMP-001' }),
    ]);
    const q = { since: '2025-04-01T00:00:00Z', until: '2025-04-30T00:00:00Z' };
    expect(await store.audit.list({ ...q, category: 'exception' })).toHaveLength(1);
    expect(await store.audit.list({ ...q, ruleId: 'AML-CMP-001' })).toHaveLength(1);
    expect(await store.audit.list({ ...q, resourceId: WS.toUpperCase() })).toHaveLength(2);
  });

  it('appends in transactions of at most 100 per month', async () => {
    const entries = [
      ...Array.from({ length: 150 }, (_, i) => auditEntry(new Date(Date.parse('2025-08-01T00:00:00Z') + i * 1000).toISOString())),
      auditEntry('2025-09-01T00:00:00.000Z'),
    ];
    const before = store.stats().transactions;
    await store.audit.append(entries);
    expect(store.stats().transactions - before).toBe(3);
    expect(await store.audit.list({ since: '2025-08-01T00:00:00Z', until: '2025-09-30T00:00:00Z' })).toHaveLength(151);
  });

  it('rejects an entry without a valid time', async () => {
    await expect(store.audit.append([auditEntry('yesterday')])).rejects.toThrow(/not an ISO time/);
  });
});
