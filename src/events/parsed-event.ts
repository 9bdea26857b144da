import type { ResourceChangeEvent } from '../model';

/** An event that is valid but not a resource change (a blob event, the subscription validation handshake, ...). */
export interface IgnoredEvent {
  readonly ignored: true;
  readonly id: string;
  readonly eventType: string;
  readonly reason: string;
}

/** What parsing yields per event: a resource change to route, or an event routing drops with zero ARM calls. */
export type ParsedEvent = ResourceChangeEvent | IgnoredEvent;

export function isIgnoredEvent(event: ParsedEvent): event is IgnoredEvent {
  return 'ignored' in event && event.ignored === true;
}
