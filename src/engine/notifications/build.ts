/** Decisions -> notifications (pure): what each CloudEvent says, and whom it concerns (the ownership tag). */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { jsonValueSchema, sameId, type ActionRecord, type ArmResource, type Finding, type GuardConfig, type GuardException, type JsonValue, type Notification, type NotificationType, type Rule } from '../../model';

/** Ids sort by creation time, so the outbox drains oldest first. */
export function notificationId(at: Date): string {
  return `${at.getTime().toString(36).padStart(10, '0')}-${randomUUID()}`;
}

/** The ownership tag is the first required tag (AMLGUARD_REQUIRED_TAGS, default `owner`); tag names compare case-insensitively, as ARM's do. */
export function ownerOf(config: GuardConfig, resource: ArmResource | undefined): string | undefined {
  const tag = (config.requiredTags[0] ?? 'owner').toLowerCase();
  const found = Object.entries(resource?.tags ?? {}).find(([k]) => k.toLowerCase() === tag);
  return found?.[1] || undefined;
}

const jsonObjectSchema = z.record(z.string(), jsonValueSchema);

/** A record as plain JSON (undefined members dropped), checked rather than cast. */
function jsonObject(value: object): Record<string, JsonValue> {
  return jsonObjectSchema.parse(JSON.parse(JSON.stringify(value)));
}

const REMEDIATION_TYPES: Partial<Record<ActionRecord['outcome'], NotificationType>> = {
  applied: 'AmlGuard.Remediation.Applied',
  failed: 'AmlGuard.Remediation.Failed',
};

export interface RemediationFacts {
  readonly config: GuardConfig;
  readonly rules: readonly Rule[];
  readonly now: Date;
  /** The findings recorded with the actions (matched by rule id and resource). */
  readonly findings: readonly Finding[];
  /** The resources read in this evaluation (for the ownership tag). */
  readonly resource: (id: string) => ArmResource | undefined;
}

/** One notification per write that was applied or failed; other outcomes are not decisions anyone must hear about. */
export function remediationNotifications(records: readonly ActionRecord[], facts: RemediationFacts): Notification[] {
  const out: Notification[] = [];
  for (const r of records) {
    const type = REMEDIATION_TYPES[r.outcome];
    if (!type) continue;
    const rule = facts.rules.find((x) => x.id === r.ruleId);
    const finding = facts.findings.find((f) => f.ruleId === r.ruleId && (sameId(f.resourceId, r.resourceId) || r.resourceId.toLowerCase().startsWith(`${f.resourceId.toLowerCase()}/`)))
      ?? facts.findings.find((f) => f.ruleId === r.ruleId);
    const owner = ownerOf(facts.config, facts.resource(r.resourceId)) ?? (finding ? ownerOf(facts.config, facts.resource(finding.resourceId)) : undefined);
    out.push({
      id: notificationId(facts.now),
      type,
      subject: r.resourceId,
      time: r.at,
      data: {
        ruleId: r.ruleId,
        ...(rule ? { ruleTitle: rule.title } : {}),
        resourceId: r.resourceId,
        ...(owner ? { owner } : {}),
        summary: r.outcome === 'applied' ? `AML Guard applied: ${r.summary}` : `AML Guard could not apply: ${r.summary}${r.error ? ` (${r.error})` : ''}`,
        ...(finding ? { finding: jsonObject(finding) } : {}),
        action: jsonObject(r),
      },
    });
  }
  return out;
}

const EXCEPTION_TYPES = {
  request: 'AmlGuard.Exception.Requested',
  approve: 'AmlGuard.Exception.Approved',
  reject: 'AmlGuard.Exception.Rejected',
  revoke: 'AmlGuard.Exception.Revoked',
  withdraw: 'AmlGuard.Exception.Revoked',
  expiring: 'AmlGuard.Exception.Expiring',
  expire: 'AmlGuard.Exception.Expired',
} as const satisfies Record<string, NotificationType>;
export type ExceptionDecision = keyof typeof EXCEPTION_TYPES;

export interface ExceptionFacts {
  readonly rules: readonly Rule[];
  readonly now: Date;
  readonly owner?: string;
  /** The findings of the exception's rule under its scope, at most a few. */
  readonly findings: readonly Finding[];
  readonly summary: string;
}

export function exceptionNotification(e: GuardException, decision: ExceptionDecision, facts: ExceptionFacts): Notification {
  const { etag: _etag, ...stored } = e;
  const rule = facts.rules.find((x) => x.id === e.ruleId);
  const finding = facts.findings[0];
  return {
    id: notificationId(facts.now),
    type: EXCEPTION_TYPES[decision],
    subject: e.scope,
    time: facts.now.toISOString(),
    data: {
      ruleId: e.ruleId,
      ruleTitle: rule?.title ?? (e.ruleId === '*' ? 'every rule' : e.ruleId),
      resourceId: e.scope,
      ...(facts.owner ? { owner: facts.owner } : {}),
      summary: facts.summary,
      ...(finding ? { finding: jsonObject(finding) } : {}),
      exception: jsonObject(stored),
    },
  };
}
