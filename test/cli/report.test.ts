import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { barChart } from '../../src/cli/commands/report';
import { runCli } from '../support/cli';
import { workspace } from '../support/harness';
import { uniqueTablePrefix } from '../support/store';

const SUB = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const dir = mkdtempSync(path.join(tmpdir(), 'aml-guard-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PUBLIC = workspace(SUB, 'rg-a', 'ws-public', { publicNetworkAccess: 'Enabled' });
const PRIVATE = workspace(SUB, 'rg-a', 'ws-private', { publicNetworkAccess: 'Disabled' });
const estate = path.join(dir, 'estate.json');
writeFileSync(estate, JSON.stringify([PUBLIC, PRIVATE]));

const CONTRACT = ['workspacesTotal', 'workspacesPublicAccessDisabledPct', 'computeTotal', 'computeWithPublicIp', 'openFindingsBySeverity', 'openFindingsByRule', 'mttrHours', 'remediationsByOutcome', 'activeExceptions'];

describe('aml-guard report', () => {
  it('--sandbox E --format json: a read-only sweep first, then every contract field', async () => {
    const run = await runCli(['report', '--sandbox', estate, '--format', 'json']);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(run.code).toBe(0);
    const kpis = JSON.parse(run.stdout) as Record<string, unknown>;
    for (const field of CONTRACT) expect(kpis, field).toHaveProperty(field);
    expect(kpis.openFindingsByRule).toMatchObject({ 'AML-WS-001': 1 });
    expect(kpis.openFindingsBySeverity).toMatchObject({ high: expect.any(Number), critical: 0 });
    expect(kpis.remediationsByOutcome).not.toHaveProperty('applied'); // read-only
    expect(kpis.mttrHours).toBeNull();
    expect(kpis.workspacesTotal).toBe(2);
    expect(kpis.workspacesPublicAccessDisabledPct).toBe(50);
    expect(typeof kpis.activeExceptions).toBe('number');
  });

  it('table output: the KPIs at a glance and bar charts by severity and by rule; csv: metric,value rows', async () => {
    const table = await runCli(['report', '--sandbox', estate]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/AML Guard KPIs/);
    expect(table.stdout).toMatch(/Open findings by severity\n {2}critical {2}0\n {2}high {6}█+ 1/);
    expect(table.stdout).toMatch(/Open findings by rule\n(.*\n)* {2}AML-WS-001 +█+ 1/);
    const csvRun = await runCli(['report', '--sandbox', estate, '--format', 'csv']);
    expect(csvRun.stdout.split('\n')[0]).toBe('metric,value');
    expect(csvRun.stdout).toMatch(/^openFindingsBySeverity\.high,\d+$/m);
    expect(csvRun.stdout).toMatch(/^openFindingsByRule\.AML-WS-001,1$/m);
  });

  it('--since narrows the window; a bad --since exits 2', async () => {
    const run = await runCli(['report', '--sandbox', estate, '--format', 'json', '--since', '2026-01-01T00:00:00Z']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { window: { since: string } }).window.since).toBe('2026-01-01T00:00:00.000Z');
    const bad = await runCli(['report', '--sandbox', estate, '--since', 'last week']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since/);
  });

  it('counts remediations, not the write-ahead intents nor plans: a fix is one `applied`; without a sandbox it reads the store only', async () => {
    const shared = { AMLGUARD_TABLE_PREFIX: uniqueTablePrefix() };
    expect((await runCli(['scan', '--sandbox', estate], shared)).code).toBe(0);
    expect((await runCli(['scan', '--sandbox', estate, '--remediate'], shared)).code).toBe(0);
    const run = await runCli(['report', '--format', 'json'], shared);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { remediationsByOutcome: Record<string, number> }).remediationsByOutcome).toEqual({ applied: 1 });
  });

  it('barChart scales to the largest count and shows (none) when empty', () => {
    expect(barChart([['high', 4], ['low', 1], ['medium', 0]], 8)).toBe('  high    ████████ 4\n  low     ██ 1\n  medium  0');
    expect(barChart([['high', 0]])).toBe('  (none)');
  });
});
