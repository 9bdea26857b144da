import { z } from 'zod';
import { jsonValueSchema } from './json';

/**
 * The decisions AML Guard publishes as CloudEvents to the notification topic (contract: people
 * route them to email / Teams by `type`).
 */
export const NOTIFICATION_TYPES = [
  'AmlGuard.Remediation.Applied',
  'AmlGuard.Remediation.Failed',
  'AmlGuard.Exception.Requested',
  'AmlGuard.Exception.Approved',
  'AmlGuard.Exception.Rejected',
  'AmlGuard.Exception.Revoked',
  'AmlGuard.Exception.Expiring',
  'AmlGuard.Exception.Expired',
] as const;
export const notificationTypeSchema = z.enum(NOTIFICATION_TYPES);
export type NotificationType = z.infer<typeof notificationTypeSchema>;

/** `data` of every notification: what it is about and who owns it. */
export const notificationDataSchema = z.object({
  ruleId: z.string(),
  /** Rule title (`*` for an exception covering every rule). */
  ruleTitle: z.string().optional(),
  resourceId: z.string(),
  /** Value of the ownership tag (the first of AMLGUARD_REQUIRED_TAGS) on the resource, when known. */
  owner: z.string().optional(),
  /** One line for people. */
  summary: z.string(),
  /** The finding as stored (status, evidence, ...), when there is one. */
  finding: z.record(z.string(), jsonValueSchema).optional(),
  /** Remediations: the action, its outcome, value before / after, error. */
  action: z.record(z.string(), jsonValueSchema).optional(),
  /** Exceptions: the exception as stored (no ETag). */
  exception: z.record(z.string(), jsonValueSchema).optional(),
});
export type NotificationData = z.infer<typeof notificationDataSchema>;

/** One decision to publish: a CloudEvent without the envelope fields the publisher fills in. */
export const notificationSchema = z.object({
  id: z.string().min(1),
  type: notificationTypeSchema,
  /** CloudEvents `subject`: the resource (or exception scope) id. */
  subject: z.string().min(1),
  time: z.string(),
  data: notificationDataSchema,
});
export type Notification = z.infer<typeof notificationSchema>;

/** CloudEvents `source` of every notification. */
export const NOTIFICATION_SOURCE = '/aml-guard';
