import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleCatalogMarkdown, withRuleTable } from '../../src/cli/rule-catalog-markdown';
import { CATALOG } from '../../src/rules/catalog';
import { runCli } from '../support/cli';

describe('aml-guard rules', () => {
  it('the README rule table is the one generated from the catalog (npm run generate)', () => {
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    expect(withRuleTable(readme, ruleCatalogMarkdown(CATALOG))).toBe(readme);
  });

  it('every rule carries id, title, severity, rationale, benchmark, default mode and remediation; ids are unique', () => {
    const ids = CATALOG.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of CATALOG) {
      expect(r.id).toMatch(/^AML-[A-Z]+-\d{3}$/);
      for (const field of [r.title, r.rationale, r.benchmark, r.remediation]) expect(field.trim().length).toBeGreaterThan(1);
      expect(['critical', 'high', 'medium', 'low']).toContain(r.severity);
      expect(['off', 'audit', 'enforce']).toContain(r.defaultMode);
      // Empty appliesTo: a rule that only its own timer runs (AML-CMP-007, the nightly idle shutdown).
      if (r.appliesTo.length === 0) expect(r.id).toBe('AML-CMP-007');
      for (const t of r.appliesTo) expect(t).toBe(t.toLowerCase());
    }
  });

  it('--format json lists the catalog with the effective mode under AMLGUARD_* settings', async () => {
    const run = await runCli(['rules', '--format', 'json'], { AMLGUARD_MODE: 'audit', AMLGUARD_RULE_MODES: 'AML-WS-001=enforce' });
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { id: string; mode: string; defaultMode: string }[];
    expect(rows.map((r) => r.id)).toEqual(CATALOG.map((r) => r.id));
    expect(rows.find((r) => r.id === 'AML-WS-001')?.mode).toBe('enforce');
    for (const r of rows.filter((x) => x.id !== 'AML-WS-001')) expect(r.mode).toBe(r.defaultMode === 'enforce' ? 'audit' : r.defaultMode);
  });

  it('a table for people, and exit 2 naming an unknown rule id in AMLGUARD_RULE_MODES', async () => {
    const table = await runCli(['rules']);
    expect(table.stdout.split('\n')[0]).toMatch(/^RULE\s+SEVERITY\s+MODE/);
    const bad = await runCli(['rules'], { AMLGUARD_RULE_MODES: 'AML-WS-01=off' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('AML-WS-01');
  });
});
