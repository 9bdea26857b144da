/** Events whose resource another invocation holds, with no way to hand them back for later: fail this delivery so it is retried. */
export class EventInProgressError extends Error {
  override name = 'EventInProgressError';
  constructor(readonly eventIds: readonly string[]) {
    super(`event(s) ${eventIds.join(', ')}: the resource is being evaluated by another invocation; the delivery will be retried`);
  }
}
