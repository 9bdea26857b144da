import { z } from 'zod';
import { isGuid } from './arm-id';
import { modeSchema, type Mode } from './severity';

/** An ML registry name (`azureml`, `contoso-models`): what `azureml://registries/{name}/...` names. */
const mlRegistryName = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{1,62}$/, 'an Azure ML registry name such as azureml')
  .transform((v) => v.toLowerCase());
/** A container registry host (`mcr.microsoft.com`, `contoso.azurecr.io`, `registry.local:5000`). */
const imageRegistryHost = z
  .string()
  .regex(/^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*(:\d{1,5})?$/, 'a registry host name such as mcr.microsoft.com')
  .transform((v) => v.toLowerCase());
/** A domain suffix a wildcard FQDN rule must not cover (`com`, `blob.core.windows.net`); a leading `*.` is accepted. */
const domainSuffix = z
  .string()
  .transform((v) => v.trim().toLowerCase().replace(/^\*\./, ''))
  .pipe(z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'a domain suffix such as com or blob.core.windows.net'));

/**
 * AML-NET-004: `*.{suffix}` over one of these is an outbound rule to "most of the internet".
 * Top-level domains and shared multi-tenant service domains (any customer can publish under them).
 */
export const DEFAULT_GENERIC_DOMAINS = [
  'com', 'net', 'org', 'io', 'ai', 'co', 'dev', 'app', 'info', 'biz', 'xyz', 'me', 'cloud',
  'windows.net', 'core.windows.net', 'blob.core.windows.net', 'file.core.windows.net', 'queue.core.windows.net', 'table.core.windows.net', 'dfs.core.windows.net', 'web.core.windows.net',
  'azurewebsites.net', 'cloudapp.net', 'cloudapp.azure.com', 'azure.com', 'azureedge.net', 'azurefd.net', 'trafficmanager.net', 'servicebus.windows.net', 'azurecr.io', 'vault.azure.net', 'azure-api.net',
  'amazonaws.com', 's3.amazonaws.com', 'cloudfront.net', 'googleapis.com', 'storage.googleapis.com', 'appspot.com', 'web.app', 'firebaseapp.com',
  'github.io', 'githubusercontent.com', 'herokuapp.com', 'vercel.app', 'netlify.app', 'pages.dev', 'workers.dev', 'ngrok.io', 'ngrok-free.app',
];

const isoDuration = z.string().regex(/^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'an ISO 8601 duration such as PT4H');

export const guardConfigSchema = z.object({
  /** Default mode for rules whose default is enforce; `audit` turns every write off. */
  mode: z.enum(['audit', 'enforce']).default('enforce'),
  /** Per-rule override: `off` | `audit` | `enforce`. Keys must be catalog ids. */
  ruleModes: z.record(z.string(), modeSchema).default({}),
  subscriptions: z.array(z.string().refine(isGuid, 'a subscription GUID')).default([]),
  /** Blast-radius cap: at most this many ARM writes per invocation / run. */
  maxWritesPerRun: z.number().int().min(0).max(1000).default(25),
  managedNetworkIsolationTarget: z.enum(['AllowInternetOutbound', 'AllowOnlyApprovedOutbound']).default('AllowOnlyApprovedOutbound'),
  /** AML-CMP-005: the longest allowed idleTimeBeforeShutdown, and the value set when remediating. */
  idleShutdownMax: isoDuration.default('PT4H'),
  idleHours: z.number().positive().max(24 * 14).default(4),
  idleMaxStops: z.number().int().min(0).max(10000).default(50),
  requiredTags: z.array(z.string().min(1)).default(['owner']),
  copyTagsFromResourceGroup: z.boolean().default(false),
  allowRoleAssignmentDeletion: z.boolean().default(false),
  exceptionMaxHours: z.number().positive().max(24 * 365).default(720),
  /** Parallel ARM reads during a sweep. */
  readConcurrency: z.number().int().min(1).max(64).default(8),
  /** AML-SUP-001/002: Azure ML registries whose models and environments may be deployed (`azureml` is Microsoft's curated catalog). */
  approvedRegistries: z.array(mlRegistryName).default(['azureml']),
  /** AML-SUP-001: a workspace-local model (not from an approved registry) is a finding too. */
  requireRegistryModels: z.boolean().default(false),
  /** AML-SUP-002: container registries images may come from, besides the registries linked to workspaces in scope. */
  approvedImageRegistries: z.array(imageRegistryHost).default(['mcr.microsoft.com']),
  /** AML-NET-004: domain suffixes a wildcard FQDN outbound rule must not cover. */
  genericDomains: z.array(domainSuffix).default(DEFAULT_GENERIC_DOMAINS),
  /** Sweep work items evaluated at once by an in-process sweep (the CLI's scan). */
  sweepConcurrency: z.number().int().min(1).max(64).default(4),
  /** Subscriptions per sweep work item (one Resource Graph inventory each). */
  sweepSubscriptionsPerItem: z.number().int().min(1).max(1000).default(10),
  /** How long a sweep work item may keep retrying throttled or failing ARM calls before it reports them. */
  sweepItemDeadlineSeconds: z.number().int().min(1).max(3600).default(480),
  /** Client-side ARM limits per subscription and principal: `READS_BURST:READS_PER_S:WRITES_BURST:WRITES_PER_S` (ARM's published limits). */
  armRateLimit: z
    .string()
    .regex(/^\d+(\.\d+)?:\d+(\.\d+)?:\d+(\.\d+)?:\d+(\.\d+)?$/, 'READS_BURST:READS_PER_S:WRITES_BURST:WRITES_PER_S, e.g. 250:25:200:10')
    .default('250:25:200:10'),
  /**
   * Term of a resource lease (one instance evaluates-with-remediation a resource at a time). The
   * default is the function timeout, so a live holder never loses it; a crashed one's lapses then.
   */
  leaseSeconds: z.number().positive().max(3600).default(600),
  /** Longest delay before a message deferred because its resource is leased comes back. */
  deferMaxSeconds: z.number().positive().max(600).default(30),
  /**
   * How often a sweep re-reads what only ARM holds (diagnostic settings, connections, budgets,
   * policy assignments: one list per resource), spread evenly over the sweeps of the period.
   * Their events keep them current in between. 0: every sweep reads them.
   */
  armOnlyRefreshHours: z.number().min(0).max(24 * 90).default(168),
  /**
   * At most this many resources per subscription get what only ARM holds read in one sweep; the
   * rest wait for the next (still due). Keeps a first sweep of a large subscription inside the
   * item's deadline at ARM's read limit: 2,000 workspaces x 2 lists at 25/s is about 150 s.
   */
  armOnlyReadsPerSubscription: z.number().int().min(1).max(1_000_000).default(2000),
});
export type GuardConfig = z.infer<typeof guardConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The effective mode of a rule: an explicit per-rule mode wins; otherwise global audit caps the rule's default. */
export function effectiveMode(config: GuardConfig, ruleId: string, defaultMode: Mode): Mode {
  const explicit = config.ruleModes[ruleId];
  if (explicit) return explicit;
  return defaultMode === 'enforce' && config.mode === 'audit' ? 'audit' : defaultMode;
}
