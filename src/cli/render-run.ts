import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Colors } from 'picocolors/types';
import { nameOf, parseArmId, SEVERITY_ORDER, type ActionRecord, type Finding, type JsonValue } from '../model';
import { paintCell, stdoutColours } from './colours';
import { csv } from './format';
import { terminalColumns, type CliIo } from './io';
import type { OutputFormat } from './options';
import { textTable } from './table';
import { UsageError } from './usage-error';

export interface RunOutput {
  readonly findings: readonly Finding[];
  readonly actions: readonly ActionRecord[];
}

export interface TableLook {
  readonly width: number;
  readonly colours?: Colors;
}

/**
 * Prints a scan / replay / idle-shutdown run: `json` one object {findings, actions} (a contract),
 * `csv` one table per stream (findings on stdout; both as files with --output-dir), `table` for people.
 */
/** Output options that cannot work together: refused before the run. */
export function checkOutputOptions(options: { readonly format: OutputFormat; readonly outputDir?: string }): void {
  if (options.outputDir !== undefined && options.format !== 'csv') throw new UsageError('--output-dir writes CSV files: use it with --format csv');
}

export async function printRun(io: CliIo, out: RunOutput, options: { readonly format: OutputFormat; readonly outputDir?: string }): Promise<void> {
  if (options.outputDir !== undefined) {
    const findings = path.join(options.outputDir, 'findings.csv');
    const actions = path.join(options.outputDir, 'actions.csv');
    await writeFile(findings, `${findingsCsv(out.findings)}\n`, 'utf8');
    await writeFile(actions, `${actionsCsv(out.actions)}\n`, 'utf8');
    io.stderr(`wrote ${findings} (${out.findings.length} finding(s)) and ${actions} (${out.actions.length} action(s))\n`);
    return;
  }
  if (options.format === 'csv') {
    io.stdout(`${findingsCsv(out.findings)}\n`);
    if (out.actions.length) io.stderr(`${out.actions.length} action(s) not in this CSV (one table per stream): --output-dir DIR writes findings.csv and actions.csv, --format json has both\n`);
    return;
  }
  io.stdout(`${renderRun(out, options.format, { width: terminalColumns(io), colours: stdoutColours(io) })}\n`);
}

export function renderRun(out: RunOutput, format: 'table' | 'json', look: TableLook): string {
  const findings = sortFindings(out.findings);
  if (format === 'json') return JSON.stringify({ findings, actions: out.actions }, null, 2);
  const c = look.colours;
  const paint = c ? (_i: number, padded: string, raw: string) => paintCell(c, padded, raw) : undefined;
  const table = (headers: string[], rows: string[][]) => textTable(headers, rows, { width: look.width, ...(paint ? { paint } : {}), ...(c ? { paintHeader: c.bold } : {}) });
  const lines: string[] = [];
  const count = (s: Finding['status']) => findings.filter((f) => f.status === s).length;
  lines.push(`Findings: ${count('open')} open, ${count('excepted')} excepted, ${count('resolved')} resolved`);
  if (findings.length) lines.push(table(['SEVERITY', 'RULE', 'STATUS', 'RESOURCE', 'DETAIL'], findings.map((f) => [f.severity, f.ruleId, f.status, shortId(f.resourceId), detail(f)])));
  const planned = out.actions.filter((a) => a.outcome === 'planned').length;
  lines.push('', `Actions: ${out.actions.length}${planned ? ` (${planned} planned: run again with --remediate to make them)` : ''}`);
  if (out.actions.length) lines.push(table(['OUTCOME', 'RULE', 'ACTION', 'RESOURCE', 'CHANGE'], out.actions.map((a) => [a.outcome, a.ruleId, a.action, shortId(a.resourceId), change(a)])));
  return lines.join('\n');
}

function findingsCsv(findings: readonly Finding[]): string {
  return csv(
    ['ruleId', 'resourceId', 'severity', 'status', 'title', 'firstSeen', 'lastSeen', 'resolvedAt', 'exceptionId', 'evidence'],
    sortFindings(findings).map((f) => [f.ruleId, f.resourceId, f.severity, f.status, f.title, f.firstSeen, f.lastSeen, f.resolvedAt ?? '', f.exceptionId ?? '', JSON.stringify(f.evidence)]),
  );
}

function actionsCsv(actions: readonly ActionRecord[]): string {
  return csv(
    ['ruleId', 'resourceId', 'action', 'outcome', 'before', 'after', 'error', 'exceptionId', 'at', 'correlationId'],
    actions.map((a) => [a.ruleId, a.resourceId, a.action, a.outcome, show(a.before), show(a.after), a.error ?? '', a.exceptionId ?? '', a.at, a.correlationId ?? '']),
  );
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  const statusOrder = { open: 0, excepted: 1, resolved: 2 } as const;
  return [...findings].sort(
    (a, b) =>
      statusOrder[a.status] - statusOrder[b.status] ||
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.resourceId.localeCompare(b.resourceId),
  );
}

/**
 * `rg/name` or `rg/workspace/compute`: enough to recognise a resource in a terminal. A resource
 * outside any resource group (a role assignment at subscription scope) is its names alone.
 */
export function shortId(id: string): string {
  try {
    const p = parseArmId(id);
    if (p.names.length === 0) return p.resourceGroup ?? p.subscriptionId;
    return [...(p.resourceGroup ? [p.resourceGroup] : []), ...p.names].join('/');
  } catch {
    return nameOf(id);
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ARM_ID_IN_TEXT = /\/subscriptions\/[^\s"',\]}]+/gi;

/**
 * The evidence for people: ARM ids, wherever they appear, as their names (`rg/ws`); bare GUIDs
 * and role-definition ids left out (their names are there: `role`, `identityOf`). The JSON and
 * CSV output keep everything as it is.
 */
function detail(f: Finding): string {
  const ev = Object.entries(f.evidence)
    .filter(([, v]) => !(typeof v === 'string' && (GUID.test(v) || /\/roleDefinitions\//i.test(v))))
    .map(([k, v]) => `${k}=${show(v).replace(ARM_ID_IN_TEXT, (id) => shortId(id))}`)
    .join(' ');
  const ex = f.exceptionId ? ` (exception ${f.exceptionId})` : '';
  return `${ev}${ex}`;
}

function change(a: ActionRecord): string {
  if (a.error) return a.error;
  if (a.before !== undefined || a.after !== undefined) return `${show(a.before)} -> ${show(a.after)}`.replace(ARM_ID_IN_TEXT, (id) => shortId(id));
  return a.summary;
}

function show(v: JsonValue | undefined): string {
  if (v === undefined) return '';
  if (v === null) return '(missing)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
