import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { onlyRules, runCli } from '../support/cli';
import { uniqueTablePrefix } from '../support/store';
import { workspace } from '../support/harness';
import { tempFiles } from '../support/temp-files';

const BIN = path.join(__dirname, '../../bin/aml-guard.js');
const SUB = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const { dir, file } = tempFiles('aml-guard-sandbox-server-');

const PUBLIC = workspace(SUB, 'rg-a', 'ws-public', { publicNetworkAccess: 'Enabled' });
const PRIVATE = workspace(SUB, 'rg-a', 'ws-private', { publicNetworkAccess: 'Disabled' });
const estate = file('estate.json', [PUBLIC, PRIVATE]);

interface Ready {
  readonly endpoint: string;
  readonly ca: string;
}

/** `aml-guard sandbox ARGS` as its own process; resolves with its ready line. */
function startServer(args: readonly string[]): { child: ChildProcess; ready: Promise<Ready>; exited: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, 'sandbox', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<Ready>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as Ready));
    void exited.then((code) => reject(new Error(`sandbox exited ${code} before it was ready: ${stderr}`)));
  });
  return { child, ready, exited, stderr: () => stderr };
}

type LogLine = { method: string; path: string; apiVersion: string | null; status: number };
const readLog = (p: string) => readFileSync(p, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LogLine);

describe('aml-guard sandbox (a server of its own)', () => {
  it('serves until SIGTERM: a plan-only scan writes nothing, a --remediate scan fixes through an injected fault; --out and --log on stop', async () => {
    const out = path.join(dir, 'out.json');
    const log = path.join(dir, 'requests.jsonl');
    const faults = file('faults.json', [{ method: 'PATCH', pathPattern: '/workspaces/ws-public$', status: 503, code: 'ServiceUnavailable', message: 'try again', times: 1 }]);
    const server = startServer(['--estate', estate, '--port', '0', '--out', out, '--log', log, '--faults', faults, '--latency', '5', '--rate-limit', '250:25:200:10']);
    try {
      const { endpoint, ca } = await server.ready;
      expect(endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(readFileSync(ca, 'utf8')).toContain('-----BEGIN CERTIFICATE-----');
      const remote = ['--sandbox-url', endpoint, '--sandbox-ca', ca, '--format', 'json'];
      // both runs share one store (AMLGUARD_STORAGE_CONNECTION_STRING, same tables): the second sees the first's finding
      const env = { ...onlyRules('AML-WS-001'), AMLGUARD_SUBSCRIPTIONS: SUB, AMLGUARD_TABLE_PREFIX: uniqueTablePrefix() };
      type Out = { findings: { status: string; firstSeen: string }[]; actions: { outcome: string }[] };

      const plan = await runCli(['scan', ...remote], env);
      expect(plan.code, plan.stderr).toBe(0);
      const planned = JSON.parse(plan.stdout) as Out;
      expect(planned.actions.map((a) => a.outcome)).toEqual(['planned']);

      const fixed = await runCli(['scan', ...remote, '--remediate'], env);
      expect(fixed.code, fixed.stderr).toBe(0);
      const applied = JSON.parse(fixed.stdout) as Out;
      expect(applied.actions.map((a) => a.outcome)).toEqual(['applied']);
      expect(applied.findings).toEqual([expect.objectContaining({ status: 'resolved', firstSeen: planned.findings[0]!.firstSeen })]);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    const after = JSON.parse(readFileSync(out, 'utf8')) as { id: string; properties: { publicNetworkAccess: string } }[];
    expect(after.map((r) => [r.id, r.properties.publicNetworkAccess])).toEqual([
      [PUBLIC.id, 'Disabled'],
      [PRIVATE.id, 'Disabled'],
    ]);
    const requests = readLog(log);
    for (const r of requests) expect(Object.keys(r)).toEqual(expect.arrayContaining(['method', 'path', 'apiVersion', 'status']));
    // the plan-only scan sent no write; the fix: the injected 503, then the SDK's retry, accepted (202, long-running)
    // then the notification of the fix, published to the sandbox's Event Grid topic (the Resource Graph inventory is a read sent as POST)
    const notGraph = requests.filter((r) => !r.path.includes('Microsoft.ResourceGraph'));
    expect(notGraph.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.status}`)).toEqual(['PATCH 503', 'PATCH 202', 'POST 200']);
    expect(notGraph.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/eventgrid/topics/aml-guard/api/events']);
    expect(requests.find((r) => r.method === 'PATCH')?.path).toBe(PUBLIC.id);
    expect(server.stderr()).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('bad input exits 2 naming what and where, before serving', async () => {
    const notArray = file('faults-object.json', { status: 500 });
    const badEntry = file('faults-bad.json', [{ status: 503, code: 'X', message: 'm' }, { status: 200, code: 'Y', message: 'm' }]);
    const badPattern = file('faults-pattern.json', [{ pathPattern: '(', status: 500, code: 'X', message: 'm' }]);
    for (const [args, message] of [
      [['--faults', notArray], /faults file .*faults-object\.json: \(top level\): .*expected a JSON array/],
      [['--faults', badEntry], /faults file .*faults-bad\.json: \[1\]\.status: /],
      [['--faults', badPattern], /faults file .*faults-pattern\.json: \[0\]\.pathPattern: a valid regular expression/],
      [['--rate-limit', '10'], /--rate-limit .*READS_BURST:READS_PER_S/],
      [['--rate-limit', '10:0'], /--rate-limit/],
      [['--out', path.join(dir, 'missing', 'o.json')], /--out .*missing.* does not exist/],
      [['--port', 'x'], /--port/],
    ] as const) {
      const run = await runCli(['sandbox', '--estate', estate, ...args]);
      expect([run.code, run.stderr], args.join(' ')).toEqual([2, expect.stringMatching(message)]);
    }
    const noEstate = await runCli(['sandbox']);
    expect([noEstate.code, noEstate.stderr]).toEqual([2, expect.stringMatching(/required option '--estate <estate.json>'/)]);
    const missing = await runCli(['sandbox', '--estate', path.join(dir, 'nope.json')]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/nope\.json: cannot read/)]);
    expect(existsSync(path.join(dir, 'missing'))).toBe(false);
  });
});
