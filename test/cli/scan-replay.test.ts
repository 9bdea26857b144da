import { mkdtempSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspace } from '../support/harness';
import { onlyRules, runCli as runAnyCli } from '../support/cli';

// The contract mechanics, on the foundation rule alone; the full catalog has its own estate test.
const runCli = (argv: readonly string[], env: Record<string, string> = {}) => runAnyCli(argv, { ...onlyRules('AML-WS-001'), ...env });
import { FIXTURES } from '../support/fixtures';
import { tempFiles } from '../support/temp-files';

const SUB = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const { dir, file } = tempFiles('aml-guard-cli-');

const PUBLIC = workspace(SUB, 'rg-a', 'ws-public', { publicNetworkAccess: 'Enabled' });
const PRIVATE = workspace(SUB, 'rg-a', 'ws-private', { publicNetworkAccess: 'Disabled' });
const estate = file('estate.json', [PUBLIC, PRIVATE]);

interface JsonOut {
  findings: { ruleId: string; resourceId: string; severity: string; status: string }[];
  actions: { ruleId: string; resourceId: string; action: string; outcome: string }[];
}

describe('aml-guard scan', () => {
  it('--remediate --format json --sandbox-out: reports, fixes, and writes the fixed estate', async () => {
    const out = path.join(dir, 'after.json');
    const run = await runCli(['scan', '--sandbox', estate, '--remediate', '--format', 'json', '--sandbox-out', out]);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonOut;
    expect(json.findings).toEqual([expect.objectContaining({ ruleId: 'AML-WS-001', resourceId: PUBLIC.id, severity: 'high', status: 'resolved' })]);
    expect(json.actions).toEqual([expect.objectContaining({ ruleId: 'AML-WS-001', resourceId: PUBLIC.id, action: 'set-property', outcome: 'applied' })]);
    const after = JSON.parse(readFileSync(out, 'utf8')) as { id: string; properties: { publicNetworkAccess?: string } }[];
    expect(after.find((r) => r.id === PUBLIC.id)?.properties.publicNetworkAccess).toBe('Disabled');
    expect(after).toHaveLength(2);
  });

  it('without --remediate nothing is written: the fix is planned with its exact change, the estate is unchanged', async () => {
    const out = path.join(dir, 'untouched.json');
    const log = path.join(dir, 'untouched.log');
    const run = await runCli(['scan', '--sandbox', estate, '--format', 'json', '--sandbox-out', out, '--sandbox-log', log]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonOut & { actions: { before?: unknown; after?: unknown }[] };
    expect(json.findings.map((f) => f.status)).toEqual(['open']);
    expect(json.actions).toEqual([expect.objectContaining({ resourceId: PUBLIC.id, action: 'set-property', outcome: 'planned', before: 'Enabled', after: 'Disabled' })]);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(readFileSync(estate, 'utf8')));
    const requests = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { method: string; path: string; apiVersion: string; status: number });
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.method !== 'GET' && !r.path.includes('Microsoft.ResourceGraph'))).toEqual([]);
    // reads only: GETs, and the Resource Graph inventory (a query sent as POST)
    for (const r of requests) expect(r).toEqual(expect.objectContaining({ method: r.path === '/providers/Microsoft.ResourceGraph/resources' ? 'POST' : 'GET', path: expect.any(String), apiVersion: expect.any(String), status: 200 }));
  });

  it('the table says what is planned, fits 100 columns, and has no colour when stdout is not a terminal', async () => {
    const run = await runCli(['scan', '--sandbox', estate], { COLUMNS: '100' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/planned\s+AML-WS-001\s+set-property\s+rg-a\/ws-public\s+Enabled -> Disabled/);
    expect(run.stdout).toMatch(/1 planned: run again with --remediate/);
    for (const line of run.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it('table and csv formats are for people and spreadsheets', async () => {
    const table = await runCli(['scan', '--sandbox', estate]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Findings: 1 open, 0 excepted, 0 resolved/);
    expect(table.stdout).toMatch(/high\s+AML-WS-001\s+open\s+rg-a\/ws-public/);
    const csv = await runCli(['scan', '--sandbox', estate, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('ruleId,resourceId,severity,status,title,firstSeen,lastSeen,resolvedAt,exceptionId,evidence');
    expect(csv.stdout).toContain(`AML-WS-001,${PUBLIC.id},high,open`);
    expect(csv.stdout.trim().split('\n')).toHaveLength(2); // one table per stream: the findings
    expect(csv.stderr).toMatch(/1 action\(s\) not in this CSV .*--output-dir/);
    const outDir = mkdtempSync(path.join(dir, 'csv-'));
    const files = await runCli(['scan', '--sandbox', estate, '--format', 'csv', '--output-dir', outDir]);
    expect(files.code).toBe(0);
    expect(files.stdout).toBe('');
    const findings = readFileSync(path.join(outDir, 'findings.csv'), 'utf8').trim().split('\n');
    expect(findings[0]).toBe(csv.stdout.split('\n')[0]);
    expect(findings.slice(1)).toEqual([expect.stringMatching(new RegExp(`^AML-WS-001,${PUBLIC.id},high,open,`))]);
    const actions = readFileSync(path.join(outDir, 'actions.csv'), 'utf8').trim().split('\n');
    expect(actions[0]).toBe('ruleId,resourceId,action,outcome,before,after,error,exceptionId,at,correlationId');
    expect(actions.slice(1)).toEqual([expect.stringMatching(new RegExp(`^AML-WS-001,${PUBLIC.id},set-property,planned,Enabled,Disabled,`))]);
  });

  it('exit 1 when a remediation fails: a ReadOnly management lock on the resource group refuses the PATCH', async () => {
    const lock = { id: `/subscriptions/${SUB}/resourceGroups/rg-a/providers/Microsoft.Authorization/locks/freeze`, name: 'freeze', type: 'Microsoft.Authorization/locks', properties: { level: 'ReadOnly', notes: 'change freeze' } };
    const locked = file('locked.json', [PUBLIC, PRIVATE, lock]);
    const out = path.join(dir, 'locked-after.json');
    const run = await runCli(['scan', '--sandbox', locked, '--remediate', '--format', 'json', '--sandbox-out', out]);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as JsonOut & { actions: { error?: string }[] };
    expect(json.actions).toEqual([expect.objectContaining({ resourceId: PUBLIC.id, outcome: 'failed', error: expect.stringContaining('ScopeLocked') })]);
    expect(json.findings).toEqual([expect.objectContaining({ resourceId: PUBLIC.id, status: 'open' })]);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { id: string; properties: { publicNetworkAccess?: string } }[]).find((r) => r.id === PUBLIC.id)?.properties.publicNetworkAccess).toBe('Enabled');
  });

  it('--remediate with AMLGUARD_MAX_WRITES_PER_RUN=0 writes nothing and says the cap stopped it', async () => {
    const run = await runCli(['scan', '--sandbox', estate, '--remediate', '--format', 'json'], { AMLGUARD_MAX_WRITES_PER_RUN: '0' });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonOut).actions.map((a) => a.outcome)).toEqual(['skipped-cap']);
  });

  it.each([
    [['scan', '--sandbox', path.join(dir, 'missing.json')], /missing\.json/],
    [['scan', '--sandbox', estate, '--format', 'xml'], /--format <format>' argument 'xml' is invalid\. Allowed choices are table, json, csv/],
    [['scan', '--bogus'], /bogus/],
    [['scan', '--subscription', 'not-a-guid'], /--subscription <id>' argument 'not-a-guid' is invalid\. not a subscription GUID/],
    [['scan', '--sandbox-url', 'https://127.0.0.1:1'], /--sandbox-url needs --sandbox-ca/],
    [['scan', '--sandbox', estate, '--sandbox-out', path.join(dir, 'no-such-folder', 'out.json')], /--sandbox-out .*no-such-folder.*does not exist/],
    [['scan', '--sandbox', estate, '--format', 'csv', '--output-dir', path.join(dir, 'no-such-folder')], /--output-dir <dir>' argument .*no-such-folder' is invalid\. no such folder/],
    [['scan', '--sandbox', estate, '--output-dir', dir], /--output-dir writes CSV files: use it with --format csv/],
    [['scna'], /unknown command 'scna'\n\(Did you mean scan\?\)/],
    [['scan', '--remediat'], /unknown option '--remediat'\n\(Did you mean --remediate\?\)/],
    [[], /Usage: aml-guard \[options\] \[command\]/],
    [['scan', '--sandbox-out', path.join(dir, 'x.json')], /--sandbox-out needs --sandbox/],
    [['scan', '--sandbox', estate], /AMLGUARD_RULE_MODES|ruleModes names unknown rule id\(s\) AML-NOPE-001/, { AMLGUARD_RULE_MODES: 'AML-NOPE-001=audit' }],
    [['scan', '--sandbox', estate], /invalid configuration: AMLGUARD_MODE: /, { AMLGUARD_MODE: 'yolo' }],
    [['nonsense'], /unknown command 'nonsense'/],
  ] as const)('bad input %j exits 2 with a message saying what and where', async (argv, message, env?: Record<string, string>) => {
    const run = await runCli(argv, env ?? {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad estate file names the file and the JSON path of the problem', async () => {
    const bad = file('bad-estate.json', [PUBLIC, { ...PRIVATE, id: '/subscriptions/{subscription-id}/resourceGroups/x' }]);
    const run = await runCli(['scan', '--sandbox', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad-estate.json');
    expect(run.stderr).toMatch(/\[1\]\.id|1\.id/);
  });
});

describe('aml-guard replay', () => {
  const event = (id: string, resourceId: string, operation = 'Microsoft.MachineLearningServices/workspaces/write') => ({
    id,
    eventType: 'Microsoft.Resources.ResourceWriteSuccess',
    subject: resourceId,
    eventTime: '2026-11-25T10:00:00Z',
    dataVersion: '2',
    metadataVersion: '1',
    topic: `/subscriptions/${SUB}`,
    data: { resourceUri: resourceId, operationName: operation, status: 'Succeeded', subscriptionId: SUB, claims: { appid: 'x' } },
  });

  it('processes events through the handler and fixes what they point at', async () => {
    const events = file('events.json', [event('0b1e6b0e-0000-4000-8000-000000000001', PUBLIC.id.replace('resourceGroups', 'resourcegroups')), event('0b1e6b0e-0000-4000-8000-000000000002', PRIVATE.id)]);
    const out = path.join(dir, 'replayed.json');
    const run = await runCli(['replay', events, '--sandbox', estate, '--remediate', '--format', 'json', '--sandbox-out', out]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonOut;
    expect(json.actions).toEqual([expect.objectContaining({ resourceId: PUBLIC.id, outcome: 'applied' })]);
    expect(json.findings).toEqual([expect.objectContaining({ resourceId: PUBLIC.id, status: 'resolved' })]);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { id: string; properties: Record<string, unknown> }[]).find((r) => r.id === PUBLIC.id)?.properties.publicNetworkAccess).toBe('Disabled');
  });

  it('accepts CloudEvents and a single event object', async () => {
    const cloud = { specversion: '1.0', type: 'Microsoft.Resources.ResourceWriteSuccess', source: `/subscriptions/${SUB}`, id: 'c10d0000-0000-4000-8000-000000000001', time: '2026-11-25T10:00:00Z', subject: PUBLIC.id, data: { resourceUri: PUBLIC.id, operationName: 'Microsoft.MachineLearningServices/workspaces/write', status: 'Succeeded' } };
    const run = await runCli(['replay', file('cloud.json', cloud), '--sandbox', estate, '--remediate', '--format', 'json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonOut).actions.map((a) => a.outcome)).toEqual(['applied']);
    const out = path.join(dir, 'replay-planned.json');
    const planned = await runCli(['replay', file('cloud.json', cloud), '--sandbox', estate, '--format', 'json', '--sandbox-out', out]);
    expect(planned.code).toBe(0);
    expect((JSON.parse(planned.stdout) as JsonOut).actions.map((a) => a.outcome)).toEqual(['planned']);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(readFileSync(estate, 'utf8')));
  });

  it('the official samples, with placeholders, are refused with exit 2 naming the field', async () => {
    const sample = path.join(FIXTURES, 'event-grid/subscription/eventgrid-schema/ResourceWriteSuccess.json');
    const run = await runCli(['replay', sample, '--sandbox', estate]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ResourceWriteSuccess\.json: event\[0\]\.\S+: .*placeholder/);
  });

  it.each([
    ['not JSON', '{"id": '],
    ['no event type', [{ id: 'x', subject: PUBLIC.id, data: {} }]],
    ['a number', 42],
  ])('malformed events (%s) exit 2', async (_name, content) => {
    const run = await runCli(['replay', file(`bad-${_name.replace(/\s/g, '')}.json`, content), '--sandbox', estate]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad-\w+\.json: /);
  });

  it('an irrelevant event is acknowledged with zero ARM calls', async () => {
    const vm = event('0b1e6b0e-0000-4000-8000-0000000000ff', `/subscriptions/${SUB}/resourceGroups/rg-a/providers/Microsoft.Compute/virtualMachines/vm1`, 'Microsoft.Compute/virtualMachines/write');
    const run = await runCli(['replay', file('vm.json', [vm]), '--sandbox', estate, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ findings: [], actions: [] });
    expect(run.stderr).toMatch(/ignored 0b1e6b0e-0000-4000-8000-0000000000ff: /);
  });
});
