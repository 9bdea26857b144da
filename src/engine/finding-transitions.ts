import { parseArmId, type Finding, type JsonValue, type Rule } from '../model';

/** A rule fired: open (or keep open) the finding; `exceptionId` marks it excepted. */
export function observeViolation(
  existing: Finding | undefined,
  rule: Rule,
  resourceId: string,
  evidence: Record<string, JsonValue>,
  remediation: string,
  now: string,
  exceptionId: string | undefined,
): Finding {
  const reopened = !existing || existing.status === 'resolved';
  return {
    ruleId: rule.id,
    resourceId: existing && !reopened ? existing.resourceId : resourceId,
    subscriptionId: parseArmId(resourceId).subscriptionId.toLowerCase(),
    severity: rule.severity,
    status: exceptionId ? 'excepted' : 'open',
    title: rule.title,
    evidence,
    firstSeen: reopened ? now : existing.firstSeen,
    lastSeen: now,
    ...(exceptionId ? { exceptionId } : {}),
    remediation,
  };
}

/** The rule passes, no longer applies, or the resource is gone: resolve an open finding. */
export function resolveFinding(existing: Finding, now: string): Finding {
  const { exceptionId: _dropped, ...rest } = existing;
  return { ...rest, status: 'resolved', lastSeen: now, resolvedAt: now };
}

export function isOpenish(f: Finding): boolean {
  return f.status === 'open' || f.status === 'excepted';
}
