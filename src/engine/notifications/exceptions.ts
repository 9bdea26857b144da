import { resourceTypeOf, type Finding, type GuardException } from '../../model';
import type { GuardContext } from '../context';
import { exceptionNotification, ownerOf, type ExceptionDecision } from './build';
import { drainOutbox, publishNotifications } from './publish';

const HOUR_MS = 3600_000;
/** `state` key: ids of approved exceptions whose "expiring" notice was sent. */
const EXPIRING_SENT_KEY = 'notifications.expiringSent';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What people need with an exception notice: the resource's owner (its ownership tag, read from ARM) and the findings it lets stand. */
async function facts(ctx: GuardContext, e: GuardException): Promise<{ owner?: string; findings: Finding[] }> {
  let owner: string | undefined;
  // Only types AML Guard reads anyway (its role grants nothing else); a resource group or subscription scope has no owner here.
  if (ctx.reader.readableTypes.has(resourceTypeOf(e.scope))) {
    try {
      owner = ownerOf(ctx.config, (await ctx.reader.get(e.scope)) ?? undefined);
    } catch (error) {
      ctx.log.warn(`notification for exception ${e.id}: owner unknown, ${e.scope} could not be read (${messageOf(error).slice(0, 200)})`);
    }
  }
  let findings: Finding[] = [];
  try {
    findings = (await ctx.store.findings.listForResourcePrefix(e.scope)).filter((f) => e.ruleId === '*' || f.ruleId === e.ruleId).slice(0, 5);
  } catch (error) {
    ctx.log.warn(`notification for exception ${e.id}: findings unavailable (${messageOf(error).slice(0, 200)})`);
  }
  return { ...(owner ? { owner } : {}), findings };
}

/** Publishes one exception decision (after it is saved and audited). Never throws. */
export async function notifyException(ctx: GuardContext, e: GuardException, decision: ExceptionDecision, summary: string): Promise<void> {
  if (!ctx.notifications) return;
  const f = await facts(ctx, e);
  await publishNotifications(ctx, [exceptionNotification(e, decision, { rules: ctx.rules, now: ctx.clock(), summary, ...f })]);
}

/** Approved exceptions ending within 24 h get one `Expiring` notice each (remembered in `state`). */
export async function notifyExpiring(ctx: GuardContext, now: Date): Promise<number> {
  if (!ctx.notifications) return 0;
  const soon = (await ctx.store.exceptions.list({ status: 'approved' })).filter((e) => {
    const end = e.expiresAt ? Date.parse(e.expiresAt) : Number.NaN;
    return end > now.getTime() && end <= now.getTime() + 24 * HOUR_MS;
  });
  const sentBefore = await ctx.store.state.get(EXPIRING_SENT_KEY);
  const sent = new Set(Array.isArray(sentBefore) ? sentBefore.filter((x): x is string => typeof x === 'string') : []);
  const due = soon.filter((e) => !sent.has(e.id));
  for (const e of due) await notifyException(ctx, e, 'expiring', `exception for ${e.ruleId} on ${e.scope} ends at ${e.expiresAt}: enforcement resumes then unless it is renewed`);
  if (due.length > 0 || sent.size !== soon.length) await ctx.store.state.set(EXPIRING_SENT_KEY, soon.map((e) => e.id));
  return due.length;
}

/** The periodic part (the expiry timer, `aml-guard serve`): expiring notices, then the outbox. Never throws. */
export async function notificationHousekeeping(ctx: GuardContext, now: Date): Promise<{ expiring: number; delivered: number; stillPending: number }> {
  const none = { expiring: 0, delivered: 0, stillPending: 0 };
  if (!ctx.notifications) return none;
  let expiring = 0;
  try {
    expiring = await notifyExpiring(ctx, now);
  } catch (error) {
    ctx.log.warn(`expiring-exception notices failed: ${messageOf(error).slice(0, 300)}`);
  }
  try {
    return { expiring, ...(await drainOutbox(ctx)) };
  } catch (error) {
    ctx.log.warn(`notification outbox drain failed: ${messageOf(error).slice(0, 300)}`);
    return { ...none, expiring };
  }
}
