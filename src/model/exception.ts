import { z } from 'zod';

export const exceptionStatusSchema = z.enum(['pending', 'approved', 'rejected', 'revoked', 'expired']);
export type ExceptionStatus = z.infer<typeof exceptionStatusSchema>;

/** A time-boxed exception: while approved and unexpired, findings of `ruleId` (or any rule, `*`) under `scope` are not remediated. */
export const exceptionSchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  scope: z.string(),
  ruleId: z.string(),
  status: exceptionStatusSchema,
  reason: z.string(),
  durationHours: z.number().positive(),
  requestedBy: z.string(),
  requestedByName: z.string().optional(),
  createdAt: z.string(),
  approvedBy: z.string().optional(),
  approvedByName: z.string().optional(),
  approvedAt: z.string().optional(),
  expiresAt: z.string().optional(),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  decisionReason: z.string().optional(),
  etag: z.string().optional(),
});
export type GuardException = z.infer<typeof exceptionSchema>;

export function isActiveException(e: GuardException, now: Date): boolean {
  return e.status === 'approved' && e.expiresAt !== undefined && Date.parse(e.expiresAt) > now.getTime();
}
