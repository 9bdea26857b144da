import type { ActionRecord, ArmResource, Finding } from '../model';

/** What one invocation or CLI run did: the findings it touched and the remediation decisions. */
export interface RunResult {
  findings: Finding[];
  actions: ActionRecord[];
  /** Events acknowledged without evaluation, with the reason. */
  ignored: { eventId?: string; reason: string }[];
  /** Resources that could not be evaluated (read failures), with the reason. */
  errors: { resourceId?: string; error: string }[];
  /** Ids the evaluated resources point at that a sweep should evaluate too (computes, linked storage, ...). */
  discovered: string[];
  /** Snapshots of some discovered resources, already read by a list call. */
  discoveredSnapshots: ArmResource[];
  /** Events left for later: their resource is leased by another invocation (until `until`). */
  deferred: { eventId: string; resourceId: string; until: string }[];
}

export function emptyRunResult(): RunResult {
  return { findings: [], actions: [], ignored: [], errors: [], discovered: [], discoveredSnapshots: [], deferred: [] };
}

export function mergeInto(target: RunResult, more: RunResult): RunResult {
  target.findings.push(...more.findings);
  target.actions.push(...more.actions);
  target.ignored.push(...more.ignored);
  target.errors.push(...more.errors);
  target.discovered.push(...more.discovered);
  target.discoveredSnapshots.push(...more.discoveredSnapshots);
  target.deferred.push(...more.deferred);
  return target;
}

/** The last word on each (resource, rule): later evaluations in one run supersede earlier ones. */
export function latestFindings(findings: readonly Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of findings) byKey.set(`${f.resourceId.toLowerCase()}|${f.ruleId}`, f);
  return [...byKey.values()];
}

/** A remediation failed, or something could not be read or listed (it was reported, not judged): exit code 1. */
export function hasFailures(result: RunResult): boolean {
  return result.errors.length > 0 || result.actions.some((a) => a.outcome === 'failed');
}
