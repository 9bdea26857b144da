import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';
import { eventGridPublisher } from '../azure/notification-publisher';
import { notificationsFromEnv } from '../azure/notification-settings';
import { createGuardContext, clockFromEnv, type GuardContext, type Logger } from '../engine';
import { ConfigError, configFromEnv, parseArmId, parseConfig, type ArmResource, type GuardConfig } from '../model';
import { RULE_IDS } from '../rules/catalog';
import { loadEstateFile, startSandbox, writeEstateFile, type Sandbox } from '../sandbox';
import { openStore, type StorageConnection } from '../store';
import type { CliIo } from './io';
import { chooseStorage } from './storage-choice';
import { UsageError } from './usage-error';

export interface RuntimeOptions {
  /** Estate file: run against the local ARM sandbox seeded from it. */
  readonly sandbox?: string;
  readonly sandboxOut?: string;
}

export interface Runtime {
  readonly ctx: GuardContext;
  readonly sandbox?: Sandbox;
  /** Subscriptions in scope: configured, else (sandbox) those of the estate. */
  readonly subscriptions: readonly string[];
  readonly storage: StorageConnection;
  close(): Promise<void>;
}

export function stderrLogger(io: CliIo): Logger {
  return {
    info: (m) => io.stderr(`${m}\n`),
    warn: (m) => io.stderr(`warning: ${m}\n`),
    error: (m) => io.stderr(`error: ${m}\n`),
  };
}

/** The AMLGUARD_* configuration; a bad value is a UsageError (exit 2) naming it. */
export function loadCliConfig(io: CliIo): GuardConfig {
  try {
    return parseConfig(configFromEnv(io.env), RULE_IDS, 'AMLGUARD_* environment');
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** Starts what a CLI run needs (sandbox, storage) and wires the engine over it. */
export async function openRuntime(io: CliIo, options: RuntimeOptions, cliSubscriptions: readonly string[] = []): Promise<Runtime> {
  const config = loadCliConfig(io);
  let clock;
  try {
    clock = clockFromEnv(io.env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  for (const s of cliSubscriptions) parseSubscription(s);

  let estate: ArmResource[] | undefined;
  if (options.sandbox) {
    try {
      estate = await loadEstateFile(options.sandbox);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  } else if (options.sandboxOut) {
    throw new UsageError('--sandbox-out needs --sandbox ESTATE.json');
  }

  const sandbox = estate ? await startSandbox({ estate }) : undefined;
  const storage = await chooseStorage(io.env, sandbox !== undefined).catch(async (error: unknown) => {
    await sandbox?.close();
    throw error;
  });
  try {
    const store = await openStore(storage.connection, { tablePrefix: storage.tablePrefix });
    const arm = sandbox
      ? { endpoint: sandbox.endpoint, credential: sandbox.credential(), ca: sandbox.ca }
      : { credential: new DefaultAzureCredential() };
    // Decisions go to the sandbox's Event Grid topic (recorded in its log), or to AMLGUARD_NOTIFY_TOPIC_ENDPOINT.
    const notifications = sandbox
      ? { notifications: eventGridPublisher({ endpoint: sandbox.topicEndpoint(), credential: sandbox.credential(), ca: sandbox.ca }) }
      : cliNotifications(io, arm.credential);
    const ctx = createGuardContext({ arm, store, config, clock, log: stderrLogger(io), ...notifications });
    const subscriptions = cliSubscriptions.length
      ? cliSubscriptions
      : config.subscriptions.length
        ? config.subscriptions
        : estate
          ? [...new Set(estate.map((r) => parseArmId(r.id).subscriptionId.toLowerCase()))]
          : [];
    return {
      ctx,
      sandbox,
      subscriptions,
      storage: storage.connection,
      async close() {
        try {
          if (sandbox && options.sandboxOut) await writeEstateFile(options.sandboxOut, sandbox.estate());
        } finally {
          await sandbox?.close();
          await storage.close();
        }
      },
    };
  } catch (error) {
    await sandbox?.close();
    await storage.close();
    throw error;
  }
}

function cliNotifications(io: CliIo, credential: TokenCredential): ReturnType<typeof notificationsFromEnv> {
  try {
    return notificationsFromEnv(io.env, credential);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseSubscription(s: string): void {
  try {
    parseArmId(`/subscriptions/${s}`);
  } catch {
    throw new UsageError(`--subscription: ${JSON.stringify(s)} is not a subscription GUID`);
  }
}
