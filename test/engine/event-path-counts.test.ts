import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleEventMessage, sweep, WriteBudget, type RunResult } from '../../src/engine';
import { MonitorClient } from '@azure/arm-monitor';
import type { ArmResource } from '../../src/model';
import { USER_PRINCIPAL, type EventGridEvent } from '../../src/sandbox';
import { rgAndName, startHarness, workspace, type Harness } from '../support/harness';

/**
 * The event path at its floor, with the whole catalog, counted on the sandbox's request log and
 * the store's transaction counter: fixing a public workspace = 1 GET + 1 PATCH + the LRO's polls
 * (the last poll's body is the workspace as ARM has it: the fix is verified on it); a compliant
 * workspace = 1 GET; the echo of AML Guard's own write = 1 GET; at most 8 table transactions.
 * The workspace's diagnostic settings (AML-WS-007; extension resources its GET does not carry,
 * which Resource Graph does not hold) are listed only by an event about one of them — a workspace
 * write does not change them — and by the sweep on its refresh period.
 */
const SUB = 'a3a3a3a3-0000-4000-8000-000000000003';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-floor`;
const ST = `${RG}/providers/Microsoft.Storage/storageAccounts/stfloor`;
const WS = {
  ...workspace(SUB, 'rg-floor', 'ws-floor', { publicNetworkAccess: 'Disabled', storageAccount: ST }),
  identity: { type: 'SystemAssigned', principalId: 'c1c1c1c1-0000-4000-8000-000000000001' },
} as ArmResource;
const STORAGE: ArmResource = {
  id: ST,
  name: 'stfloor',
  type: 'Microsoft.Storage/storageAccounts',
  location: 'westeurope',
  tags: { owner: 'team' },
  kind: 'StorageV2',
  properties: { publicNetworkAccess: 'Disabled', allowSharedKeyAccess: false, networkAcls: { defaultAction: 'Deny' } },
} as ArmResource;

let h: Harness;
const events: EventGridEvent[] = [];

beforeAll(async () => {
  h = await startHarness([WS, STORAGE]);
  h.sandbox.onEvent((e) => {
    events.push(e);
  });
  await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(10) });
});
afterAll(() => h.close());
beforeEach(() => {
  events.length = 0;
});

async function userOpens(): Promise<EventGridEvent> {
  const [rg, name] = rgAndName(WS.id);
  await h.userMl(SUB).workspaces.beginUpdateAndWait(rg, name, { publicNetworkAccess: 'Enabled' }, { updateIntervalInMs: 5 });
  await until(() => events.some((e) => JSON.stringify(e.data.claims).includes(USER_PRINCIPAL.oid)));
  return events.find((e) => JSON.stringify(e.data.claims).includes(USER_PRINCIPAL.oid))!;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
}

async function counted(event: EventGridEvent): Promise<{ result: RunResult; requests: string[]; transactions: number }> {
  h.sandbox.clearRequests();
  const before = h.store.stats().transactions;
  const result = await handleEventMessage(h.ctx, [event]);
  const requests = h.sandbox.requests.map((r) => `${r.method} ${r.path.toLowerCase() === WS.id.toLowerCase() ? 'workspace' : r.path.toLowerCase() === `${WS.id}/providers/Microsoft.Insights/diagnosticSettings`.toLowerCase() ? 'diagnostic settings' : r.path.includes('OperationsStatus') ? 'operation' : r.path}`);
  return { result, requests, transactions: h.store.stats().transactions - before };
}

describe('event path floor', () => {
  it('fixing a public workspace: 1 GET, 1 PATCH, the LRO polls, 8 table transactions; the echo of the fix: 1 GET', async () => {
    const fixed = await counted(await userOpens());
    expect(fixed.result.actions.map((a) => `${a.ruleId} ${a.outcome} ${String(a.before)}->${String(a.after)}`)).toEqual(['AML-WS-001 applied Enabled->Disabled']);
    expect(fixed.requests).toEqual(['GET workspace', 'PATCH workspace', 'GET operation', 'GET operation', 'GET operation']);
    // lease + event claim, findings, own links, exceptions, audit intent, audit outcome, findings, lease + event mark + inventory
    expect(fixed.transactions).toBe(8);

    const ours = (e: EventGridEvent) => e.eventType === 'Microsoft.Resources.ResourceWriteSuccess' && !JSON.stringify(e.data.claims).includes(USER_PRINCIPAL.oid);
    await until(() => events.some(ours));
    const echo = events.filter(ours).at(-1);
    expect(echo, 'our PATCH emits an event too').toBeDefined();
    const again = await counted(echo!);
    expect(again.result.actions).toEqual([]);
    expect(again.requests).toEqual(['GET workspace']);
    expect(again.transactions).toBeLessThanOrEqual(8);
  });

  it('a compliant workspace event: 1 GET, and a duplicate delivery of it: no ARM call', async () => {
    const event = await userOpens();
    await handleEventMessage(h.ctx, [event]);
    const compliant = { ...event, id: 'd4d4d4d4-0000-4000-8000-000000000004' };
    const once = await counted(compliant);
    expect(once.result.actions).toEqual([]);
    expect(once.requests).toEqual(['GET workspace']);
    expect(once.transactions).toBeLessThanOrEqual(8);
    const duplicate = await counted(compliant);
    expect(duplicate.result.ignored).toEqual([{ eventId: compliant.id, reason: expect.stringContaining('duplicate') }]);
    expect(duplicate.requests).toEqual([]);
  });

  it('an event about a diagnostic setting of the workspace: 1 GET + the list of its settings, and AML-WS-007 judged on them', async () => {
    const open = async () => (await h.store.findings.get(WS.id, 'AML-WS-007'))?.status;
    expect(await open(), 'the sweep found no audit logs').toBe('open');
    // the SDK puts the URI after a slash of its own
    await userMonitor().diagnosticSettings.createOrUpdate(WS.id.slice(1), 'audit-to-la', {
      workspaceId: `/subscriptions/${SUB}/resourceGroups/rg-floor/providers/Microsoft.OperationalInsights/workspaces/la-floor`,
      logs: [{ categoryGroup: 'audit', enabled: true }],
    });
    await until(() => events.some((e) => e.subject.toLowerCase().includes('/diagnosticsettings/audit-to-la')));
    const setting = events.find((e) => e.subject.toLowerCase().includes('/diagnosticsettings/audit-to-la'))!;
    const judged = await counted(setting);
    expect(judged.requests).toEqual(['GET workspace', 'GET diagnostic settings']);
    expect(judged.result.findings.filter((f) => f.ruleId === 'AML-WS-007').map((f) => f.status)).toEqual(['resolved']);
    expect(await open()).toBe('resolved');
  });
});

function userMonitor(): MonitorClient {
  return new MonitorClient(h.sandbox.credential(USER_PRINCIPAL), SUB, { endpoint: h.sandbox.endpoint, tlsOptions: { ca: h.sandbox.ca } });
}
