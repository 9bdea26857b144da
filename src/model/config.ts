import { z } from 'zod';
import { isGuid } from './arm-id';
import { describeZodError } from './json';
import { modeSchema, type Mode } from './severity';

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
});
export type GuardConfig = z.infer<typeof guardConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses config, naming the key that is wrong. `knownRuleIds` guards against typos in ruleModes. */
export function parseConfig(raw: unknown, knownRuleIds: readonly string[], source = 'config'): GuardConfig {
  const r = guardConfigSchema.safeParse(raw);
  if (!r.success) throw new ConfigError(`invalid ${source}: ${describeZodError(r.error)}`);
  const unknown = Object.keys(r.data.ruleModes).filter((id) => !knownRuleIds.includes(id));
  if (unknown.length) throw new ConfigError(`invalid ${source}: ruleModes names unknown rule id(s) ${unknown.join(', ')} (known: ${knownRuleIds.join(', ')})`);
  return r.data;
}

/** The effective mode of a rule: an explicit per-rule mode wins; otherwise global audit caps the rule's default. */
export function effectiveMode(config: GuardConfig, ruleId: string, defaultMode: Mode): Mode {
  const explicit = config.ruleModes[ruleId];
  if (explicit) return explicit;
  return defaultMode === 'enforce' && config.mode === 'audit' ? 'audit' : defaultMode;
}

/** Maps AMLGUARD_* environment variables to the raw config object (validated by parseConfig). */
export function configFromEnv(env: Readonly<Record<string, string | undefined>>, base: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  const num = (k: string, key: string) => {
    const v = env[k];
    if (v !== undefined && v !== '') out[key] = Number.isFinite(Number(v)) ? Number(v) : v;
  };
  const str = (k: string, key: string) => {
    const v = env[k];
    if (v !== undefined && v !== '') out[key] = v;
  };
  const list = (k: string, key: string) => {
    const v = env[k];
    if (v !== undefined && v !== '') out[key] = v.split(/[\s,;]+/).filter(Boolean);
  };
  const bool = (k: string, key: string) => {
    const v = env[k];
    if (v !== undefined && v !== '') out[key] = /^(1|true|yes|on)$/i.test(v) ? true : /^(0|false|no|off)$/i.test(v) ? false : v;
  };
  str('AMLGUARD_MODE', 'mode');
  const ruleModes = env.AMLGUARD_RULE_MODES;
  if (ruleModes) {
    const modes: Record<string, string> = { ...((base.ruleModes as Record<string, string> | undefined) ?? {}) };
    for (const pair of ruleModes.split(/[\s,;]+/).filter(Boolean)) {
      const [id, mode] = pair.split('=');
      modes[id ?? ''] = mode ?? '';
    }
    out.ruleModes = modes;
  }
  list('AMLGUARD_SUBSCRIPTIONS', 'subscriptions');
  num('AMLGUARD_MAX_WRITES_PER_RUN', 'maxWritesPerRun');
  str('AMLGUARD_MANAGED_NETWORK_TARGET', 'managedNetworkIsolationTarget');
  str('AMLGUARD_IDLE_SHUTDOWN_MAX', 'idleShutdownMax');
  num('AMLGUARD_IDLE_HOURS', 'idleHours');
  num('AMLGUARD_IDLE_MAX_STOPS', 'idleMaxStops');
  list('AMLGUARD_REQUIRED_TAGS', 'requiredTags');
  bool('AMLGUARD_COPY_TAGS_FROM_RESOURCE_GROUP', 'copyTagsFromResourceGroup');
  bool('AMLGUARD_ALLOW_ROLE_ASSIGNMENT_DELETION', 'allowRoleAssignmentDeletion');
  num('AMLGUARD_EXCEPTION_MAX_HOURS', 'exceptionMaxHours');
  num('AMLGUARD_READ_CONCURRENCY', 'readConcurrency');
  num('AMLGUARD_SWEEP_CONCURRENCY', 'sweepConcurrency');
  num('AMLGUARD_SWEEP_SUBSCRIPTIONS_PER_ITEM', 'sweepSubscriptionsPerItem');
  num('AMLGUARD_SWEEP_ITEM_DEADLINE_SECONDS', 'sweepItemDeadlineSeconds');
  str('AMLGUARD_ARM_RATE_LIMIT', 'armRateLimit');
  num('AMLGUARD_LEASE_SECONDS', 'leaseSeconds');
  num('AMLGUARD_DEFER_MAX_SECONDS', 'deferMaxSeconds');
  return out;
}
