import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { armActionFor, armScopeFor } from './arm-action';
import { ArmError, invalidRequestContent } from './arm-error';
import { linkedAccessChecks, type LinkedCheck } from './linked-access';
import { lockRefusal } from './management-locks';
import type { FaultInjector } from './faults';
import type { Reply, SandboxState } from './handlers/context';
import { dispatch } from './handlers/dispatch';
import { headerValue, readBody, writeReply } from './http-io';
import type { TokenBucket } from './rate-limit';
import { isWriteRequest } from './recorded-request';
import { parseRoute } from './route';
import { verifyToken, type TokenClaims } from './token';
import { publishToTopic, topicOf, type PublishedCloudEvent } from './topic';
import type { AuthorizeHook, RecordedRequest } from './types';
import { parseBoundedJson } from '../model';

export interface PipelineDeps {
  readonly state: SandboxState;
  readonly faults: FaultInjector;
  /** ARM's read and write throttling (absent: unlimited). */
  readonly buckets: { readonly reads?: TokenBucket; readonly writes?: TokenBucket };
  readonly authorize?: AuthorizeHook;
  /** What the Event Grid topic endpoint accepted (see topic.ts). */
  readonly published: PublishedCloudEvent[];
  latency(): number;
  record(request: RecordedRequest): void;
}

/**
 * The front door, in ARM's order: authentication (401), api-version (400), throttling (429),
 * injected faults, authorization (403), body, linked authorization (403), then the handler. Every request is recorded and
 * every response delayed by the configured latency.
 */
export function requestHandler(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      if (!res.headersSent) writeReply(res, 500, new ArmError(500, 'InternalServerError', String(error)).body(), {}, false);
      else res.destroy();
    });
  };
}

async function handle(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const at = new Date().toISOString();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', deps.state.endpoint);
  const text = await readBody(req);
  const topic = topicOf(url.pathname);
  if (topic !== undefined) return serveTopic(deps, req, res, { at, method, url, text, topic });
  let body: unknown;
  let bodyError: ArmError | undefined;
  if (text.trim() !== '') {
    try {
      body = parseBoundedJson(text);
    } catch (error) {
      bodyError = invalidRequestContent((error as Error).message);
    }
  }
  const armAction = armActionFor(method, url.pathname);
  const apiVersion = url.searchParams.get('api-version') ?? undefined;
  const correlationId = headerValue(req, 'x-ms-correlation-request-id') ?? headerValue(req, 'x-ms-client-request-id') ?? randomUUID();
  let claims: TokenClaims | undefined;
  let reply: Reply;
  let quota: Record<string, string> = {};
  try {
    claims = authenticate(headerValue(req, 'authorization'), deps.state.tenantId);
    if (!apiVersion) throw new ArmError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
    const read = !isWriteRequest({ method, armAction }); // a Resource Graph query is a read sent as POST
    const bucket = read ? deps.buckets.reads : deps.buckets.writes;
    const wait = bucket?.take() ?? 0;
    if (bucket) quota = { [`x-ms-ratelimit-remaining-subscription-${read ? 'reads' : 'writes'}`]: String(bucket.remaining()) };
    if (wait > 0) throw throttled(wait, read ? 'Read' : 'Write');
    const fault = deps.faults.take(method, url.pathname, 'request');
    if (fault) throw new ArmError(fault.status, fault.code, fault.message, fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {});
    const scope = armScopeFor(method, url.pathname);
    const { authorize } = deps;
    const oid = claims.oid;
    if (authorize && !authorize(oid, armAction, scope)) throw forbidden(claims, armAction, scope);
    if (bodyError) throw bodyError;
    const route = parseRoute(url.pathname);
    if (authorize) {
      const refused = linkedAccessChecks(method, route, body).filter((l) => !authorize(oid, l.action, l.scope));
      if (refused.length > 0) throw linkedForbidden(claims, armAction, scope, refused);
    }
    const locked = lockRefusal(deps.state.store, method, url.pathname);
    if (locked) throw locked;
    reply = dispatch(deps.state, {
      method,
      url,
      route,
      apiVersion,
      body,
      origin: {
        method,
        url: url.href,
        armAction,
        claims,
        correlationId,
        clientRequestId: headerValue(req, 'x-ms-client-request-id') ?? correlationId,
        clientIpAddress: req.socket.remoteAddress ?? '127.0.0.1',
      },
    });
  } catch (error) {
    reply = error instanceof ArmError ? { status: error.status, body: error.body(), headers: error.headers } : internalError(error);
  }
  const latency = deps.latency();
  if (latency > 0) await new Promise((r) => setTimeout(r, latency));
  deps.record({
    method,
    path: url.pathname,
    ...(apiVersion !== undefined ? { apiVersion } : {}),
    query: Object.fromEntries(url.searchParams),
    body,
    status: reply.status,
    ...(claims ? { principalOid: claims.oid } : {}),
    armAction,
    at,
  });
  writeReply(
    res,
    reply.status,
    reply.body,
    { 'x-ms-request-id': randomUUID(), 'x-ms-correlation-request-id': correlationId, ...quota, ...reply.headers },
    method === 'HEAD',
  );
}

function authenticate(header: string | undefined, tenantId: string): TokenClaims {
  const challenge = {
    'WWW-Authenticate': `Bearer authorization_uri="https://login.microsoftonline.com/${tenantId}", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header."`,
  };
  if (!header) throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", challenge);
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is provided in an invalid format.", challenge);
  const check = verifyToken(m[1]!);
  if (!check.ok) throw new ArmError(401, check.reason.includes('expired') ? 'ExpiredAuthenticationToken' : 'InvalidAuthenticationToken', check.reason);
  return check.claims;
}

function throttled(retryAfterSeconds: number, kind: 'Read' | 'Write'): ArmError {
  return new ArmError(
    429,
    'TooManyRequests',
    `The request is being throttled as the limit has been reached for operation type - ${kind}_ObservationWindow_00:05:00. For more information, see - https://aka.ms/srpthrottlinglimits`,
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

function forbidden(claims: TokenClaims, action: string, scope: string): ArmError {
  const client = claims.upn ?? claims.appid;
  return new ArmError(
    403,
    'AuthorizationFailed',
    `The client '${client}' with object id '${claims.oid}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

/** ARM's answer when the caller may perform the action but not join what the body links to. */
function linkedForbidden(claims: TokenClaims, action: string, scope: string, refused: readonly LinkedCheck[]): ArmError {
  const client = claims.upn ?? claims.appid;
  return new ArmError(
    403,
    'LinkedAuthorizationFailed',
    `The client '${client}' with object id '${claims.oid}' has permission to perform action '${action}' on scope '${scope}'; however, it does not have permission to perform action(s) '${refused.map((r) => r.action).join(',')}' on the linked scope(s) '${refused.map((r) => r.scope).join(',')}' (respectively) or the linked scope(s) are invalid.`,
  );
}

function internalError(error: unknown): Reply {
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: new ArmError(500, 'InternalServerError', `The sandbox failed: ${message}`).body() };
}

/** The Event Grid topic endpoint: not ARM (no RBAC action, no api-version of ARM's), recorded like every request. */
async function serveTopic(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse, r: { at: string; method: string; url: URL; text: string; topic: string }): Promise<void> {
  let reply: Reply;
  let claims: TokenClaims | undefined;
  try {
    const accepted = publishToTopic(
      {
        topic: r.topic,
        method: r.method,
        path: r.url.pathname,
        authorization: headerValue(req, 'authorization'),
        contentType: headerValue(req, 'content-type'),
        apiVersion: r.url.searchParams.get('api-version') ?? undefined,
        text: r.text,
      },
      deps.faults,
      deps.published,
    );
    reply = accepted.reply;
    claims = accepted.claims;
  } catch (error) {
    reply = error instanceof ArmError ? { status: error.status, body: error.body(), headers: error.headers } : internalError(error);
  }
  const latency = deps.latency();
  if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  let body: unknown;
  try {
    body = JSON.parse(r.text);
  } catch {
    body = undefined;
  }
  const apiVersion = r.url.searchParams.get('api-version') ?? undefined;
  deps.record({
    method: r.method,
    path: r.url.pathname,
    ...(apiVersion !== undefined ? { apiVersion } : {}),
    query: Object.fromEntries(r.url.searchParams),
    body,
    status: reply.status,
    ...(claims ? { principalOid: claims.oid } : {}),
    armAction: 'Microsoft.EventGrid/events/send/action',
    at: r.at,
  });
  writeReply(res, reply.status, reply.body, { 'x-ms-request-id': randomUUID(), ...reply.headers }, false);
}
