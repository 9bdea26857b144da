export { EventParseError } from './errors';
export { isIgnoredEvent, type IgnoredEvent, type ParsedEvent } from './parsed-event';
export { parseEventMessage, tryParseEventMessage } from './parse-message';
export { routeEvent, type RouteOptions } from './route';
export { dedupeEvents } from './dedupe';
export { RESOURCE_EVENT_TYPES, SUCCESS_EVENT_TYPES, SUBSCRIPTION_VALIDATION_EVENT_TYPE, resourceEventType, type ResourceEventType } from './event-types';
export { decodeMessage } from './decode-message';
