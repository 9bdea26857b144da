import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeMessage } from '../../src/events/decode-message';
import { openStore, queueClient, type GuardStore } from '../../src/store';
import { runCli } from '../support/cli';
import { testConnection, uniqueTablePrefix } from '../support/store';

const EVENT_TEXT = readFileSync(path.resolve(__dirname, '../fixtures/event-grid/subscription/eventgrid-schema/ResourceWriteSuccess.json'), 'utf8');
const prefix = uniqueTablePrefix();
const queueName = `q${prefix.toLowerCase()}`;
const env = { AMLGUARD_TABLE_PREFIX: prefix, AMLGUARD_EVENTS_QUEUE: queueName };
let store: GuardStore;
let eventId: string;
let malformedId: string;

beforeAll(async () => {
  store = await openStore(testConnection(), { tablePrefix: prefix });
  await queueClient(testConnection(), queueName).create();
  // As the handlers keep them: a message out of deliveries (base64, as the queue carried it) and a malformed one.
  eventId = await store.poison.keep({ source: queueName, messageId: 'm-1', dequeueCount: 5, body: Buffer.from(EVENT_TEXT).toString('base64'), reason: 'failed 5 deliveries; last error: ARM is down', at: new Date().toISOString() });
  malformedId = await store.poison.keep({ source: queueName, messageId: 'm-2', dequeueCount: 1, body: 'not an event', reason: 'malformed message: message is not JSON', at: new Date().toISOString() });
});

describe('aml-guard poison', () => {
  it('list: every kept message with its id, reason and deliveries (json and table)', async () => {
    const json = await runCli(['poison', 'list', '--format', 'json'], env);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as { id: string; reason: string; dequeueCount: number | null; replayedAt: string | null }[];
    expect(rows.map((r) => [r.id, r.dequeueCount, r.replayedAt]).sort()).toEqual([[eventId, 5, null], [malformedId, 1, null]].sort());
    const table = await runCli(['poison', 'list'], env);
    expect(table.stdout).toContain('last error: ARM is down');
    expect(table.stdout).toContain(eventId);
  });

  it('replay: puts the event back on the events queue as Event Grid delivers it (base64 JSON) and records when', async () => {
    const r = await runCli(['poison', 'replay', eventId], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(new RegExp(`replayed ${eventId}: 1 event\\(s\\) put back on queue ${queueName}`));
    const { receivedMessageItems: [message] } = await queueClient(testConnection(), queueName).receiveMessages();
    expect(decodeMessage(Buffer.from(message!.messageText, 'base64').toString('utf8'))).toEqual(decodeMessage(EVENT_TEXT));
    expect((await store.poison.get(eventId))?.replayedAt).toMatch(/^\d{4}-/);
  });

  it('bad input: an unknown id, a malformed body, no subcommand -> exit 2 saying what', async () => {
    const unknown = await runCli(['poison', 'replay', '0000000000000000-00000000000000000000000000000000'], env);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringMatching(/no poison message/)]);
    const malformed = await runCli(['poison', 'replay', malformedId], env);
    expect([malformed.code, malformed.stderr]).toEqual([2, expect.stringMatching(/does not parse .*aml-guard replay FILE/)]);
    expect((await runCli(['poison'], env)).code).toBe(2);
  });
});
