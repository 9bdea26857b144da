import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { runCli } from '../support/cli';
import { testConnection, uniqueTablePrefix } from '../support/store';
import { cluster, computeInstance, hoursBefore, op, workspace } from '../engine/idle-estate';
import { tempFiles } from '../support/temp-files';

const SUB = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const T = '2026-11-25T01:00:00.000Z';
const NOW = new Date(T);
const { dir, file } = tempFiles('aml-guard-idle-');

const WS = workspace(SUB, 'rg-a', 'ws-team', { publicNetworkAccess: 'Disabled' });
const IDLE_LONG = computeInstance(WS.id, 'ci-idle-long', { state: 'Running', lastOperation: op('Start', hoursBefore(NOW, 12)) });
const IDLE = computeInstance(WS.id, 'ci-idle', { state: 'Running', lastOperation: op('Restart', hoursBefore(NOW, 4)) });
const BUSY = computeInstance(WS.id, 'ci-busy', { state: 'JobRunning', lastOperation: op('Start', hoursBefore(NOW, 20)) });
const RECENT = computeInstance(WS.id, 'ci-recent', { state: 'Running', lastOperation: op('Start', hoursBefore(NOW, 1)) });
const CLUSTER = cluster(WS.id, 'cpu-cluster');
const estate = file('estate.json', [WS, IDLE_LONG, IDLE, BUSY, RECENT, CLUSTER]);

interface JsonOut {
  findings: { ruleId: string; resourceId: string; severity: string; status: string }[];
  actions: { ruleId: string; resourceId: string; action: string; outcome: string; before?: string; after?: string; error?: string }[];
}
type Estate = { id: string; properties: { properties?: { state?: string } } }[];
const states = (p: string) => Object.fromEntries((JSON.parse(readFileSync(p, 'utf8')) as Estate).filter((r) => r.id.includes('/computes/')).map((r) => [r.id.split('/').pop(), r.properties.properties?.state]));

describe('aml-guard idle-shutdown', () => {
  it('--remediate --sandbox E --now T --format json --sandbox-out F stops exactly the idle instances', async () => {
    const out = path.join(dir, 'after.json');
    const run = await runCli(['idle-shutdown', '--remediate', '--sandbox', estate, '--now', T, '--format', 'json', '--sandbox-out', out]);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonOut;
    expect(json.actions.map((a) => [a.resourceId, a.ruleId, a.action, a.outcome, a.before, a.after])).toEqual([
      [IDLE_LONG.id, 'AML-CMP-007', 'stop-compute', 'applied', 'Running', 'Stopped'],
      [IDLE.id, 'AML-CMP-007', 'stop-compute', 'applied', 'Running', 'Stopped'],
    ]);
    expect(json.findings.map((f) => [f.resourceId, f.status, f.severity]).sort()).toEqual([[IDLE.id, 'resolved', 'low'], [IDLE_LONG.id, 'resolved', 'low']]);
    expect(states(out)).toEqual({ 'ci-idle-long': 'Stopped', 'ci-idle': 'Stopped', 'ci-busy': 'JobRunning', 'ci-recent': 'Running', 'cpu-cluster': undefined });
  });

  it('AMLGUARD_NOW pins the clock as --now does; --idle-hours widens the window', async () => {
    const run = await runCli(['idle-shutdown', '--remediate', '--sandbox', estate, '--idle-hours', '6', '--format', 'json'], { AMLGUARD_NOW: T });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonOut).actions.map((a) => `${a.outcome}:${a.resourceId.split('/').pop()}`)).toEqual(['applied:ci-idle-long']);
  });

  it('without --remediate nothing is stopped: each stop is planned with its change, the estate is unchanged', async () => {
    const out = path.join(dir, 'planned.json');
    const run = await runCli(['idle-shutdown', '--sandbox', estate, '--now', T, '--format', 'json', '--sandbox-out', out]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonOut;
    expect(json.actions.map((a) => [a.resourceId, a.outcome, a.before, a.after])).toEqual([
      [IDLE_LONG.id, 'planned', 'Running', 'Stopped'],
      [IDLE.id, 'planned', 'Running', 'Stopped'],
    ]);
    expect(json.findings.map((f) => f.status)).toEqual(['open', 'open']);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(readFileSync(estate, 'utf8')));
  });

  it('AMLGUARD_RULE_MODES=AML-CMP-007=audit reports skipped-audit and writes nothing; table and csv formats render', async () => {
    const out = path.join(dir, 'audit.json');
    const table = await runCli(['idle-shutdown', '--sandbox', estate, '--now', T, '--sandbox-out', out], { AMLGUARD_RULE_MODES: 'AML-CMP-007=audit' });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Findings: 2 open/);
    expect(table.stdout).toMatch(/skipped-audit\s+AML-CMP-007\s+stop-compute\s+rg-a\/ws-team\/ci-idle-long/);
    expect(states(out)).toMatchObject({ 'ci-idle-long': 'Running', 'ci-idle': 'Running' });
    const csvRun = await runCli(['idle-shutdown', '--sandbox', estate, '--now', T, '--format', 'csv'], { AMLGUARD_RULE_MODES: 'AML-CMP-007=audit' });
    expect(csvRun.stdout.split('\n')[0]).toBe('ruleId,resourceId,severity,status,title,firstSeen,lastSeen,resolvedAt,exceptionId,evidence');
  });

  it('bad input exits 2 with a message naming the flag', async () => {
    for (const [args, pattern] of [
      [['--now', 'tomorrow'], /--now/],
      [['--idle-hours', '0'], /--idle-hours/],
      [['--idle-hours', 'four'], /--idle-hours/],
      [['--format', 'xml'], /--format/],
      [['--bogus'], /bogus/],
    ] as const) {
      const run = await runCli(['idle-shutdown', '--sandbox', estate, ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(pattern);
    }
    const missing = await runCli(['idle-shutdown', '--sandbox', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
  });

  it('a failing stop among several: the others are stopped and the command exits 1', async () => {
    let stdout = '';
    let stderr = '';
    const conn = testConnection();
    const out = path.join(dir, 'failed.json');
    const code = await main(
      ['idle-shutdown', '--remediate', '--sandbox', estate, '--now', T, '--format', 'json', '--sandbox-out', out],
      {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        env: { AMLGUARD_STORAGE_CONNECTION_STRING: conn.kind === 'connection-string' ? conn.connectionString : '', AMLGUARD_TABLE_PREFIX: uniqueTablePrefix(), AMLGUARD_LRO_POLL_MS: '5' },
      },
      { onSandbox: (s) => s.injectFault({ method: 'POST', pathPattern: /\/computes\/ci-idle-long\/stop$/, status: 409, code: 'ComputeBusy', message: 'a node is still busy', failOperation: true }) },
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/stopping .*ci-idle-long failed/);
    const json = JSON.parse(stdout) as JsonOut;
    expect(json.actions.map((a) => `${a.outcome}:${a.resourceId.split('/').pop()}`)).toEqual(['failed:ci-idle-long', 'applied:ci-idle']);
    expect(json.actions[0]?.error).toMatch(/ComputeBusy|a node is still busy/);
    expect(states(out)).toMatchObject({ 'ci-idle-long': 'Running', 'ci-idle': 'Stopped' });
  });
});
