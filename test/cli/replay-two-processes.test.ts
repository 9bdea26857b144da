import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { egEvent } from '../events/helpers';
import { onlyRules } from '../support/cli';
import { workspace } from '../support/harness';
import { testConnection, uniqueTablePrefix } from '../support/store';
import { tempFiles } from '../support/temp-files';

/**
 * The issue's own acceptance run: two `aml-guard replay` processes given different events about
 * the same public workspace, at the same moment, against one `aml-guard sandbox --latency 300`
 * and one Azurite: exactly one PATCH, in every trial (one workspace per trial, counted in the
 * sandbox's request log).
 */
const BIN = path.join(__dirname, '../../bin/aml-guard.js');
const SUB = '7e7e7e7e-0000-4000-8000-000000000007';
const TRIALS = 4;
const WORKSPACES = Array.from({ length: TRIALS }, (_, i) => workspace(SUB, 'rg-two', `ws-trial-${i}`, { publicNetworkAccess: 'Enabled' }));
const { dir, file } = tempFiles('aml-guard-two-replays-');

function run(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('two replay processes, one sandbox server, one Azurite', () => {
  it(`different events about the same public workspace at the same moment: exactly one PATCH in each of ${TRIALS} trials`, async () => {
    const log = path.join(dir, 'requests.jsonl');
    const server: ChildProcess = spawn(process.execPath, [BIN, 'sandbox', '--estate', file('estate.json', WORKSPACES), '--latency', '300', '--log', log], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    try {
      const { endpoint, ca } = await new Promise<{ endpoint: string; ca: string }>((resolve, reject) => {
        createInterface({ input: server.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { endpoint: string; ca: string }));
        void exited.then((code) => reject(new Error(`sandbox exited ${code}`)));
      });
      const conn = testConnection();
      const env = {
        ...onlyRules('AML-WS-001'),
        AMLGUARD_STORAGE_CONNECTION_STRING: conn.kind === 'connection-string' ? conn.connectionString : '',
        AMLGUARD_TABLE_PREFIX: uniqueTablePrefix(),
        AMLGUARD_LRO_POLL_MS: '5',
      };
      for (let i = 0; i < TRIALS; i++) {
        const id = WORKSPACES[i]!.id;
        const write = file(`write-${i}.json`, [egEvent({ id: `1e1e1e1e-0000-4000-8000-00000000000${i}`, subject: id, data: { subscriptionId: SUB, operationName: 'Microsoft.MachineLearningServices/workspaces/write' } })]);
        const connection = `${id}/privateEndpointConnections/pec-${i}`;
        const other = file(`pec-${i}.json`, [egEvent({ id: `2e2e2e2e-0000-4000-8000-00000000000${i}`, subject: connection, data: { subscriptionId: SUB, operationName: 'Microsoft.MachineLearningServices/workspaces/privateEndpointConnections/write' } })]);
        const remote = ['--sandbox-url', endpoint, '--sandbox-ca', ca, '--remediate', '--format', 'json'];
        const [a, b] = await Promise.all([run(['replay', write, ...remote], env), run(['replay', other, ...remote], env)]);
        expect(a.code, a.stderr).toBe(0);
        expect(b.code, b.stderr).toBe(0);
        const outcomes = [a, b].flatMap((r) => (JSON.parse(r.stdout) as { actions: { outcome: string }[] }).actions.map((x) => x.outcome));
        expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
      }
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { method: string; path: string });
    const patchesPerWorkspace = WORKSPACES.map((w) => lines.filter((l) => l.method === 'PATCH' && l.path.toLowerCase() === w.id.toLowerCase()).length);
    expect(patchesPerWorkspace).toEqual(WORKSPACES.map(() => 1));
  }, 180_000);
});
