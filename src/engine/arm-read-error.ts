import { describeArmError } from '../azure/arm-error';

/** ARM could not be read for a resource (throttled past retries, 5xx, bad payload). A sweep moves on; an event retries. */
export class ArmReadError extends Error {
  override name = 'ArmReadError';
  constructor(readonly resourceId: string, cause: unknown) {
    super(`reading ${resourceId} failed: ${describeArmError(cause)}`);
  }
}
