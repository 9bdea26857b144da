import { clockOf, readSettings, type Settings } from '../config/settings';
import { createGuardContext, managedIdentityCredential, type GuardContext, type Logger } from '../engine';
import { ConfigError, parseArmId, type ArmResource, type GuardConfig } from '../model';
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

/** The environment's settings; a bad value is a UsageError (exit 2) naming the variable. */
export function loadCliSettings(io: CliIo): Settings {
  try {
    return readSettings(io.env, RULE_IDS);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

export function loadCliConfig(io: CliIo): GuardConfig {
  return loadCliSettings(io).config;
}

/** Starts what a CLI run needs (sandbox, storage) and wires the engine over it. */
export async function openRuntime(io: CliIo, options: RuntimeOptions, cliSubscriptions: readonly string[] = []): Promise<Runtime> {
  const settings = loadCliSettings(io);
  const { config } = settings;
  const clock = clockOf(settings);
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
  const storage = await chooseStorage(settings, sandbox !== undefined).catch(async (error: unknown) => {
    await sandbox?.close();
    throw error;
  });
  try {
    const store = await openStore(storage.connection, { tablePrefix: storage.tablePrefix });
    const arm = sandbox
      ? { endpoint: sandbox.endpoint, credential: sandbox.credential(), ca: sandbox.ca, pollIntervalMs: settings.lroPollMs }
      : { endpoint: settings.cloud.armEndpoint, audience: settings.cloud.armAudience, credential: managedIdentityCredential(settings), pollIntervalMs: settings.lroPollMs };
    const ctx = createGuardContext({ arm, store, config, clock, log: stderrLogger(io), actor: settings.actor });
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

function parseSubscription(s: string): void {
  try {
    parseArmId(`/subscriptions/${s}`);
  } catch {
    throw new UsageError(`--subscription: ${JSON.stringify(s)} is not a subscription GUID`);
  }
}
