import type { ArmReader } from '../azure/arm-reader';
import type { NotificationPublisher } from '../azure/notification-publisher';
import type { RemediationExecutor } from '../azure/remediation-executor';
import type { GuardConfig, Rule } from '../model';
import type { GuardStore } from '../store';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Everything the engine needs, wired once per process (Functions host, CLI run, test). */
export interface GuardContext {
  readonly config: GuardConfig;
  readonly rules: readonly Rule[];
  readonly reader: ArmReader;
  readonly executor: RemediationExecutor;
  readonly store: GuardStore;
  readonly clock: () => Date;
  readonly log: Logger;
  /** Who AML Guard acts as, for the audit trail. */
  readonly actor: string;
  /** The notification topic (AMLGUARD_NOTIFY_TOPIC_ENDPOINT); none: decisions are not published. */
  readonly notifications?: NotificationPublisher;
  /**
   * Plan only (the CLI without --remediate): every decision is taken as usual, but a write that
   * would be made is re-read and recorded `planned` with its change instead of being sent.
   */
  readonly planOnly?: boolean;
}
