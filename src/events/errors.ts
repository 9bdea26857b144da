/**
 * A message that cannot be read as Event Grid / CloudEvents resource events. The message says what is
 * wrong and where (`event[2].data.resourceUri: ...`); it never carries a stack trace worth showing.
 */
export class EventParseError extends Error {
  override name = 'EventParseError';
}

/** `event[i]` or `event[i].a.b`: where in a message a problem is. */
export function eventPath(index: number, ...fields: readonly (string | number)[]): string {
  return [`event[${index}]`, ...fields.map(String)].join('.');
}

/** A value for an error message: JSON, cut short. */
export function show(value: unknown, max = 120): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
