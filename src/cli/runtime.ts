import type { TokenCredential } from '@azure/core-auth';
import { clockOf, readSettings, type Settings } from '../config/settings';
import { eventGridPublisher, type NotificationPublisher } from '../azure/notification-publisher';
import { createGuardContext, managedIdentityCredential, type GuardContext, type Logger } from '../engine';
import { subscriptionsInScope } from '../engine/subscriptions-in-scope';
import { ConfigError, tryParseArmId, type GuardConfig } from '../model';
import { RULE_IDS } from '../rules/catalog';
import { sandboxCredential, startSandbox, writeEstateFile, writeRequestLog, type Sandbox } from '../sandbox';
import { openStore, type StorageConnection } from '../store';
import { CredentialError } from './credential-error';
import { writeWarning } from './write-warning';
import type { CliIo } from './io';
import type { SandboxChoice } from './sandbox-choice';
import { chooseStorage } from './storage-choice';
import { UsageError } from './usage-error';

export interface RuntimeOptions {
  readonly sandbox: SandboxChoice;
  /** --remediate: ARM writes allowed (per mode, exceptions and cap); otherwise the engine plans only. */
  readonly remediate: boolean;
  /** --subscription values (already checked). */
  readonly subscriptions?: readonly string[];
  /** The rules this command may write for (default: every rule), for the warning naming what will be written. */
  readonly writingRules?: readonly string[];
  /** The command reads only the store (report without a sandbox): no sign-in is checked. Default false. */
  readonly storeOnly?: boolean;
}

export interface Runtime {
  readonly ctx: GuardContext;
  /** The sandbox of the run's own (`--sandbox`). */
  readonly sandbox?: Sandbox;
  /** Subscriptions in scope: --subscription, else configured, else (own sandbox) those of the estate; empty = every one the identity can read. */
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
export async function openRuntime(io: CliIo, options: RuntimeOptions): Promise<Runtime> {
  const settings = loadCliSettings(io);
  const { config } = settings;
  const clock = clockOf(settings);
  const choice = options.sandbox;
  const credential = choice.kind !== 'azure' ? undefined : options.storeOnly ? managedIdentityCredential(settings) : await signedIn(managedIdentityCredential(settings), settings.cloud.armAudience);
  const sandbox = choice.kind === 'own' ? await startSandbox({ estate: choice.estate }) : undefined;
  const storage = await chooseStorage(settings, choice.kind !== 'azure').catch(async (error: unknown) => {
    await sandbox?.close();
    throw error;
  });
  const release = async () => {
    await sandbox?.close();
    await storage.close();
  };
  try {
    const store = await openStore(storage.connection, { tablePrefix: storage.tablePrefix });
    const pollIntervalMs = settings.lroPollMs;
    const arm = sandbox
      ? { endpoint: sandbox.endpoint, credential: sandbox.credential(), ca: sandbox.ca, pollIntervalMs }
      : choice.kind === 'remote'
        ? { endpoint: choice.endpoint, credential: sandboxCredential(), ca: choice.ca, pollIntervalMs }
        : { endpoint: settings.cloud.armEndpoint, audience: settings.cloud.armAudience, credential: credential!, pollIntervalMs };
    // Decisions go to the sandbox's Event Grid topic (recorded in its log), or to AMLGUARD_NOTIFY_TOPIC_ENDPOINT.
    const notifications: { notifications?: NotificationPublisher } =
      choice.kind === 'azure'
        ? settings.notifyTopicEndpoint
          ? { notifications: eventGridPublisher({ endpoint: settings.notifyTopicEndpoint, credential: arm.credential }) }
          : {}
        : { notifications: eventGridPublisher({ endpoint: `${arm.endpoint}/eventgrid/topics/aml-guard/api/events`, credential: arm.credential, ca: arm.ca }) };
    const ctx: GuardContext = { ...createGuardContext({ arm, store, config, clock, log: stderrLogger(io), actor: settings.actor, ...notifications }), planOnly: !options.remediate };
    const given = options.subscriptions ?? [];
    let subscriptions = given.length
      ? given
      : config.subscriptions.length
        ? config.subscriptions
        : choice.kind === 'own'
          ? [...new Set(choice.estate.flatMap((r) => tryParseArmId(r.id)?.subscriptionId.toLowerCase() ?? []))]
          : [];
    if (choice.kind === 'azure' && options.remediate) {
      subscriptions = await subscriptionsInScope(ctx, subscriptions);
      io.stderr(`${writeWarning(ctx, subscriptions, options.writingRules)}\n`);
    }
    return {
      ctx,
      ...(sandbox ? { sandbox } : {}),
      subscriptions,
      storage: storage.connection,
      async close() {
        try {
          if (sandbox && choice.kind === 'own' && choice.out) await writeEstateFile(choice.out, sandbox.estate());
          if (sandbox && choice.kind === 'own' && choice.log) await writeRequestLog(choice.log, sandbox.requests);
        } finally {
          await release();
        }
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Gets one ARM token up front, so a missing sign-in is one clear message (CredentialError), not a failure per subscription. */
async function signedIn(credential: TokenCredential, armAudience: string): Promise<TokenCredential> {
  try {
    const token = await credential.getToken(`${armAudience}/.default`);
    if (!token) throw new Error('no token was returned');
  } catch (error) {
    throw new CredentialError(error);
  }
  return credential;
}
