/**
 * The one reader of the environment: every AMLGUARD_* variable (and the AZURE_* ones AML Guard
 * passes on) is declared here once, parsed with zod, and reported by its own name when wrong.
 * The Function app reads it once at start-up, the CLI once per command.
 */
import { z } from 'zod';
import { authSettingsFromEnv, type AuthSettings } from '../auth/config';
import { ConfigError, describeZodError, guardConfigSchema, isGuid, type GuardConfig } from '../model';
import { envBoolean, envList, envNumber, envPairs, envText, httpsUrl, isoTime, ncrontab } from './env-values';

const field = guardConfigSchema.shape;

/** Azure public cloud defaults; sovereign clouds set the AMLGUARD_ARM_* / storage endpoint variables (infra passes environment()). */
export const PUBLIC_CLOUD = { armEndpoint: 'https://management.azure.com', storageSuffix: 'core.windows.net' } as const;

export const environmentSchema = z.object({
  // Engine behaviour (GuardConfig).
  AMLGUARD_MODE: envText(field.mode),
  AMLGUARD_RULE_MODES: envPairs(field.ruleModes),
  AMLGUARD_SUBSCRIPTIONS: envList(field.subscriptions),
  AMLGUARD_MAX_WRITES_PER_RUN: envNumber(field.maxWritesPerRun),
  AMLGUARD_READ_CONCURRENCY: envNumber(field.readConcurrency),
  AMLGUARD_EXCEPTION_MAX_HOURS: envNumber(field.exceptionMaxHours),
  AMLGUARD_SWEEP_CONCURRENCY: envNumber(field.sweepConcurrency),
  AMLGUARD_SWEEP_SUBSCRIPTIONS_PER_ITEM: envNumber(field.sweepSubscriptionsPerItem),
  AMLGUARD_SWEEP_ITEM_DEADLINE_SECONDS: envNumber(field.sweepItemDeadlineSeconds),
  AMLGUARD_ARM_RATE_LIMIT: envText(field.armRateLimit),
  AMLGUARD_LEASE_SECONDS: envNumber(field.leaseSeconds),
  AMLGUARD_DEFER_MAX_SECONDS: envNumber(field.deferMaxSeconds),
  AMLGUARD_ARM_ONLY_REFRESH_HOURS: envNumber(field.armOnlyRefreshHours),
  AMLGUARD_ARM_ONLY_READS_PER_SUBSCRIPTION: envNumber(field.armOnlyReadsPerSubscription),
  // Rule knobs: AML-WS-004, AML-CMP-005, AML-CMP-007, AML-GOV-001, AML-IAM-001.
  AMLGUARD_MANAGED_NETWORK_TARGET: envText(field.managedNetworkIsolationTarget),
  AMLGUARD_IDLE_SHUTDOWN_MAX: envText(field.idleShutdownMax),
  AMLGUARD_IDLE_HOURS: envNumber(field.idleHours),
  AMLGUARD_IDLE_MAX_STOPS: envNumber(field.idleMaxStops),
  AMLGUARD_REQUIRED_TAGS: envList(field.requiredTags),
  AMLGUARD_COPY_TAGS_FROM_RESOURCE_GROUP: envBoolean(field.copyTagsFromResourceGroup),
  AMLGUARD_ALLOW_ROLE_ASSIGNMENT_DELETION: envBoolean(field.allowRoleAssignmentDeletion),
  // Issue 12: AML-SUP-001/002, AML-NET-004.
  AMLGUARD_APPROVED_REGISTRIES: envList(field.approvedRegistries),
  AMLGUARD_REQUIRE_REGISTRY_MODELS: envBoolean(field.requireRegistryModels),
  AMLGUARD_APPROVED_IMAGE_REGISTRIES: envList(field.approvedImageRegistries),
  AMLGUARD_GENERIC_DOMAINS: envList(field.genericDomains),

  // Function app triggers.
  AMLGUARD_EVENTS_QUEUE: envText(z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'must be a storage queue name (3-63 lower-case letters, digits, single hyphens)').default('aml-guard-events')),
  AMLGUARD_SWEEP_SCHEDULE: envText(ncrontab.default('0 0 */6 * * *')),
  AMLGUARD_IDLE_SCHEDULE: envText(ncrontab.default('0 0 1 * * *')),
  AMLGUARD_EXPIRY_SCHEDULE: envText(ncrontab.default('0 */15 * * * *')),

  // Cloud: the ARM endpoint and token audience, the Entra authority, the identity.
  AMLGUARD_ARM_ENDPOINT: envText(httpsUrl.default(PUBLIC_CLOUD.armEndpoint)),
  AMLGUARD_ARM_AUDIENCE: envText(httpsUrl.optional()),
  AZURE_AUTHORITY_HOST: envText(httpsUrl.optional()),
  AZURE_CLIENT_ID: envText(z.string().refine(isGuid, 'must be the client id (a GUID) of the user-assigned managed identity').optional()),

  // Storage: identity-based in production (account + endpoints), a connection string for Azurite.
  AMLGUARD_STORAGE_ACCOUNT: envText(z.string().regex(/^[a-z0-9]{3,24}$/, 'must be a storage account name (3-24 lower-case letters and digits)').optional()),
  AzureWebJobsStorage__accountName: envText(z.string().optional()),
  AMLGUARD_STORAGE_TABLE_ENDPOINT: envText(httpsUrl.optional()),
  AMLGUARD_STORAGE_QUEUE_ENDPOINT: envText(httpsUrl.optional()),
  AMLGUARD_STORAGE_CONNECTION_STRING: envText(z.string().optional()),
  AMLGUARD_TABLE_PREFIX: envText(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,29}$/, 'must be letters and digits, starting with a letter').default('')),

  // Notifications: CloudEvents to an Event Grid custom topic (unset: none).
  AMLGUARD_NOTIFY_TOPIC_ENDPOINT: envText(httpsUrl.optional()),
  // The approval console's sign-in (src/web/console-settings.ts reads them from these settings).
  AMLGUARD_CONSOLE_CLIENT_ID: envText(z.string().refine(isGuid, 'must be the client id (a GUID) of the console\'s single-page-application registration').optional()),
  AMLGUARD_CONSOLE_AUTHORITY: envText(httpsUrl.optional()),
  AMLGUARD_CONSOLE_API_SCOPE: envText(z.string().optional()),

  // Identity of the audit trail, time, polling.
  AMLGUARD_ACTOR: envText(z.string().max(200).default('aml-guard')),
  AMLGUARD_NOW: envText(isoTime.optional()),
  AMLGUARD_LRO_POLL_MS: envNumber(z.number().int().min(0).max(60_000).default(2000)),

  // Command line only.
  AMLGUARD_HOME: envText(z.string().default('.aml-guard')),
  AMLGUARD_DEBUG: envBoolean(z.boolean().default(false)),
  AMLGUARD_TOKEN: envText(z.string().optional()),
  AMLGUARD_API_URL: envText(httpsUrl.optional()),
});

export type EnvironmentVariable = keyof typeof environmentSchema.shape;
export const ENVIRONMENT_VARIABLES = Object.keys(environmentSchema.shape) as readonly string[];

export interface StorageSettings {
  /** Identity-based account; wins over a connection string. */
  readonly account?: string;
  readonly tableEndpoint?: string;
  readonly queueEndpoint?: string;
  readonly connectionString?: string;
  readonly tablePrefix: string;
}

export interface CloudSettings {
  readonly armEndpoint: string;
  /** Token audience for ARM (scope `${armAudience}/.default`); defaults to the endpoint. */
  readonly armAudience: string;
  readonly authorityHost?: string;
  /** The user-assigned managed identity (AZURE_CLIENT_ID). */
  readonly managedIdentityClientId?: string;
}

export interface Settings {
  readonly config: GuardConfig;
  readonly cloud: CloudSettings;
  readonly storage: StorageSettings;
  readonly eventsQueue: string;
  readonly schedules: { readonly sweep: string; readonly idleShutdown: string; readonly exceptionExpiry: string };
  readonly actor: string;
  readonly now?: Date;
  readonly lroPollMs: number;
  /** AMLGUARD_AUTH_*: missing or invalid leaves the HTTP API refusing every call (503), never open. */
  readonly auth: AuthSettings;
  /** The Event Grid topic notifications go to; none when unset. */
  readonly notifyTopicEndpoint?: string;
  readonly cli: { readonly home: string; readonly debug: boolean; readonly token?: string; readonly apiUrl?: string };
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses the environment. Throws ConfigError naming every wrong variable
 * (`AMLGUARD_MODE: Invalid option: expected one of "audit"|"enforce"`); `knownRuleIds` catches
 * typos in AMLGUARD_RULE_MODES.
 */
export function readSettings(env: Env, knownRuleIds: readonly string[]): Settings {
  const r = environmentSchema.safeParse(Object.fromEntries(ENVIRONMENT_VARIABLES.map((k) => [k, env[k]])));
  if (!r.success) throw new ConfigError(`invalid configuration: ${describeZodError(r.error)}`);
  const e = r.data;
  const unknownRules = Object.keys(e.AMLGUARD_RULE_MODES).filter((id) => !knownRuleIds.includes(id));
  if (unknownRules.length) {
    throw new ConfigError(`invalid configuration: AMLGUARD_RULE_MODES: unknown rule id(s) ${unknownRules.join(', ')} (known: ${knownRuleIds.join(', ')})`);
  }
  const account = e.AMLGUARD_STORAGE_ACCOUNT ?? e.AzureWebJobsStorage__accountName;
  return {
    config: {
      mode: e.AMLGUARD_MODE,
      ruleModes: e.AMLGUARD_RULE_MODES,
      subscriptions: e.AMLGUARD_SUBSCRIPTIONS,
      maxWritesPerRun: e.AMLGUARD_MAX_WRITES_PER_RUN,
      managedNetworkIsolationTarget: e.AMLGUARD_MANAGED_NETWORK_TARGET,
      idleShutdownMax: e.AMLGUARD_IDLE_SHUTDOWN_MAX,
      idleHours: e.AMLGUARD_IDLE_HOURS,
      idleMaxStops: e.AMLGUARD_IDLE_MAX_STOPS,
      requiredTags: e.AMLGUARD_REQUIRED_TAGS,
      copyTagsFromResourceGroup: e.AMLGUARD_COPY_TAGS_FROM_RESOURCE_GROUP,
      allowRoleAssignmentDeletion: e.AMLGUARD_ALLOW_ROLE_ASSIGNMENT_DELETION,
      exceptionMaxHours: e.AMLGUARD_EXCEPTION_MAX_HOURS,
      readConcurrency: e.AMLGUARD_READ_CONCURRENCY,
      sweepConcurrency: e.AMLGUARD_SWEEP_CONCURRENCY,
      sweepSubscriptionsPerItem: e.AMLGUARD_SWEEP_SUBSCRIPTIONS_PER_ITEM,
      sweepItemDeadlineSeconds: e.AMLGUARD_SWEEP_ITEM_DEADLINE_SECONDS,
      armRateLimit: e.AMLGUARD_ARM_RATE_LIMIT,
      leaseSeconds: e.AMLGUARD_LEASE_SECONDS,
      deferMaxSeconds: e.AMLGUARD_DEFER_MAX_SECONDS,
      armOnlyRefreshHours: e.AMLGUARD_ARM_ONLY_REFRESH_HOURS,
      armOnlyReadsPerSubscription: e.AMLGUARD_ARM_ONLY_READS_PER_SUBSCRIPTION,
      approvedRegistries: e.AMLGUARD_APPROVED_REGISTRIES,
      requireRegistryModels: e.AMLGUARD_REQUIRE_REGISTRY_MODELS,
      approvedImageRegistries: e.AMLGUARD_APPROVED_IMAGE_REGISTRIES,
      genericDomains: e.AMLGUARD_GENERIC_DOMAINS,
    },
    cloud: {
      armEndpoint: e.AMLGUARD_ARM_ENDPOINT,
      armAudience: e.AMLGUARD_ARM_AUDIENCE ?? e.AMLGUARD_ARM_ENDPOINT,
      ...(e.AZURE_AUTHORITY_HOST ? { authorityHost: e.AZURE_AUTHORITY_HOST } : {}),
      ...(e.AZURE_CLIENT_ID ? { managedIdentityClientId: e.AZURE_CLIENT_ID } : {}),
    },
    storage: {
      ...(account ? { account } : {}),
      ...(e.AMLGUARD_STORAGE_TABLE_ENDPOINT ? { tableEndpoint: e.AMLGUARD_STORAGE_TABLE_ENDPOINT } : {}),
      ...(e.AMLGUARD_STORAGE_QUEUE_ENDPOINT ? { queueEndpoint: e.AMLGUARD_STORAGE_QUEUE_ENDPOINT } : {}),
      ...(e.AMLGUARD_STORAGE_CONNECTION_STRING ? { connectionString: e.AMLGUARD_STORAGE_CONNECTION_STRING } : {}),
      tablePrefix: e.AMLGUARD_TABLE_PREFIX,
    },
    eventsQueue: e.AMLGUARD_EVENTS_QUEUE,
    schedules: { sweep: e.AMLGUARD_SWEEP_SCHEDULE, idleShutdown: e.AMLGUARD_IDLE_SCHEDULE, exceptionExpiry: e.AMLGUARD_EXPIRY_SCHEDULE },
    actor: e.AMLGUARD_ACTOR,
    ...(e.AMLGUARD_NOW ? { now: new Date(e.AMLGUARD_NOW) } : {}),
    lroPollMs: e.AMLGUARD_LRO_POLL_MS,
    auth: authSettingsFromEnv(env),
    ...(e.AMLGUARD_NOTIFY_TOPIC_ENDPOINT ? { notifyTopicEndpoint: e.AMLGUARD_NOTIFY_TOPIC_ENDPOINT } : {}),
    cli: {
      home: e.AMLGUARD_HOME,
      debug: e.AMLGUARD_DEBUG,
      ...(e.AMLGUARD_TOKEN ? { token: e.AMLGUARD_TOKEN } : {}),
      ...(e.AMLGUARD_API_URL ? { apiUrl: e.AMLGUARD_API_URL } : {}),
    },
  };
}

/** The clock the settings ask for: AMLGUARD_NOW pins it (reproducible runs), else real time. */
export function clockOf(settings: Pick<Settings, 'now'>): () => Date {
  const pinned = settings.now;
  return pinned ? () => new Date(pinned.getTime()) : () => new Date();
}
