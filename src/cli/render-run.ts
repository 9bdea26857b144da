import { nameOf, parseArmId, SEVERITY_ORDER, type ActionRecord, type Finding, type JsonValue } from '../model';
import { csv, textTable, type OutputFormat } from './format';

export interface RunOutput {
  readonly findings: readonly Finding[];
  readonly actions: readonly ActionRecord[];
}

/** The `--format` rendering of a scan / replay / idle-shutdown run (json shape is a contract). */
export function renderRun(out: RunOutput, format: OutputFormat): string {
  const findings = sortFindings(out.findings);
  if (format === 'json') return JSON.stringify({ findings, actions: out.actions }, null, 2);
  if (format === 'csv') {
    return [
      csv(['ruleId', 'resourceId', 'severity', 'status', 'title', 'firstSeen', 'lastSeen', 'resolvedAt', 'exceptionId', 'evidence'],
        findings.map((f) => [f.ruleId, f.resourceId, f.severity, f.status, f.title, f.firstSeen, f.lastSeen, f.resolvedAt ?? '', f.exceptionId ?? '', JSON.stringify(f.evidence)])),
      '',
      csv(['ruleId', 'resourceId', 'action', 'outcome', 'before', 'after', 'error', 'exceptionId', 'at', 'correlationId'],
        out.actions.map((a) => [a.ruleId, a.resourceId, a.action, a.outcome, show(a.before), show(a.after), a.error ?? '', a.exceptionId ?? '', a.at, a.correlationId ?? ''])),
    ].join('\n');
  }
  const lines: string[] = [];
  const count = (s: Finding['status']) => findings.filter((f) => f.status === s).length;
  lines.push(`Findings: ${count('open')} open, ${count('excepted')} excepted, ${count('resolved')} resolved`);
  if (findings.length) {
    lines.push(
      textTable(
        ['SEVERITY', 'RULE', 'STATUS', 'RESOURCE', 'DETAIL'],
        findings.map((f) => [f.severity, f.ruleId, f.status, shortId(f.resourceId), detail(f)]),
      ),
    );
  }
  lines.push('', `Actions: ${out.actions.length}`);
  if (out.actions.length) {
    lines.push(
      textTable(
        ['OUTCOME', 'RULE', 'ACTION', 'RESOURCE', 'CHANGE'],
        out.actions.map((a) => [a.outcome, a.ruleId, a.action, shortId(a.resourceId), change(a)]),
      ),
    );
  }
  return lines.join('\n');
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

/** `rg/name` or `rg/workspace/compute`: enough to recognise a resource in a terminal. */
export function shortId(id: string): string {
  try {
    const p = parseArmId(id);
    return [p.resourceGroup ?? p.subscriptionId, ...p.names].join('/');
  } catch {
    return nameOf(id);
  }
}

function detail(f: Finding): string {
  const ev = Object.entries(f.evidence).map(([k, v]) => `${k}=${show(v)}`).join(' ');
  const ex = f.exceptionId ? ` (exception ${f.exceptionId})` : '';
  return `${ev}${ex}`;
}

function change(a: ActionRecord): string {
  if (a.error) return a.error;
  if (a.before !== undefined || a.after !== undefined) return `${show(a.before)} -> ${show(a.after)}`;
  return a.summary;
}

function show(v: JsonValue | undefined): string {
  if (v === undefined) return '';
  if (v === null) return '(missing)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
