/** zod schemas for rows whose model type has no schema in src/model (AuditEntry is an interface there). */
import { z } from 'zod';
import { jsonValueSchema, type AuditEntry } from '../model';

export const auditEntrySchema = z.object({
  at: z.string(),
  category: z.enum(['remediation', 'exception', 'finding']),
  actor: z.string(),
  ruleId: z.string().optional(),
  resourceId: z.string().optional(),
  subjectId: z.string().optional(),
  action: z.string(),
  outcome: z.string(),
  before: jsonValueSchema.optional(),
  after: jsonValueSchema.optional(),
  error: z.string().optional(),
  exceptionId: z.string().optional(),
  correlationId: z.string().optional(),
  summary: z.string().optional(),
});

// Both directions, so the schema cannot drift from the model's interface.
type Parsed = z.infer<typeof auditEntrySchema>;
const _toModel = (v: Parsed): AuditEntry => v;
const _fromModel = (v: AuditEntry): Parsed => v;
void _toModel;
void _fromModel;

/** A stored key/value pair in the `state` table. */
export const stateRowSchema = z.object({ value: jsonValueSchema });

/** A queue message kept because it will never be processed. */
export const poisonMessageSchema = z.object({
  /** The queue (or other source) it came from. */
  source: z.string(),
  messageId: z.string().optional(),
  /** The message text as received (capped). */
  body: z.string(),
  reason: z.string(),
  at: z.string(),
  /** Deliveries the queue made before the message was given up (the host's dequeueCount). */
  dequeueCount: z.number().int().min(0).optional(),
  /** When `aml-guard poison replay` put it back on the events queue. */
  replayedAt: z.string().optional(),
});
export type PoisonMessage = z.infer<typeof poisonMessageSchema>;
