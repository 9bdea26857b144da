import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amlWs001 } from '../../src/rules/aml-ws-001';
import type { EventGridEvent } from '../../src/sandbox';
import { eventRowKey, inventoryPartitionKey, queueClient } from '../../src/store';
import { rgAndName, startHarness, workspace, type Harness } from '../support/harness';
import type { WorkerDeliver, WorkerInit, WorkerReply } from '../support/guard-worker';
import { testConnection, uniqueTablePrefix } from '../support/store';

/**
 * Two AML Guard instances are two PROCESSES (as Functions scales out): each its own engine, ARM
 * clients and store, sharing one sandbox ARM and one Azurite. They get different events about the
 * same public workspace at the same moment; the sandbox answers every request after 300 ms.
 */
const SUB = 'f2f2f2f2-0000-4000-8000-000000000002';
const WS = workspace(SUB, 'rg-scale', 'ws-shared', { publicNetworkAccess: 'Disabled' });
const TRIALS = 10;
const LATENCY_MS = 300;

const connectionString = (testConnection() as { connectionString: string }).connectionString;
let h: Harness;
let tablePrefix: string;
let queueName: string;
const workers: ChildProcess[] = [];

function startWorker(config: Record<string, unknown>): Promise<ChildProcess> {
  const child = fork(join(__dirname, '../support/guard-worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  workers.push(child);
  const init: WorkerInit = { kind: 'init', endpoint: h.sandbox.endpoint, ca: h.sandbox.ca, connectionString, tablePrefix, queueName, config };
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m: WorkerReply) => (m.kind === 'ready' ? resolve(child) : reject(new Error(JSON.stringify(m)))));
    child.send(init);
  });
}

function deliver(child: ChildProcess, trial: number, message: unknown): Promise<Extract<WorkerReply, { kind: 'done' }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: WorkerReply) => {
      if (m.kind === 'ready' || m.trial !== trial) return;
      child.off('message', onMessage);
      if (m.kind === 'error') reject(new Error(m.error));
      else resolve(m);
    };
    child.on('message', onMessage);
    const msg: WorkerDeliver = { kind: 'deliver', trial, message };
    child.send(msg);
  });
}

/** A user re-opens the workspace (no latency): the event ARM emitted, and a second, different event about it (a private endpoint connection change). */
async function userOpens(trial: number): Promise<[EventGridEvent, EventGridEvent]> {
  h.sandbox.setLatency(0);
  const [rg, name] = rgAndName(WS.id);
  const before = h.sandbox.events.length;
  await h.userMl(SUB).workspaces.beginUpdateAndWait(rg, name, { publicNetworkAccess: 'Enabled' }, { updateIntervalInMs: 5 });
  const event = h.sandbox.events.slice(before).find((e) => e.eventType === 'Microsoft.Resources.ResourceWriteSuccess');
  if (!event) throw new Error('no write event');
  const other: EventGridEvent = {
    ...event,
    id: `0c0c0c0c-0000-4000-8000-${String(trial).padStart(12, '0')}`,
    subject: `${WS.id}/privateEndpointConnections/pec-${trial}`,
    data: { ...event.data, resourceUri: `${WS.id}/privateEndpointConnections/pec-${trial}`, operationName: 'Microsoft.MachineLearningServices/workspaces/privateEndpointConnections/write' },
  };
  h.sandbox.clearRequests();
  return [event, other];
}

const patches = () => h.sandbox.requests.filter((r) => r.method === 'PATCH' && r.path.toLowerCase() === WS.id.toLowerCase());

async function eventStatus(eventId: string): Promise<unknown> {
  const table = TableClient.fromConnectionString(connectionString, h.store.tableNames.inventory, { allowInsecureConnection: true });
  try {
    return (await table.getEntity(inventoryPartitionKey(WS.id), eventRowKey(eventId))).status;
  } catch {
    return undefined;
  }
}

beforeAll(async () => {
  h = await startHarness([WS], { rules: [amlWs001] });
  tablePrefix = h.store.tableNames.inventory.replace(/inventory$/, '');
  queueName = `q${uniqueTablePrefix().toLowerCase()}`;
  await queueClient(testConnection(), queueName).create();
}, 60_000);

afterAll(async () => {
  for (const w of workers) w.kill('SIGKILL');
  await h.close();
});

describe('two instances, one resource', () => {
  it(`different events about the same public workspace, at the same moment, in two processes: exactly one PATCH in each of ${TRIALS} trials, no event lost`, async () => {
    const [a, b] = await Promise.all([startWorker({ deferMaxSeconds: 1 }), startWorker({ deferMaxSeconds: 1 })]);
    const perTrial: number[] = [];
    let deferrals = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const [e1, e2] = await userOpens(trial);
      h.sandbox.setLatency(LATENCY_MS);
      const [ra, rb] = await Promise.all([deliver(a!, trial, [e1]), deliver(b!, trial, [e2])]);
      perTrial.push(patches().length);
      deferrals += ra.deferred + rb.deferred;
      expect([...ra.outcomes, ...rb.outcomes].filter((o) => o === 'applied')).toHaveLength(1);
      expect(h.sandbox.getResource(WS.id)?.properties?.publicNetworkAccess).toBe('Disabled');
      // Both events were handled to the end (the deferred one too): neither is lost nor poisoned.
      expect(await eventStatus(e1.id)).toBe('processed');
      expect(await eventStatus(e2.id)).toBe('processed');
    }
    expect(perTrial).toEqual(Array.from({ length: TRIALS }, () => 1));
    // The lease was contended (one instance deferred its event) in at least some trials.
    expect(deferrals).toBeGreaterThan(0);
    expect(await h.store.poison.list({})).toEqual([]);
  }, 240_000);

  it('the instance handling an event crashes mid-evaluation: its lease lapses, the redelivery is deferred until then and fixes the workspace once', async () => {
    h.sandbox.setLatency(0);
    const config = { deferMaxSeconds: 1, leaseSeconds: 5 };
    for (const crashAfter of ['GET', 'PATCH'] as const) {
      const [crashing, survivor] = await Promise.all([startWorker(config), startWorker(config)]);
      const [event] = await userOpens(100 + (crashAfter === 'GET' ? 0 : 1));
      const intentsBefore = (await h.store.audit.list({})).filter((x) => x.outcome === 'attempting').length;
      h.sandbox.setLatency(150);
      void deliver(crashing, 0, [event]).catch(() => undefined);
      // Kill it once the sandbox has its request (the GET of the evaluation, or the PATCH itself).
      for (let i = 0; i < 200 && !h.sandbox.requests.some((r) => r.method === crashAfter && r.path.toLowerCase() === WS.id.toLowerCase()); i++) await new Promise((r) => setTimeout(r, 10));
      crashing.kill('SIGKILL');
      // The queue redelivers the message the crashed instance was handling.
      const redelivered = await deliver(survivor, 1, [event]);
      expect(redelivered.deferred).toBe(1);
      if (crashAfter === 'GET') expect(patches()).toHaveLength(1);
      // Every PATCH sent, by the crashed instance or the survivor, has its write-ahead audit intent.
      const intents = (await h.store.audit.list({})).filter((x) => x.outcome === 'attempting').length - intentsBefore;
      expect(intents).toBe(patches().length);
      expect(h.sandbox.getResource(WS.id)?.properties?.publicNetworkAccess).toBe('Disabled');
      expect(await eventStatus(event.id)).toBe('processed');
    }
  }, 120_000);
});
