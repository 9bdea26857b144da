import { SUBSCRIPTION_VALIDATION_EVENT_TYPE, resourceEventType } from './event-types';
import { callerFromClaims } from './caller';
import { parseEnvelope } from './envelope';
import { EventParseError, eventPath } from './errors';
import type { ParsedEvent } from './parsed-event';
import { parseResourceEventData } from './resource-data';
import { eventResourceId } from './resource-id';

/** Validates and normalises the event at position `index` of a message. Throws EventParseError. */
const PROVIDER_NAMESPACE_SCOPE = /^\/subscriptions\/[0-9a-f-]{36}(\/resourcegroups\/[^/]+)?\/providers\/[^/]+\/?$/i;

export function parseEvent(raw: unknown, index: number): ParsedEvent {
  const env = parseEnvelope(raw, index);
  const type = resourceEventType(env.eventType);
  if (!type) {
    const reason =
      env.eventType === SUBSCRIPTION_VALIDATION_EVENT_TYPE
        ? 'Event Grid subscription validation event (the handshake is answered by the trigger, not here)'
        : `not a Microsoft.Resources resource event (${env.eventType})`;
    return { ignored: true, id: env.id, eventType: env.eventType, reason };
  }
  const timeField = env.schema === 'cloudevents' ? 'time' : 'eventTime';
  if (env.eventTime === undefined) throw new EventParseError(`${eventPath(index, timeField)}: is required for a resource event`);
  const data = parseResourceEventData(env.data, eventPath(index, 'data'));
  const operationName = data.operationName?.trim() || data.authorization?.action?.trim();
  if (!operationName) throw new EventParseError(`${eventPath(index, 'data', 'operationName')}: is required (and data.authorization.action is absent too)`);

  const fromUri = data.resourceUri !== undefined && data.resourceUri.trim() !== '';
  if (!fromUri && env.subject.trim() === '') throw new EventParseError(`${eventPath(index, 'data', 'resourceUri')}: is required when subject is empty`);
  const where = fromUri ? eventPath(index, 'data', 'resourceUri') : eventPath(index, 'subject');
  const rawId = fromUri ? data.resourceUri! : env.subject;
  if (PROVIDER_NAMESPACE_SCOPE.test(rawId.trim())) {
    // A resource provider registration (`/subscriptions/{id}/providers/Microsoft.Compute`): real, valid, not a resource.
    return { ignored: true, id: env.id, eventType: env.eventType, reason: `resource provider scope, not a resource: ${rawId.trim()}` };
  }
  const armId = eventResourceId(fromUri ? data.resourceUri! : env.subject, where, operationName);

  const correlationId = data.correlationId?.trim();
  return {
    id: env.id,
    eventType: type.eventType,
    kind: type.kind,
    status: data.status?.trim() || type.impliedStatus,
    resourceId: armId.id,
    subscriptionId: armId.subscriptionId,
    operationName,
    eventTime: env.eventTime,
    ...(correlationId && { correlationId }),
    caller: callerFromClaims(data.claims),
  };
}
