import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, queueClient, type StorageConnection } from '../../src/store';
import { AZURITE_NOT_INSTALLED, azuriteBin, startAzurite } from '../../src/store/azurite';
import { WS, finding } from './fixtures';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function accepts(endpoint: string): Promise<boolean> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve) => {
    const s = net.connect({ host: hostname, port: Number(port) });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

describe('startAzurite', () => {
  it('persists tables under `location` across a stop and a new start', async () => {
    const location = mkdtempSync(path.join(os.tmpdir(), 'amlguard-persist-'));
    dirs.push(location);
    const first = await startAzurite({ location });
    const conn: StorageConnection = { kind: 'connection-string', connectionString: first.connectionString };
    const f = finding();
    try {
      const store = await openStore(conn, { tablePrefix: 'persist' });
      await store.findings.upsert([f]);
      await store.state.set('k', 'v');
      await queueClient(conn, 'persisted').create();
      await queueClient(conn, 'persisted').sendMessage('hello');
    } finally {
      await first.stop();
    }
    expect(await accepts(first.tableEndpoint)).toBe(false);
    expect(await accepts(first.queueEndpoint)).toBe(false);

    const second = await startAzurite({ location });
    try {
      const conn2: StorageConnection = { kind: 'connection-string', connectionString: second.connectionString };
      const store = await openStore(conn2, { tablePrefix: 'persist' });
      expect(await store.findings.get(WS, f.ruleId)).toEqual(f);
      expect(await store.state.get('k')).toBe('v');
      const peeked = await queueClient(conn2, 'persisted').peekMessages();
      expect(peeked.peekedMessageItems.map((m) => m.messageText)).toEqual(['hello']);
    } finally {
      await second.stop();
    }
  });

  it('in memory: starts on free ports, stop() is idempotent and frees them', async () => {
    const a = await startAzurite();
    expect(a.tableEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1$/);
    expect(a.connectionString).toContain(`TableEndpoint=${a.tableEndpoint}`);
    expect(await accepts(a.tableEndpoint)).toBe(true);
    await Promise.all([a.stop(), a.stop()]);
    expect(await accepts(a.tableEndpoint)).toBe(false);
    expect(await accepts(a.queueEndpoint)).toBe(false);
  });

  it('resolves the CLI through the package bin map, and says how to install it when missing', () => {
    expect(azuriteBin('azurite-table')).toMatch(/azurite[\\/]dist[\\/]src[\\/]table[\\/]main\.js$/);
    expect(() => azuriteBin('azurite-nope')).toThrow(AZURITE_NOT_INSTALLED);
  });
});
