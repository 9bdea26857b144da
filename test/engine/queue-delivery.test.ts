import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEventQueue } from '../../src/cli/local-queue';
import { handleQueueMessage } from '../../src/engine';
import { amlWs001 } from '../../src/rules/aml-ws-001';
import { queueClient } from '../../src/store';
import { rgAndName, startHarness, workspace, type Harness } from '../support/harness';
import { testConnection, uniqueTablePrefix } from '../support/store';

const SUB = 'e1e1e1e1-0000-4000-8000-00000000000e';
const WS = workspace(SUB, 'rg-q', 'ws-queue', { publicNetworkAccess: 'Disabled' });

let h: Harness;
beforeAll(async () => {
  h = await startHarness([WS], { rules: [amlWs001] });
});
afterAll(() => h.close());

async function userOpens(): Promise<unknown> {
  const [rg, name] = rgAndName(WS.id);
  const before = h.sandbox.events.length;
  await h.userMl(SUB).workspaces.beginUpdateAndWait(rg, name, { publicNetworkAccess: 'Enabled' }, { updateIntervalInMs: 5 });
  return h.sandbox.events.slice(before).find((e) => e.eventType === 'Microsoft.Resources.ResourceWriteSuccess');
}

describe('queue delivery', () => {
  it('a malformed message is kept in the poison table with its reason and acknowledged (no retry storm)', async () => {
    const result = await handleQueueMessage(h.ctx, 'eyJub3QiOiAiYW4gZXZlbnQifQ==', { source: 'test', messageId: 'm-1' });
    expect(result.errors).toEqual([{ error: expect.stringMatching(/malformed message: .*eventType|specversion/) }]);
    const kept = await h.store.poison.list({});
    expect(kept).toEqual([expect.objectContaining({ source: 'test', messageId: 'm-1', reason: expect.stringMatching(/eventType|specversion/) })]);
  });

  it('a failed Table Storage write fails the invocation, and the redelivery is processed (nothing lost)', async () => {
    const event = await userOpens();
    const audit = TableClient.fromConnectionString((testConnection() as { connectionString: string }).connectionString, h.store.tableNames.audit, { allowInsecureConnection: true });
    await audit.deleteTable();
    h.sandbox.clearRequests();
    try {
      await expect(handleQueueMessage(h.ctx, [event], { source: 'test' })).rejects.toThrow(/audit/);
      // Write-ahead audit: the intent could not be recorded, so ARM was not touched.
      expect(h.writes()).toEqual([]);
    } finally {
      await audit.createTable();
    }
    const retried = await handleQueueMessage(h.ctx, [event], { source: 'test' });
    expect(retried.ignored).toEqual([]);
    expect(retried.actions).toEqual([expect.objectContaining({ outcome: 'applied' })]);
    expect((await h.store.audit.list({})).map((a) => a.outcome).sort()).toEqual(['applied', 'attempting']);
  });

  it('through a storage queue (base64, as Event Grid delivers): fixed; an ARM outage is retried, then kept as poison with its reason', async () => {
    const queue = queueClient(testConnection(), `q${uniqueTablePrefix().toLowerCase()}`);
    await queue.create();
    const local = new LocalEventQueue(queue, 3);
    await local.enqueue([await userOpens()]);
    const fixed = await local.drain(h.ctx);
    expect(fixed.actions.map((a) => a.outcome)).toContain('applied');
    expect(h.sandbox.getResource(WS.id)?.properties?.publicNetworkAccess).toBe('Disabled');

    const event = await userOpens();
    h.sandbox.injectFault({ method: 'GET', pathPattern: /ws-queue/, status: 503, code: 'ServiceUnavailable', message: 'ARM is down', times: 1000 });
    try {
      await local.enqueue([event]);
      const down = await local.drain(h.ctx);
      expect(down.errors).toHaveLength(3);
      const kept = (await h.store.poison.list({})).filter((p) => p.source === queue.name);
      expect(kept).toEqual([expect.objectContaining({ reason: expect.stringMatching(/503|ServiceUnavailable|ARM is down/) })]);
      expect((await queue.receiveMessages()).receivedMessageItems).toEqual([]);
    } finally {
      h.sandbox.clearFaults();
    }
  });
});
