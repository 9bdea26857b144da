/**
 * Delivery: a publish never fails the decision it reports. The publisher retries a little; what
 * the topic still refuses is kept in the outbox and delivered by `drainOutbox` (the expiry timer,
 * `aml-guard serve`), so an outage delays notifications instead of losing them. Delivery is at
 * least once: subscribers dedupe on the CloudEvent `id`.
 */
import { NotificationRefused } from '../../azure/notification-publisher';
import type { Notification } from '../../model';
import type { PendingNotification } from '../../store';
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

/** A notification the topic rejected (400 / 413) on its own this many times is dropped, with an error in the log: it would block nothing, but it would never go either. */
export const MAX_REJECTIONS = 3;

/**
 * Delivers what the outbox holds, oldest first. An unavailable topic stops the drain (everything
 * stays, attempts counted); a rejected batch is retried one event at a time, so one bad event never
 * holds the others back.
 */
export async function drainOutbox(ctx: GuardContext): Promise<DrainResult> {
  const publisher = ctx.notifications;
  if (!publisher) return { delivered: 0, stillPending: 0 };
  const pending = await ctx.store.outbox.list();
  let delivered = 0;
  let dropped = 0;
  let kept = 0;
  /** `split`: the topic rejected a batch of several; the caller retries them one by one. */
  const send = async (part: readonly PendingNotification[]): Promise<'sent' | 'split' | 'rejected' | 'unavailable'> => {
    try {
      await publisher.publish(part.map((p) => p.notification));
    } catch (error) {
      const lastError = messageOf(error);
      const kind = error instanceof NotificationRefused ? error.kind : 'unavailable';
      if (kind === 'rejected' && part.length > 1) return 'split';
      const again = part.map((p) => ({ ...p, attempts: p.attempts + 1, lastError }));
      const givenUp = kind === 'rejected' ? again.filter((p) => p.attempts >= MAX_REJECTIONS) : [];
      if (givenUp.length) {
        ctx.log.error(`notification dropped after ${MAX_REJECTIONS} rejections by the topic (${lastError.slice(0, 300)}): ${givenUp.map((p) => `${p.notification.type} ${p.notification.subject} (${p.notification.id})`).join('; ')}`);
        await ctx.store.outbox.remove(givenUp.map((p) => p.notification.id));
        dropped += givenUp.length;
      }
      const keep = again.filter((p) => !givenUp.includes(p));
      if (keep.length) await ctx.store.outbox.keep(keep);
      kept += keep.length;
      return kind;
    }
    await ctx.store.outbox.remove(part.map((p) => p.notification.id));
    delivered += part.length;
    return 'sent';
  };
  for (let i = 0; i < pending.length; i += BATCH) {
    const part = pending.slice(i, i + BATCH);
    let outcome = await send(part);
    if (outcome === 'split') {
      for (const one of part) {
        if ((await send([one])) !== 'unavailable') continue;
        outcome = 'unavailable';
        break;
      }
    }
    if (outcome === 'unavailable') {
      const left = pending.length - delivered - dropped;
      ctx.log.warn(`notification outbox: the topic is unavailable; ${left} event(s) kept for the next drain`);
      return { delivered, stillPending: left };
    }
  }
  return { delivered, stillPending: kept };
}
