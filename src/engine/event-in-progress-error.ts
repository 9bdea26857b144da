/** Another invocation holds this event's claim: fail this delivery so the queue retries it later. */
export class EventInProgressError extends Error {
  override name = 'EventInProgressError';
  constructor(readonly eventId: string) {
    super(`event ${eventId} is being processed by another invocation; the delivery will be retried`);
  }
}
