import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { textTable, wrap } from '../../src/cli/table';
import { onlyRules, runCli } from '../support/cli';
import { workspace } from '../support/harness';

const SUB = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const dir = mkdtempSync(path.join(tmpdir(), 'aml-guard-terminal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const estate = path.join(dir, 'estate.json');
writeFileSync(estate, JSON.stringify([workspace(SUB, 'rg-a', 'ws-public', { publicNetworkAccess: 'Enabled' }), workspace(SUB, 'rg-a', 'ws-private', { publicNetworkAccess: 'Disabled' })]));

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
const visible = (s: string) => s.replace(ANSI, '');

describe('output on a terminal', () => {
  it('colours severities and outcomes on a TTY, within the width; a progress line on stderr instead of one line per step', async () => {
    const run = await runCli(['scan', '--sandbox', estate], onlyRules('AML-WS-001'), { tty: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(ANSI);
    expect(run.stdout).toContain('\u001b[31mhigh\u001b[39m');
    expect(run.stdout).toContain('\u001b[36mplanned\u001b[39m');
    for (const line of run.stdout.split('\n')) expect(visible(line).length, line).toBeLessThanOrEqual(100);
    // a bar of subscriptions swept, with what happens now (redrawn at most 10 times a second: the first and last drawings are certain)
    expect(visible(run.stderr)).toMatch(/scan: subscriptions: /);
    expect(visible(run.stderr)).toMatch(/scan: subscriptions \[█{24}\] 1\/1 \S/);
    expect(run.stderr).not.toMatch(/^subscription .*workspace\(s\)\n/m);
  });

  it('never with NO_COLOR, and never when stdout is not a terminal', async () => {
    const noColor = await runCli(['scan', '--sandbox', estate], { ...onlyRules('AML-WS-001'), NO_COLOR: '1' }, { tty: true });
    expect(noColor.code).toBe(0);
    expect(noColor.stdout).not.toMatch(ANSI);
    const piped = await runCli(['scan', '--sandbox', estate], onlyRules('AML-WS-001'));
    expect(piped.stdout).not.toMatch(ANSI);
    expect(piped.stderr).toMatch(/^subscription 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d: 2 workspace\(s\)$/m);
  });
});

describe('tables that fit', () => {
  const rows = [
    ['high', 'AML-WS-001', 'rg-a/ws-public', 'publicNetworkAccess=Enabled and a much longer explanation that has to wrap onto further lines'],
    ['low', 'AML-GOV-001', 'rg-a/a-resource-with-a-rather-long-name/and-a-child', 'missingTags=["owner"]'],
  ];

  it('wraps the detail column, never the identity columns, and no line is wider than the terminal', () => {
    const table = textTable(['SEVERITY', 'RULE', 'RESOURCE', 'DETAIL'], rows, { width: 100 });
    for (const line of table.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(table).toContain('rg-a/a-resource-with-a-rather-long-name/and-a-child');
    expect(table.replace(/\s+/g, ' ')).toContain('publicNetworkAccess=Enabled and a much longer explanation that has to wrap onto further lines');
  });

  it('narrow terminals: the detail goes under its row; an over-long word is broken, not cut', () => {
    const table = textTable(['SEVERITY', 'RULE', 'RESOURCE', 'DETAIL'], rows, { width: 60 });
    const lines = table.split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(60);
    expect(lines[1]).toMatch(/^high\s+AML-WS-001\s+rg-a\/ws-public$/);
    expect(lines[2]).toMatch(/^ {4}publicNetworkAccess=Enabled/);
    expect(wrap('abcdefghij klm', 4)).toEqual(['abcd', 'efgh', 'ij', 'klm']);
  });
});
