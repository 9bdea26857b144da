/**
 * The exception approval workflow: request -> pending -> approved | rejected | revoked (withdrawn)
 * -> expired | revoked. Every state change is ETag-conditional (two deciders racing: one wins,
 * the other gets a `conflict`) and writes an audit entry (actor, status before and after, reason).
 *
 * Who may do what (roles are checked by the caller, e.g. the HTTP API; separation of duties here):
 *   request  any Requester                              -> pending
 *   approve  an Approver who is not the requester       pending  -> approved (expiresAt = approvedAt + durationHours)
 *   reject   an Approver (reason required)              pending  -> rejected
 *   revoke   an Approver (reason required)              approved -> revoked
 *            the requester, on their own pending request pending  -> revoked ("withdrawn" in the audit)
 *   expire   AML Guard (lazily on read, and by the timer) approved past expiresAt, or pending for 7 days -> expired
 */
import { randomUUID } from 'node:crypto';
import { parseArmId, scopeCovers, type AuditEntry, type ExceptionStatus, type GuardException } from '../model';
import { ConcurrencyError, type ExceptionFilter } from '../store';
import type { GuardContext } from './context';
import { notifyException } from './notifications/exceptions';
import type { ExceptionDecision } from './notifications/build';

/** A request nobody decided on within this many hours expires. */
export const PENDING_REQUEST_TTL_HOURS = 7 * 24;
const HOUR_MS = 3600_000;
export const MAX_REASON_CHARS = 1000;

export interface ExceptionActor {
  /** Entra object id: the identity compared for separation of duties. */
  readonly oid: string;
  /** Display name (upn / preferred_username), for people reading the record. */
  readonly name?: string;
  /** Holds the Approver role (may approve, reject and revoke). */
  readonly isApprover: boolean;
}

export interface ExceptionRequest {
  readonly scope: string;
  readonly ruleId: string;
  readonly reason: string;
  readonly durationHours: number;
}

export type ExceptionErrorKind = 'not-found' | 'invalid-input' | 'invalid-transition' | 'separation-of-duties' | 'not-allowed' | 'conflict';

export class ExceptionWorkflowError extends Error {
  override name = 'ExceptionWorkflowError';
  constructor(
    readonly kind: ExceptionErrorKind,
    message: string,
    readonly details: { readonly currentStatus?: ExceptionStatus; readonly field?: string } = {},
  ) {
    super(message);
  }
}

/** Why an exception is due to expire at `now`, if it is. */
export function expiryDue(e: GuardException, now: Date): 'deadline' | 'stale-request' | undefined {
  if (e.status === 'approved' && e.expiresAt !== undefined && Date.parse(e.expiresAt) <= now.getTime()) return 'deadline';
  if (e.status === 'pending' && Date.parse(e.createdAt) + PENDING_REQUEST_TTL_HOURS * HOUR_MS <= now.getTime()) return 'stale-request';
  return undefined;
}

function checkText(value: string, field: string): string {
  const v = value.trim();
  if (!v) throw new ExceptionWorkflowError('invalid-input', `${field} is required`, { field });
  if (v.length > MAX_REASON_CHARS) throw new ExceptionWorkflowError('invalid-input', `${field} must be at most ${MAX_REASON_CHARS} characters`, { field });
  return v;
}

function who(actor: { oid: string; name?: string }): string {
  return actor.name && actor.name !== actor.oid ? `${actor.name} (${actor.oid})` : actor.oid;
}

function auditOf(ctx: GuardContext, e: GuardException, action: string, actor: string, before: ExceptionStatus | null, summary: string): AuditEntry {
  return {
    at: ctx.clock().toISOString(),
    category: 'exception',
    actor,
    ruleId: e.ruleId,
    resourceId: e.scope,
    action,
    outcome: e.status,
    before,
    after: e.status,
    exceptionId: e.id,
    summary,
  };
}

/** Creates a pending request by `actor`. Input is re-validated here (the API validates first, with field names). */
export async function requestException(ctx: GuardContext, actor: ExceptionActor, input: ExceptionRequest): Promise<GuardException> {
  let subscriptionId: string;
  try {
    subscriptionId = parseArmId(input.scope).subscriptionId.toLowerCase();
  } catch (error) {
    throw new ExceptionWorkflowError('invalid-input', (error as Error).message, { field: 'scope' });
  }
  if (input.ruleId !== '*' && !ctx.rules.some((r) => r.id === input.ruleId)) {
    throw new ExceptionWorkflowError('invalid-input', `unknown rule id ${JSON.stringify(input.ruleId)}`, { field: 'ruleId' });
  }
  const max = ctx.config.exceptionMaxHours;
  if (!(Number.isFinite(input.durationHours) && input.durationHours > 0 && input.durationHours <= max)) {
    throw new ExceptionWorkflowError('invalid-input', `durationHours must be more than 0 and at most ${max} (AMLGUARD_EXCEPTION_MAX_HOURS)`, { field: 'durationHours' });
  }
  const reason = checkText(input.reason, 'reason');
  const e: GuardException = {
    id: randomUUID(),
    subscriptionId,
    scope: parseArmId(input.scope).id,
    ruleId: input.ruleId,
    status: 'pending',
    reason,
    durationHours: input.durationHours,
    requestedBy: actor.oid,
    ...(actor.name ? { requestedByName: actor.name } : {}),
    createdAt: ctx.clock().toISOString(),
  };
  const created = await ctx.store.exceptions.create(e);
  const summary = `${who(actor)} requested ${e.durationHours} h for ${e.ruleId} on ${e.scope}: ${reason}`;
  await ctx.store.audit.append([auditOf(ctx, created, 'request', actor.oid, null, summary)]);
  await notifyException(ctx, created, 'request', summary);
  return created;
}

/** Expires the exception if it is due (ETag-conditional, audited); returns its current state either way. */
export async function expireIfDue(ctx: GuardContext, e: GuardException): Promise<GuardException> {
  const now = ctx.clock();
  const due = expiryDue(e, now);
  if (!due || !e.etag) return e;
  const next: GuardException = { ...e, status: 'expired', decidedBy: ctx.actor, decidedAt: now.toISOString() };
  let saved: GuardException;
  try {
    saved = await ctx.store.exceptions.update(next, e.etag);
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    // Someone else changed it first (another reader expiring it, a revoke): theirs stands.
    return (await ctx.store.exceptions.get(e.subscriptionId, e.id)) ?? e;
  }
  const summary =
    due === 'deadline'
      ? `expired at ${e.expiresAt}: enforcement resumes for ${e.ruleId} on ${e.scope}`
      : `request not decided within ${PENDING_REQUEST_TTL_HOURS / 24} days: expired`;
  await ctx.store.audit.append([auditOf(ctx, saved, 'expire', ctx.actor, e.status, summary)]);
  await notifyException(ctx, saved, 'expire', summary);
  return saved;
}

/** One exception by id, expired first if due. */
export async function readException(ctx: GuardContext, id: string): Promise<GuardException | undefined> {
  const e = await ctx.store.exceptions.getById(id);
  return e && expireIfDue(ctx, e);
}

export interface ExceptionQuery {
  readonly status?: ExceptionStatus;
  /** Exceptions at, under or above this ARM id (everything that could concern it). */
  readonly scope?: string;
}

/** Newest first; due ones are expired first (so a `pending` filter never shows a stale request). */
export async function listExceptions(ctx: GuardContext, query: ExceptionQuery = {}): Promise<GuardException[]> {
  const filter: ExceptionFilter = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.scope ? { subscriptionId: parseArmId(query.scope).subscriptionId } : {}),
  };
  const related = (e: GuardException) => !query.scope || scopeCovers(query.scope, e.scope) || scopeCovers(e.scope, query.scope);
  const found = (await ctx.store.exceptions.list(filter)).filter(related);
  const current: GuardException[] = [];
  for (const e of found) current.push(await expireIfDue(ctx, e));
  return current
    .filter((e) => !query.status || e.status === query.status)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

/** Reads, expires if due, lets `decide` build the next state (or throw), writes it with the ETag read, audits. */
async function transition(
  ctx: GuardContext,
  id: string,
  actor: ExceptionActor,
  action: ExceptionDecision,
  decide: (current: GuardException, now: Date) => { next: GuardException; summary: string; action?: ExceptionDecision },
): Promise<GuardException> {
  const found = await ctx.store.exceptions.getById(id);
  if (!found) throw new ExceptionWorkflowError('not-found', `no exception with id ${id}`);
  const current = await expireIfDue(ctx, found);
  const now = ctx.clock();
  const { next, summary, action: auditAction } = decide(current, now);
  if (!current.etag) throw new Error(`exception ${id} was read without an ETag`);
  let saved: GuardException;
  try {
    saved = await ctx.store.exceptions.update(next, current.etag);
  } catch (error) {
    if (error instanceof ConcurrencyError) {
      const latest = await ctx.store.exceptions.get(current.subscriptionId, id);
      throw new ExceptionWorkflowError('conflict', `exception ${id} was changed by someone else while you acted on it (now ${latest?.status ?? 'gone'}): read it again`, {
        ...(latest ? { currentStatus: latest.status } : {}),
      });
    }
    throw error;
  }
  await ctx.store.audit.append([auditOf(ctx, saved, auditAction ?? action, actor.oid, current.status, summary)]);
  await notifyException(ctx, saved, auditAction ?? action, summary);
  return saved;
}

const PAST = { approve: 'approved', reject: 'rejected', revoke: 'revoked' } as const;

function mustBe(current: GuardException, status: ExceptionStatus, verb: 'approve' | 'reject' | 'revoke'): void {
  if (current.status !== status) {
    throw new ExceptionWorkflowError('invalid-transition', `cannot ${verb} exception ${current.id}: it is ${current.status}, and only a ${status} exception can be ${PAST[verb]}`, {
      currentStatus: current.status,
    });
  }
}

/** pending -> approved. The approver must hold the Approver role and must not be the requester. */
export function approveException(ctx: GuardContext, actor: ExceptionActor, id: string, comment?: string): Promise<GuardException> {
  return transition(ctx, id, actor, 'approve', (current, now) => {
    if (!actor.isApprover) throw new ExceptionWorkflowError('not-allowed', 'approving needs the AmlGuard.Approver role');
    mustBe(current, 'pending', 'approve');
    if (current.requestedBy === actor.oid) {
      throw new ExceptionWorkflowError('separation-of-duties', 'separation of duties: you requested this exception, so someone else must approve it');
    }
    const max = ctx.config.exceptionMaxHours;
    if (current.durationHours > max) {
      throw new ExceptionWorkflowError('invalid-transition', `cannot approve: durationHours ${current.durationHours} is over the current limit of ${max} (AMLGUARD_EXCEPTION_MAX_HOURS); reject it and request again`, {
        currentStatus: current.status,
      });
    }
    const note = comment?.trim() ? checkText(comment, 'comment') : undefined;
    const expiresAt = new Date(now.getTime() + current.durationHours * HOUR_MS).toISOString();
    const next: GuardException = {
      ...current,
      status: 'approved',
      approvedBy: actor.oid,
      ...(actor.name ? { approvedByName: actor.name } : {}),
      approvedAt: now.toISOString(),
      expiresAt,
    };
    return { next, summary: `${who(actor)} approved until ${expiresAt}${note ? `: ${note}` : ''}` };
  });
}

/** pending -> rejected, by an Approver, with a reason. */
export function rejectException(ctx: GuardContext, actor: ExceptionActor, id: string, reason: string): Promise<GuardException> {
  const why = checkText(reason, 'reason');
  return transition(ctx, id, actor, 'reject', (current, now) => {
    if (!actor.isApprover) throw new ExceptionWorkflowError('not-allowed', 'rejecting needs the AmlGuard.Approver role');
    mustBe(current, 'pending', 'reject');
    return {
      next: { ...current, status: 'rejected', decidedBy: actor.oid, decidedAt: now.toISOString(), decisionReason: why },
      summary: `${who(actor)} rejected: ${why}`,
    };
  });
}

/**
 * approved -> revoked by an Approver; or pending -> revoked by its own requester (a withdrawal).
 * Revoking ends the exception at once; the expiry timer re-evaluates what it covered.
 */
export function revokeException(ctx: GuardContext, actor: ExceptionActor, id: string, reason: string): Promise<GuardException> {
  const why = checkText(reason, 'reason');
  return transition(ctx, id, actor, 'revoke', (current, now) => {
    const decided = { decidedBy: actor.oid, decidedAt: now.toISOString(), decisionReason: why };
    if (current.status === 'pending' && current.requestedBy === actor.oid) {
      return { next: { ...current, status: 'revoked', ...decided }, summary: `${who(actor)} withdrew their request: ${why}`, action: 'withdraw' };
    }
    if (current.status === 'pending') {
      throw new ExceptionWorkflowError('invalid-transition', `cannot revoke exception ${current.id}: it is pending; an approver rejects a pending request, only its requester may withdraw it`, {
        currentStatus: current.status,
      });
    }
    mustBe(current, 'approved', 'revoke');
    if (!actor.isApprover) throw new ExceptionWorkflowError('not-allowed', 'revoking an approved exception needs the AmlGuard.Approver role');
    return { next: { ...current, status: 'revoked', ...decided }, summary: `${who(actor)} revoked: ${why}` };
  });
}
