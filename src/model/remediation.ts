import type { JsonValue } from './json';

/** The fields of each kind of write, by kind (see RemediationAction). */
export interface RemediationFields {
  /** PATCH `properties.<path>` = value on the resource (publicNetworkAccess, adminUserEnabled, ...). */
  'set-property': { resourceId: string; path: readonly string[]; value: JsonValue };
  'stop-compute': { resourceId: string };
  'set-idle-shutdown': { resourceId: string; idleTimeBeforeShutdown: string };
  'delete-nsg-rule': { resourceId: string; ruleName: string };
  'detach-public-ip': { resourceId: string; ipConfigurationName: string; publicIpId: string };
  'delete-role-assignment': { resourceId: string };
  'set-tag': { resourceId: string; tag: string; value: string };
  /** On the online endpoint `resourceId`: the deployment's share of `traffic` moved to the endpoint's other deployments (all 0 when it is the only one). */
  'zero-deployment-traffic': { resourceId: string; deploymentName: string };
  /** DELETE `{workspace}/outboundRules/{ruleName}` (a user-defined managed network rule; the audit keeps it whole). */
  'delete-outbound-rule': { resourceId: string; ruleName: string };
}

export type RemediationKind = keyof RemediationFields;

/**
 * The writes AML Guard knows how to make, as plain data. A rule proposes one; the engine decides
 * (mode, exception, cap); the azure layer performs it: re-read, skip if already compliant,
 * smallest write, wait for the long-running operation, read back. `RemediationAction<K>` is the
 * action of kind K; a table keyed by kind (the writers) is then indexed without casts.
 */
export type RemediationAction<K extends RemediationKind = RemediationKind> = { [P in K]: { kind: P } & RemediationFields[P] }[K];

export const OUTCOMES = [
  'applied', // the write was made and read back compliant
  'already-compliant', // re-read showed nothing to do
  'failed', // the write or its long-running operation failed
  'skipped-audit', // mode is audit (or the rule's remediation is opt-in and off)
  'skipped-exception', // an approved, unexpired exception covers it
  'skipped-cap', // the blast-radius cap for this run was reached
  'report-only', // the rule has no automatic remediation
  'planned', // a plan-only run (the CLI without --remediate): this write would be made
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Audit outcomes that are not remediation decisions, so KPIs do not count them: `attempting` is
 * the write-ahead intent recorded before a write (its result follows), `planned` a plan-only run's.
 */
const NOT_A_DECISION: ReadonlySet<string> = new Set(['attempting', 'planned']);

export function isRemediationDecision(outcome: string): boolean {
  return !NOT_A_DECISION.has(outcome);
}

/** One remediation decision, as printed by the CLI and kept in the audit table. */
export interface ActionRecord {
  readonly ruleId: string;
  readonly resourceId: string;
  /** The resource the rule judged, when the write is to another one (a public IP's finding fixed on its NIC). */
  readonly subjectId?: string;
  /** RemediationKind, or 'report' for report-only findings. */
  readonly action: string;
  readonly outcome: Outcome;
  readonly summary: string;
  readonly before?: JsonValue;
  readonly after?: JsonValue;
  readonly error?: string;
  readonly exceptionId?: string;
  readonly at: string;
  readonly correlationId?: string;
}
