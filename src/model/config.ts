import { z } from 'zod';
import { isGuid } from './arm-id';
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

/** The effective mode of a rule: an explicit per-rule mode wins; otherwise global audit caps the rule's default. */
export function effectiveMode(config: GuardConfig, ruleId: string, defaultMode: Mode): Mode {
  const explicit = config.ruleModes[ruleId];
  if (explicit) return explicit;
  return defaultMode === 'enforce' && config.mode === 'audit' ? 'audit' : defaultMode;
}
