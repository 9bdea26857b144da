import { z } from 'zod';
import { describeZodError, parseBoundedJson } from '../model';
import { EventParseError, eventPath, show } from './errors';

/** The schema-independent part of one event: Event Grid schema and CloudEvents 1.0 normalised. */
export interface EventEnvelope {
  readonly schema: 'eventgrid' | 'cloudevents';
  readonly id: string;
  readonly eventType: string;
  /** The resource id for Microsoft.Resources events; '' when absent. */
  readonly subject: string;
  /** ISO 8601, as given; absent only on CloudEvents without `time`. */
  readonly eventTime?: string;
  /** `undefined` when the event has no data. */
  readonly data: unknown;
}

const required = () => z.string({ error: (i) => (i.input === undefined ? 'is required' : `must be a string, got ${show(i.input)}`) });
const nonEmpty = () => required().trim().min(1, 'must not be empty');
const isoTime = () => z.iso.datetime({ offset: true, error: (i) => (i.input === undefined ? 'is required' : `is not an ISO 8601 date-time: ${show(i.input)}`) });

/** Event Grid schema. `topic`, `dataVersion` (may be ''), `metadataVersion` are set by the service but not needed here. */
const eventGridSchema = z.looseObject({
  id: nonEmpty(),
  eventType: nonEmpty(),
  subject: required(),
  eventTime: isoTime(),
  data: z.unknown().optional(),
  dataVersion: z.string().optional(),
  metadataVersion: z.string().optional(),
  topic: z.string().optional(),
});

/** CloudEvents 1.0 (JSON format). `data_base64` carries binary data; it is decoded as UTF-8 JSON when possible. */
const cloudEventSchema = z.looseObject({
  specversion: z.literal('1.0', { error: (i) => `${show(i.input)} is not supported (expected "1.0")` }),
  id: nonEmpty(),
  type: nonEmpty(),
  source: required(),
  subject: z.string().optional(),
  time: isoTime().optional(),
  data: z.unknown().optional(),
  data_base64: z.string().optional(),
});

/** Validates the envelope of the event at `index`. Throws EventParseError naming the field. */
export function parseEnvelope(raw: unknown, index: number): EventEnvelope {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new EventParseError(`${eventPath(index)}: expected an event object, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : `a ${typeof raw}`}`);
  }
  if ('specversion' in raw) {
    const r = cloudEventSchema.safeParse(raw);
    if (!r.success) throw new EventParseError(describeZodError(r.error, eventPath(index)));
    const e = r.data;
    return { schema: 'cloudevents', id: e.id, eventType: e.type, subject: e.subject ?? '', eventTime: e.time, data: e.data ?? decodeBase64Data(e.data_base64) };
  }
  if ('eventType' in raw) {
    const r = eventGridSchema.safeParse(raw);
    if (!r.success) throw new EventParseError(describeZodError(r.error, eventPath(index)));
    const e = r.data;
    return { schema: 'eventgrid', id: e.id, eventType: e.eventType, subject: e.subject, eventTime: e.eventTime, data: e.data };
  }
  throw new EventParseError(`${eventPath(index)}: neither an Event Grid event (eventType) nor a CloudEvent (specversion)`);
}

function decodeBase64Data(b64: string | undefined): unknown {
  if (b64 === undefined) return undefined;
  const text = Buffer.from(b64, 'base64').toString('utf8');
  try {
    return parseBoundedJson(text);
  } catch {
    return text;
  }
}
