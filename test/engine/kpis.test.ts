import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryItemOf, recordInventory, computeHasPublicIp, isPublicAddress } from '../../src/engine/inventory-record';
import { computeKpis, KpiWindowError } from '../../src/engine/kpis';
import type { AuditEntry, Finding, GuardException } from '../../src/model';
import { startHarness, type Harness } from '../support/harness';
import { cluster, computeInstance, hoursBefore, op, workspace } from './idle-estate';

/**
 * A small estate whose KPIs are computed by hand below.
 *
 * workspaces (ws-gone is deleted after evaluation):
 *   ws-a Disabled, ws-b Enabled, ws-c Disabled, ws-gone Disabled
 *   -> workspacesTotal 3, disabled 2/3 = 66.7 %
 * computes:
 *   ci-1 (ws-a)  official CI example, enableNodePublicIp missing        -> public
 *   ci-2 (ws-a)  enableNodePublicIp false, endpoint 10.0.0.1 (private)   -> not public
 *   ci-3 (ws-c)  enableNodePublicIp false, endpoint 20.50.1.2 (public)   -> public
 *   cl-1 (ws-b)  official AmlCompute example, enableNodePublicIp true    -> public
 *   cl-2 (ws-c)  AmlCompute, enableNodePublicIp false                    -> not public
 *   ci-x (ws-gone) deleted with its workspace                           -> not counted
 *   -> computeTotal 5, computeWithPublicIp 3
 */
const SUB = '5b0a4c7e-1d2f-4a3b-9c8d-7e6f5a4b3c2d';
const NOW = new Date('2026-11-25T01:00:00.000Z');
const WS_A = workspace(SUB, 'rg-ml', 'ws-a', { publicNetworkAccess: 'Disabled' });
const WS_B = workspace(SUB, 'rg-ml', 'ws-b', { publicNetworkAccess: 'Enabled' });
const WS_C = workspace(SUB, 'rg-ml', 'ws-c', { publicNetworkAccess: 'disabled' });
const WS_GONE = workspace(SUB, 'rg-ml', 'ws-gone', { publicNetworkAccess: 'Disabled' });
const CI_1 = computeInstance(WS_A.id, 'ci-1', { state: 'Running', lastOperation: op('Start', hoursBefore(NOW, 1)) });
const CI_2 = computeInstance(WS_A.id, 'ci-2', { state: 'Stopped', enableNodePublicIp: false, connectivityEndpoints: { publicIpAddress: '10.0.0.1', privateIpAddress: '10.0.0.1' } });
const CI_3 = computeInstance(WS_C.id, 'ci-3', { state: 'Running', enableNodePublicIp: false, connectivityEndpoints: { publicIpAddress: '20.50.1.2', privateIpAddress: '10.0.0.9' } });
const CL_1 = cluster(WS_B.id, 'cl-1');
const CL_2 = (() => {
  const c = cluster(WS_C.id, 'cl-2');
  const props = c.properties as Record<string, unknown>;
  return { ...c, properties: { ...props, properties: { ...(props.properties as Record<string, unknown>), enableNodePublicIp: false } } };
})();
const CI_X = computeInstance(WS_GONE.id, 'ci-x', { state: 'Running' });
const ESTATE = [WS_A, WS_B, WS_C, WS_GONE, CI_1, CI_2, CI_3, CL_1, CL_2, CI_X];

const at = (hours: number) => hoursBefore(NOW, hours);
const finding = (ruleId: string, resourceId: string, severity: Finding['severity'], status: Finding['status'], firstSeenH: number, resolvedH?: number): Finding => ({
  ruleId, resourceId, subscriptionId: SUB, severity, status, title: ruleId, evidence: {}, firstSeen: at(firstSeenH), lastSeen: at(resolvedH ?? 0),
  ...(resolvedH !== undefined ? { resolvedAt: at(resolvedH) } : {}),
  ...(status === 'excepted' ? { exceptionId: 'exc-active-1' } : {}),
});
/**
 * open: high AML-WS-001 (ws-b); medium AML-CMP-005 (ci-1); low AML-CMP-007 (ci-1, ci-3)
 *   -> bySeverity { critical 0, high 1, medium 1, low 2 }; byRule { AML-CMP-005 1, AML-CMP-007 2, AML-WS-001 1 }
 * excepted: 1. resolved: 10h->4h ago (6 h), 72h->24h ago (48 h), 41d->40d ago (outside 30 d)
 *   -> mttrHours (6 + 48) / 2 = 27 over 2
 */
const FINDINGS: Finding[] = [
  finding('AML-WS-001', WS_B.id, 'high', 'open', 30),
  finding('AML-CMP-005', CI_1.id, 'medium', 'open', 2),
  finding('AML-CMP-007', CI_1.id, 'low', 'open', 1),
  finding('AML-CMP-007', CI_3.id, 'low', 'open', 1),
  finding('AML-WS-001', WS_C.id, 'high', 'excepted', 50),
  finding('AML-WS-001', WS_A.id, 'high', 'resolved', 10, 4),
  finding('AML-CMP-007', CI_2.id, 'low', 'resolved', 72, 24),
  finding('AML-CMP-005', CI_3.id, 'medium', 'resolved', 41 * 24, 40 * 24),
];
/** In the 30-day window: applied 2, failed 1 (the skipped-cap 35 days ago and the exception entry do not count). */
const audit = (hours: number, outcome: string, category: AuditEntry['category'] = 'remediation'): AuditEntry => ({
  at: at(hours), category, actor: 'aml-guard', action: 'stop-compute', outcome, ruleId: 'AML-CMP-007', resourceId: CI_2.id,
});
const AUDIT = [audit(1, 'applied'), audit(72, 'applied'), audit(2, 'failed'), audit(35 * 24, 'skipped-cap'), audit(3, 'approved', 'exception')];
/** Active at NOW: exc-active-1 (expires in 5 h), exc-active-2 (in 100 days) -> 2. */
const exc = (id: string, status: GuardException['status'], expiresInH?: number): GuardException => ({
  id, subscriptionId: SUB, scope: WS_C.id, ruleId: 'AML-WS-001', status, reason: 'r', durationHours: 24, requestedBy: 'alice', createdAt: at(48),
  ...(expiresInH !== undefined ? { expiresAt: at(-expiresInH) } : {}),
});
const EXCEPTIONS = [exc('exc-active-1', 'approved', 5), exc('exc-active-2', 'approved', 2400), exc('exc-expired', 'approved', -1), exc('exc-pending', 'pending'), exc('exc-revoked', 'revoked', 10)];

let h: Harness;
beforeAll(async () => {
  h = await startHarness(ESTATE, { now: NOW });
  // What evaluateResource records: a real GET of each resource, then its inventory row.
  for (const r of ESTATE) {
    const snapshot = await h.ctx.reader.get(r.id);
    expect(snapshot).not.toBeNull();
    await recordInventory(h.ctx, inventoryItemOf(snapshot!, NOW.toISOString()));
  }
  await recordInventory(h.ctx, { deleted: WS_GONE.id });
  await h.store.findings.upsert(FINDINGS);
  await h.store.audit.append(AUDIT);
  for (const e of EXCEPTIONS) await h.store.exceptions.create(e);
});
afterAll(() => h.close());

describe('computeKpis on a hand-computed estate', () => {
  it('returns exactly the contract fields with the hand-computed values (default 30-day window)', async () => {
    const kpis = await computeKpis(h.store, { now: NOW });
    expect(kpis).toEqual({
      workspacesTotal: 3,
      workspacesPublicAccessDisabledPct: 66.7,
      computeTotal: 5,
      computeWithPublicIp: 3,
      openFindingsBySeverity: { critical: 0, high: 1, medium: 1, low: 2 },
      openFindingsByRule: { 'AML-CMP-005': 1, 'AML-CMP-007': 2, 'AML-WS-001': 1 },
      mttrHours: 27,
      remediationsByOutcome: { applied: 2, failed: 1 },
      activeExceptions: 2,
      exceptedFindings: 1,
      findingsResolvedInWindow: 2,
      window: { since: '2026-10-26T01:00:00.000Z', until: NOW.toISOString() },
      lastSweep: null,
    });
  });

  it('--since narrows the time-based KPIs only: since 5 h ago -> MTTR 6 h, remediations applied 1 + failed 1', async () => {
    const kpis = await computeKpis(h.store, { now: NOW, since: at(5) });
    expect(kpis).toMatchObject({ mttrHours: 6, findingsResolvedInWindow: 1, remediationsByOutcome: { applied: 1, failed: 1 }, workspacesTotal: 3, computeTotal: 5, activeExceptions: 2 });
    const empty = await computeKpis(h.store, { now: NOW, since: at(0.5) });
    expect(empty).toMatchObject({ mttrHours: null, findingsResolvedInWindow: 0, remediationsByOutcome: {} });
  });

  it('rejects a bad or inverted window', async () => {
    await expect(computeKpis(h.store, { now: NOW, since: 'last week' })).rejects.toBeInstanceOf(KpiWindowError);
    await expect(computeKpis(h.store, { now: NOW, since: at(-1) })).rejects.toThrow(/after the end/);
  });

  it('the inventory facts behind the numbers', async () => {
    expect(await h.store.inventory.get(CI_X.id)).toMatchObject({ deleted: true, deletedAt: NOW.toISOString() });
    expect(await h.store.inventory.get(CI_1.id)).toMatchObject({ computeType: 'ComputeInstance', publicIp: true, state: 'Running', lastEvaluated: NOW.toISOString() });
    expect(computeHasPublicIp(CI_2)).toBe(false);
    expect(computeHasPublicIp(CI_3)).toBe(true);
    expect(['10.1.2.3', '172.20.0.1', '192.168.1.1', '100.64.0.1', '127.0.0.1', 'fd00::1', 'fe80::1', '', 'n/a'].map(isPublicAddress)).toEqual(Array(9).fill(false));
    expect(['20.50.1.2', '172.32.0.1', '2001:db8::1'].map(isPublicAddress)).toEqual([true, true, true]);
  });

  it('an empty store: zero counts, null percentages and MTTR', async () => {
    const empty = await startHarness([], { now: NOW });
    try {
      expect(await computeKpis(empty.store, { now: NOW })).toMatchObject({
        workspacesTotal: 0, workspacesPublicAccessDisabledPct: null, computeTotal: 0, computeWithPublicIp: 0,
        openFindingsBySeverity: { critical: 0, high: 0, medium: 0, low: 0 }, openFindingsByRule: {}, mttrHours: null, remediationsByOutcome: {}, activeExceptions: 0,
      });
    } finally {
      await empty.close();
    }
  });
});
