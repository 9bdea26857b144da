import { ArmThrottle, parseArmLimits } from '../azure/arm-throttle';
import { ArmClients } from '../azure/clients';
import { SdkArmReader } from '../azure/arm-reader';
import type { ArmConnection } from '../azure/connection';
import type { NotificationPublisher } from '../azure/notification-publisher';
import { SdkRemediationExecutor } from '../azure/remediation-executor';
import type { GuardConfig, Rule } from '../model';
import { CATALOG } from '../rules/catalog';
import type { GuardStore } from '../store';
import { silentLogger, type GuardContext, type Logger } from './context';
import { assertNeedsServed } from './related';

export interface ContextParts {
  readonly arm: ArmConnection;
  readonly store: GuardStore;
  readonly config: GuardConfig;
  readonly rules?: readonly Rule[];
  readonly clock?: () => Date;
  readonly log?: Logger;
  readonly actor?: string;
  readonly notifications?: NotificationPublisher;
}

/** Wires the SDK-backed reader and executor, the store and the catalog into one context; a rule whose needs no gatherer serves stops it here. */
export function createGuardContext(parts: ContextParts): GuardContext {
  const rules = parts.rules ?? CATALOG;
  assertNeedsServed(rules);
  // one throttle per context: the identity's limits per subscription (AMLGUARD_ARM_RATE_LIMIT)
  const clients = new ArmClients({ ...parts.arm, throttle: parts.arm.throttle ?? new ArmThrottle(parseArmLimits(parts.config.armRateLimit)) });
  const reader = new SdkArmReader(clients);
  return {
    config: parts.config,
    rules,
    reader,
    executor: new SdkRemediationExecutor(clients, reader),
    store: parts.store,
    clock: parts.clock ?? (() => new Date()),
    log: parts.log ?? silentLogger,
    actor: parts.actor ?? 'aml-guard',
    ...(parts.notifications ? { notifications: parts.notifications } : {}),
  };
}
