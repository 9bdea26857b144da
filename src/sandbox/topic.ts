/**
 * The sandbox's Event Grid custom topics: `POST {endpoint}/eventgrid/topics/{name}/api/events`
 * takes a CloudEvents 1.0 batch (`application/cloudevents-batch+json`) with a bearer token, as
 * `EventGridPublisherClient` sends it, and records what was published. Faults injected for the
 * path apply (a topic answering 500). Any topic name exists: the sandbox models the data plane.
 */
import { z } from 'zod';
import { ArmError } from './arm-error';
import type { FaultInjector } from './faults';
import type { Reply } from './handlers/context';
import { verifyToken, type TokenClaims } from './token';

const TOPIC_PATH = /^\/eventgrid\/topics\/([A-Za-z0-9-]{3,50})\/api\/events\/?$/i;
/** Event Grid refuses a request larger than 1 MB. */
const MAX_BATCH_BYTES = 1024 * 1024;

const cloudEventSchema = z.looseObject({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  subject: z.string().optional(),
  time: z.string().optional(),
  datacontenttype: z.string().optional(),
  data: z.unknown().optional(),
});
export type PublishedCloudEvent = z.infer<typeof cloudEventSchema> & { readonly topic: string };

export function topicOf(path: string): string | undefined {
  return TOPIC_PATH.exec(path)?.[1];
}

export interface TopicRequest {
  readonly topic: string;
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly apiVersion: string | undefined;
  readonly text: string;
}

function badRequest(message: string): ArmError {
  return new ArmError(400, 'BadRequest', message);
}

function authenticate(header: string | undefined): TokenClaims {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  if (!m) throw new ArmError(401, 'Unauthorized', 'The request authorization is missing or not a Bearer token.', { 'WWW-Authenticate': 'Bearer' });
  const check = verifyToken(m[1]!);
  if (!check.ok) throw new ArmError(401, 'Unauthorized', check.reason, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  return check.claims;
}

/** Validates and accepts a publish; throws ArmError with Event Grid's status for a refused one. */
export function publishToTopic(req: TopicRequest, faults: FaultInjector, published: PublishedCloudEvent[]): { reply: Reply; claims: TokenClaims } {
  if (req.method !== 'POST') throw new ArmError(405, 'MethodNotAllowed', `${req.method} is not allowed on a topic endpoint; POST events`);
  const claims = authenticate(req.authorization);
  if (!req.apiVersion) throw badRequest('The api-version query parameter is required.');
  const fault = faults.take(req.method, req.path, 'request');
  if (fault) throw new ArmError(fault.status, fault.code, fault.message, fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {});
  if (!/^application\/cloudevents-batch\+json\b/i.test(req.contentType ?? '')) {
    throw badRequest(`Content-Type ${JSON.stringify(req.contentType ?? '')} is not application/cloudevents-batch+json (this topic takes the CloudEvents 1.0 schema).`);
  }
  if (Buffer.byteLength(req.text) > MAX_BATCH_BYTES) throw new ArmError(413, 'RequestEntityTooLarge', 'The maximum size (1048576) has been exceeded.');
  let body: unknown;
  try {
    body = JSON.parse(req.text);
  } catch (error) {
    throw badRequest(`The request body is not JSON: ${(error as Error).message}`);
  }
  const batch = z.array(cloudEventSchema).min(1).safeParse(body);
  if (!batch.success) {
    const issue = batch.error.issues[0];
    throw badRequest(`Invalid CloudEvents batch at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  for (const e of batch.data) published.push({ ...e, topic: req.topic });
  return { reply: { status: 200, body: undefined }, claims };
}
