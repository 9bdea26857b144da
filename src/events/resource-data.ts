import { z } from 'zod';
import { describeZodError, parseBoundedJson } from '../model';
import { EventParseError, show } from './errors';

/**
 * Some producers (and the Azure SDK test data) send these objects as JSON-encoded strings:
 * decode such a string, leave anything else for the schema to judge.
 */
function jsonEncodedObject<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    try {
      return parseBoundedJson(v);
    } catch {
      return v;
    }
  }, schema);
}

const optionalString = z.string({ error: (i) => `must be a string, got ${show(i.input)}` }).optional();
const objectError = { error: (i: { input: unknown }) => `must be an object (or a JSON-encoded object), got ${show(i.input)}` };

/** Claim values are strings in ARM events; anything else is kept but never read as an identity. */
const claimsSchema = z.record(z.string(), z.unknown(), objectError);

const authorizationSchema = z.looseObject({ scope: optionalString, action: optionalString, evidence: z.unknown().optional() }, objectError);

const httpRequestSchema = z.looseObject(
  { clientRequestId: optionalString, clientIpAddress: optionalString, method: optionalString, url: optionalString },
  objectError,
);

/**
 * `data` of Microsoft.Resources.Resource* events (the SDK's `ResourceWriteSuccessEventData` and
 * siblings, where every field is required), tolerant of what real producers send:
 * `httpRequest` / `resourceUri` / `status` may be absent; `authorization`, `claims`, `httpRequest`
 * (and `data` itself) may be JSON-encoded strings. Fields this layer does not use are kept but not required.
 */
export const resourceEventDataSchema = jsonEncodedObject(
  z.looseObject(
    {
      resourceUri: optionalString,
      operationName: optionalString,
      status: optionalString,
      subscriptionId: optionalString,
      tenantId: optionalString,
      resourceProvider: optionalString,
      correlationId: optionalString,
      authorization: jsonEncodedObject(authorizationSchema).optional(),
      claims: jsonEncodedObject(claimsSchema).optional(),
      httpRequest: jsonEncodedObject(httpRequestSchema).optional(),
    },
    { error: (i) => (i.input === undefined ? 'is required for a resource event' : `must be an object, got ${show(i.input)}`) },
  ),
);
export type ResourceEventData = z.infer<typeof resourceEventDataSchema>;

/** Validates `data` of the resource event at path `where` (e.g. `event[0].data`). */
export function parseResourceEventData(data: unknown, where: string): ResourceEventData {
  const r = resourceEventDataSchema.safeParse(data);
  if (!r.success) throw new EventParseError(describeZodError(r.error, where));
  return r.data;
}
