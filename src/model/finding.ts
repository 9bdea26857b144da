import { z } from 'zod';
import { jsonValueSchema } from './json';
import { severitySchema } from './severity';

export const findingStatusSchema = z.enum(['open', 'resolved', 'excepted']);
export type FindingStatus = z.infer<typeof findingStatusSchema>;

export const findingSchema = z.object({
  ruleId: z.string(),
  resourceId: z.string(),
  subscriptionId: z.string(),
  severity: severitySchema,
  status: findingStatusSchema,
  title: z.string(),
  evidence: z.record(z.string(), jsonValueSchema),
  firstSeen: z.string(),
  lastSeen: z.string(),
  resolvedAt: z.string().optional(),
  exceptionId: z.string().optional(),
  remediation: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;
