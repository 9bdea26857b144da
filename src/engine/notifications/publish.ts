/**
 * Delivery: a publish never fails the decision it reports. The publisher retries a little; what
 * the topic still refuses is kept in the outbox and delivered by `drainOutbox` (the expiry timer,
 * `aml-guard serve`), so an outage delays notifications instead of losing them. Delivery is at
 * least once: subscribers dedupe on the CloudEvent `id`.
 */
import type { Notification } from '../../model';
import type { GuardContext } from '../context';

/** Largest batch sent in one request (Event Grid accepts up to 1 MB per request). */
const BATCH = 50;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Publishes, or keeps in the outbox; logs, never throws. No topic configured: nothing to do. */
export async function publishNotifications(ctx: GuardContext, batch: readonly Notification[]): Promise<void> {
  const publisher = ctx.notifications;
  if (!publisher || batch.length === 0) return;
  for (let i = 0; i < batch.length; i += BATCH) {
    const part = batch.slice(i, i + BATCH);
    try {
      await publisher.publish(part);
    } catch (error) {
      const lastError = messageOf(error);
      ctx.log.warn(`notification topic refused ${part.length} event(s) (${lastError.slice(0, 300)}): kept in the outbox for the next drain`);
      try {
        await ctx.store.outbox.keep(part.map((notification) => ({ notification, attempts: 1, lastError })));
      } catch (storeError) {
        ctx.log.error(`${part.length} notification(s) lost: the topic refused them and the outbox could not keep them (${messageOf(storeError).slice(0, 300)}): ${part.map((n) => `${n.type} ${n.subject}`).join('; ')}`);
      }
    }
  }
}

export interface DrainResult {
  readonly delivered: number;
  readonly stillPending: number;
}

/** Delivers what the outbox holds, oldest first; what fails again stays, with its attempt count. */
export async function drainOutbox(ctx: GuardContext): Promise<DrainResult> {
  const publisher = ctx.notifications;
  if (!publisher) return { delivered: 0, stillPending: 0 };
  const pending = await ctx.store.outbox.list();
  let delivered = 0;
  for (let i = 0; i < pending.length; i += BATCH) {
    const part = pending.slice(i, i + BATCH);
    try {
      await publisher.publish(part.map((p) => p.notification));
    } catch (error) {
      const lastError = messageOf(error);
      await ctx.store.outbox.keep(part.map((p) => ({ ...p, attempts: p.attempts + 1, lastError })));
      ctx.log.warn(`notification outbox: the topic still refuses (${lastError.slice(0, 300)}); ${pending.length - delivered} event(s) kept`);
      return { delivered, stillPending: pending.length - delivered };
    }
    await ctx.store.outbox.remove(part.map((p) => p.notification.id));
    delivered += part.length;
  }
  return { delivered, stillPending: 0 };
}
