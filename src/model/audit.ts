import type { JsonValue } from './json';

/** An append-only audit row: every remediation decision and every exception state change. */
export interface AuditEntry {
  readonly at: string;
  /** `remediation` | `exception` | `finding`. */
  readonly category: 'remediation' | 'exception' | 'finding';
  readonly actor: string;
  readonly ruleId?: string;
  readonly resourceId?: string;
  /** A remediation written to another resource than the one its rule judged (e.g. a NIC for a public IP's finding): the judged resource. */
  readonly subjectId?: string;
  readonly action: string;
  readonly outcome: string;
  readonly before?: JsonValue;
  readonly after?: JsonValue;
  readonly error?: string;
  readonly exceptionId?: string;
  /** Correlation id (or event id) of the triggering event or run. */
  readonly correlationId?: string;
  readonly summary?: string;
}
