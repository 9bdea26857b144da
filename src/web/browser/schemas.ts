/**
 * What the API answers, validated as it enters the page. zod/mini keeps the bundle small; the
 * compile-time checks below keep these shapes in step with the server's model (src/model).
 */
import * as z from 'zod/mini';
import type { GuardException } from '../../model/exception';
import type { Finding } from '../../model/finding';

const str = z.string();
const opt = <T extends z.ZodMiniType>(t: T) => z.optional(t);

export const meSchema = z.object({ oid: str, name: str, roles: z.array(str) });
export type Me = z.infer<typeof meSchema>;

export const ruleSchema = z.object({ id: str, title: str, severity: str, rationale: str, benchmark: str, remediation: str, mode: str });
export type RuleInfo = z.infer<typeof ruleSchema>;
export const rulesSchema = z.object({ rules: z.array(ruleSchema) });

export const apiExceptionSchema = z.object({
  id: str,
  subscriptionId: str,
  scope: str,
  ruleId: str,
  status: z.enum(['pending', 'approved', 'rejected', 'revoked', 'expired']),
  reason: str,
  durationHours: z.number(),
  requestedBy: str,
  requestedByName: opt(str),
  createdAt: str,
  approvedBy: opt(str),
  approvedByName: opt(str),
  approvedAt: opt(str),
  expiresAt: opt(str),
  decidedBy: opt(str),
  decidedAt: opt(str),
  decisionReason: opt(str),
});
export type ApiException = z.infer<typeof apiExceptionSchema>;
export const exceptionsSchema = z.object({ exceptions: z.array(apiExceptionSchema) });

export const findingSchema = z.object({
  ruleId: str,
  resourceId: str,
  subscriptionId: str,
  severity: z.enum(['high', 'medium', 'low']),
  status: z.enum(['open', 'resolved', 'excepted']),
  title: str,
  evidence: z.record(str, z.unknown()),
  firstSeen: str,
  lastSeen: str,
  resolvedAt: opt(str),
  exceptionId: opt(str),
  remediation: opt(str),
});
export type ApiFinding = z.infer<typeof findingSchema>;
export const findingsSchema = z.object({ findings: z.array(findingSchema) });

export const kpisSchema = z.looseObject({
  workspacesTotal: z.number(),
  workspacesPublicAccessDisabledPct: z.nullable(z.number()),
  computeTotal: z.number(),
  computeWithPublicIp: z.number(),
  openFindingsBySeverity: z.record(str, z.number()),
  openFindingsByRule: z.record(str, z.number()),
  mttrHours: z.nullable(z.number()),
  remediationsByOutcome: z.record(str, z.number()),
  activeExceptions: z.number(),
  window: z.object({ since: str, until: str }),
});
export type ApiKpis = z.infer<typeof kpisSchema>;

export const signInSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('entra'), clientId: str, authority: str, apiScope: str }),
  z.object({ kind: z.literal('local') }),
  z.object({ kind: z.literal('unconfigured'), reason: str }),
]);
export const consoleConfigSchema = z.object({ apiBase: str, signIn: signInSchema });
export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;

export const apiErrorSchema = z.object({ error: z.object({ code: str, message: str }) });
export const tokenAnswerSchema = z.object({ accessToken: str });

// The page reads every field the server sends: a field added to or removed from the model must be added or removed here too.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
const findingInStep: SameKeys<ApiFinding, Finding> = true;
const exceptionInStep: SameKeys<ApiException, Omit<GuardException, 'etag'>> = true;
void findingInStep;
void exceptionInStep;
