import { decodeMessage } from './decode-message';
import { EventParseError } from './errors';
import { parseEvent } from './parse-event';
import type { ParsedEvent } from './parsed-event';

/**
 * Parses a queue / Event Grid / replay message into events: Event Grid schema or CloudEvents 1.0,
 * one event or an array, as parsed JSON, JSON text, base64 JSON or bytes. Events that are not
 * resource changes come back as IgnoredEvent. Throws EventParseError (what + where) on the first
 * invalid event: a message is accepted or rejected whole.
 */
export function parseEventMessage(input: unknown): ParsedEvent[] {
  return decodeMessage(input).map((raw, index) => parseEvent(raw, index));
}

/** parseEventMessage without throwing: the events, or the EventParseError message. */
export function tryParseEventMessage(input: unknown): { readonly events: ParsedEvent[] } | { readonly error: string } {
  try {
    return { events: parseEventMessage(input) };
  } catch (e) {
    if (e instanceof EventParseError) return { error: e.message };
    // never expected; still a message, not a stack
    return { error: `message could not be parsed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
