import type { z } from 'zod';
import { ApiError } from './responses';
import { MAX_BODY_BYTES, type ApiRequest } from './types';
import { parseBoundedJson } from '../model';

/** The first zod issue as an ApiError naming the field (`body.durationHours` -> `durationHours`). */
export function zodToApiError(error: z.ZodError, where: 'body' | 'query'): ApiError {
  const issue = error.issues[0];
  if (!issue) return new ApiError(400, 'InvalidRequest', `invalid ${where}`);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    return new ApiError(400, where === 'body' ? 'UnknownField' : 'UnknownParameter', `${keys.map((k) => JSON.stringify(k)).join(', ')} ${keys.length > 1 ? 'are' : 'is'} not allowed in the ${where}`, {
      field: keys[0] ?? '',
    });
  }
  const field = issue.path.map(String).join('.');
  const limit = (issue as { maximum?: unknown }).maximum;
  return new ApiError(400, where === 'body' ? 'InvalidBody' : 'InvalidQuery', field ? `${field}: ${issue.message}` : issue.message, {
    ...(field ? { field } : {}),
    ...(issue.code === 'too_big' && typeof limit === 'number' ? { limit } : {}),
  });
}

/** Parses the JSON body and validates it; malformed JSON or a wrong shape is a 400 that says where. */
export function parseBody<T>(request: ApiRequest, schema: z.ZodType<T>, options: { optional?: boolean } = {}): T {
  const text = request.body;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ApiError(413, 'BodyTooLarge', `the request body must be at most ${MAX_BODY_BYTES} bytes`);
  let value: unknown;
  if (text.trim() === '') {
    if (!options.optional) throw new ApiError(400, 'MissingBody', 'a JSON object body is required');
    value = {};
  } else {
    try {
      value = parseBoundedJson(text);
    } catch (error) {
      throw new ApiError(400, 'InvalidJson', `the body is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ApiError(400, 'InvalidBody', 'the body must be a JSON object');
  const r = schema.safeParse(value);
  if (!r.success) throw zodToApiError(r.error, 'body');
  return r.data;
}

export function parseQuery<T>(request: ApiRequest, schema: z.ZodType<T>): T {
  const present = Object.fromEntries(Object.entries(request.query).filter(([, v]) => v !== undefined && v !== ''));
  const r = schema.safeParse(present);
  if (!r.success) throw zodToApiError(r.error, 'query');
  return r.data;
}
