/**
 * The exceptions API. Auth first (401/403/503), then validation (400 naming the field), then the
 * workflow in engine/exception-workflow.ts (404 / 409 with the current status / 403 separation of duties).
 *
 *   POST /api/exceptions                 {scope, ruleId, reason, durationHours}   Requester      -> 201
 *   POST /api/exceptions/{id}/approve    {comment?}                               Approver       -> 200
 *   POST /api/exceptions/{id}/reject     {reason}                                 Approver       -> 200
 *   POST /api/exceptions/{id}/revoke     {reason}                                 Approver; or the requester on their own pending request
 *   GET  /api/exceptions?status=&scope=                                           Reader | Requester | Approver
 *   GET  /api/exceptions/{id}                                                     Reader | Requester | Approver
 */
import { z } from 'zod';
import { APPROVER, hasRole, READER, REQUESTER, requireAnyRole, type Caller } from '../auth';
import {
  approveException,
  ExceptionWorkflowError,
  listExceptions,
  MAX_REASON_CHARS,
  readException,
  rejectException,
  requestException,
  revokeException,
  type ExceptionActor,
} from '../engine/exception-workflow';
import { exceptionStatusSchema, parseArmId, type GuardException } from '../model';
import { ApiError, json } from './responses';
import type { ApiDeps, ApiRequest, ApiResponse } from './types';
import { parseBody, parseQuery } from './validation';

export const READ_ROLES = [READER, REQUESTER, APPROVER] as const;

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An ARM id (subscription, resource group or resource), validated with parseArmId. */
const armScope = z
  .string({ error: 'must be a string: an ARM id such as /subscriptions/{id}/resourceGroups/{name}' })
  .trim()
  .min(1, 'is required: an ARM id')
  .max(2048, 'is too long for an ARM id')
  .superRefine((value, ctx) => {
    try {
      parseArmId(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

const text = (what: string) =>
  z
    .string({ error: `must be a string (${what})` })
    .trim()
    .min(1, `is required (${what})`)
    .max(MAX_REASON_CHARS, `must be at most ${MAX_REASON_CHARS} characters`);

function requestSchema(deps: ApiDeps) {
  const max = deps.ctx.config.exceptionMaxHours;
  const ruleIds = deps.ctx.rules.map((r) => r.id);
  return z.strictObject({
    scope: armScope,
    ruleId: z
      .string({ error: 'must be a string: a rule id from the catalog, or "*"' })
      .refine((id) => id === '*' || ruleIds.includes(id), { message: `is not a rule in the catalog (known: ${ruleIds.join(', ')}, or "*" for every rule)` }),
    reason: text('why the exception is needed'),
    durationHours: z
      .number({ error: 'must be a number of hours' })
      .positive('must be more than 0 hours')
      .max(max, `must be at most ${max} hours (AMLGUARD_EXCEPTION_MAX_HOURS)`),
  });
}

const approveSchema = z.strictObject({ comment: text('a note for the record').optional() });
const reasonSchema = z.strictObject({ reason: text('why') });
const listSchema = z.strictObject({
  status: z.string().pipe(exceptionStatusSchema).optional(),
  scope: armScope.optional(),
});

/** Authenticates and checks roles; AuthError propagates to the router (401/403/503). */
export async function authorize(request: ApiRequest, deps: ApiDeps, roles: readonly (typeof READ_ROLES)[number][]): Promise<Caller> {
  const caller = await deps.auth.authenticate(request.headers.authorization);
  requireAnyRole(caller, roles);
  return caller;
}

function actorOf(caller: Caller): ExceptionActor {
  return { oid: caller.oid, name: caller.name, isApprover: hasRole(caller, APPROVER) };
}

/** The public shape of an exception (the ETag goes in a header). */
export function exceptionView(e: GuardException): Omit<GuardException, 'etag'> {
  const { etag: _etag, ...rest } = e;
  return rest;
}

function etagHeader(e: GuardException): Record<string, string> {
  return e.etag ? { ETag: e.etag } : {};
}

function checkId(id: string): string {
  if (!ID.test(id)) throw new ApiError(400, 'InvalidId', `${JSON.stringify(id.slice(0, 64))} is not an exception id (a GUID)`, { field: 'id' });
  return id;
}

/** Workflow refusals as HTTP answers. */
export function workflowError(error: ExceptionWorkflowError): ApiError {
  const extra = { ...(error.details.field ? { field: error.details.field } : {}), ...(error.details.currentStatus ? { currentStatus: error.details.currentStatus } : {}) };
  switch (error.kind) {
    case 'not-found':
      return new ApiError(404, 'NotFound', error.message);
    case 'invalid-input':
      return new ApiError(400, 'InvalidBody', error.message, extra);
    case 'separation-of-duties':
      return new ApiError(403, 'SeparationOfDuties', error.message);
    case 'not-allowed':
      return new ApiError(403, 'MissingRole', error.message);
    case 'invalid-transition':
      return new ApiError(409, 'InvalidTransition', error.message, extra);
    case 'conflict':
      return new ApiError(409, 'Conflict', error.message, extra);
  }
}

async function run<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (error) {
    if (error instanceof ExceptionWorkflowError) throw workflowError(error);
    throw error;
  }
}

export async function postException(request: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  const caller = await authorize(request, deps, [REQUESTER]);
  const body = parseBody(request, requestSchema(deps));
  const created = await run(() => requestException(deps.ctx, actorOf(caller), body));
  return json(201, exceptionView(created), { Location: `${request.prefix ?? ''}/api/exceptions/${created.id}`, ...etagHeader(created) });
}

export async function approve(request: ApiRequest, deps: ApiDeps, id: string): Promise<ApiResponse> {
  const caller = await authorize(request, deps, [APPROVER]);
  const body = parseBody(request, approveSchema, { optional: true });
  const saved = await run(() => approveException(deps.ctx, actorOf(caller), checkId(id), body.comment));
  return json(200, exceptionView(saved), etagHeader(saved));
}

export async function reject(request: ApiRequest, deps: ApiDeps, id: string): Promise<ApiResponse> {
  const caller = await authorize(request, deps, [APPROVER]);
  const body = parseBody(request, reasonSchema);
  const saved = await run(() => rejectException(deps.ctx, actorOf(caller), checkId(id), body.reason));
  return json(200, exceptionView(saved), etagHeader(saved));
}

export async function revoke(request: ApiRequest, deps: ApiDeps, id: string): Promise<ApiResponse> {
  // Approvers revoke; a requester may withdraw their own pending request (the workflow checks which).
  const caller = await authorize(request, deps, [APPROVER, REQUESTER]);
  const body = parseBody(request, reasonSchema);
  const saved = await run(() => revokeException(deps.ctx, actorOf(caller), checkId(id), body.reason));
  return json(200, exceptionView(saved), etagHeader(saved));
}

export async function getException(request: ApiRequest, deps: ApiDeps, id: string): Promise<ApiResponse> {
  await authorize(request, deps, READ_ROLES);
  const e = await readException(deps.ctx, checkId(id));
  if (!e) throw new ApiError(404, 'NotFound', `no exception with id ${id}`);
  return json(200, exceptionView(e), etagHeader(e));
}

export async function getExceptions(request: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  await authorize(request, deps, READ_ROLES);
  const q = parseQuery(request, listSchema);
  const found = await listExceptions(deps.ctx, { ...(q.status ? { status: q.status } : {}), ...(q.scope ? { scope: q.scope } : {}) });
  return json(200, { exceptions: found.map(exceptionView) });
}
