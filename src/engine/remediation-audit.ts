import type { ActionRecord, AuditEntry } from '../model';

/** The audit entry of a remediation decision (its outcome), as every remediation path records it. */
export function remediationAuditEntry(actor: string, record: ActionRecord): AuditEntry {
  return {
    at: record.at,
    category: 'remediation',
    actor,
    ruleId: record.ruleId,
    resourceId: record.resourceId,
    ...(record.subjectId !== undefined ? { subjectId: record.subjectId } : {}),
    action: record.action,
    outcome: record.outcome,
    ...(record.before !== undefined ? { before: record.before } : {}),
    ...(record.after !== undefined ? { after: record.after } : {}),
    ...(record.error ? { error: record.error } : {}),
    ...(record.exceptionId ? { exceptionId: record.exceptionId } : {}),
    ...(record.correlationId ? { correlationId: record.correlationId } : {}),
    summary: record.summary,
  };
}
