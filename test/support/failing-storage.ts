import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/** A closed local port: requests sent there fail with a real connection error (ECONNREFUSED). */
export const DEAD_ENDPOINT = 'http://127.0.0.1:9';

/**
 * A table-client pipeline policy under which Table Storage goes away at a chosen moment: once
 * armed, the nth request and every later one are sent to a dead endpoint (a real network failure,
 * nothing is mocked). Use with `retryOptions: { maxRetries: 0 }` so the failure is immediate.
 */
export class StorageOutage {
  private count = 0;
  private armed = false;

  /**
   * `after`: requests are counted only once it holds (e.g. the moment ARM has served a write);
   * `times`: how many requests fail (default: every one from then on; 1 = a transient failure).
   */
  constructor(
    private readonly failFrom: number,
    private readonly after: () => boolean = () => true,
    private readonly times = Number.POSITIVE_INFINITY,
  ) {}

  /** Starts counting (after the store is opened and its tables exist). */
  arm(): void {
    this.armed = true;
  }

  /** Requests counted since arm(). */
  get requests(): number {
    return this.count;
  }

  readonly policy: PipelinePolicy = {
    name: 'testStorageOutage',
    sendRequest: (request, next) => {
      if (this.armed && this.after() && ++this.count >= this.failFrom && this.count < this.failFrom + this.times) request.url = request.url.replace(/^https?:\/\/[^/]+/, DEAD_ENDPOINT);
      return next(request);
    },
  };
}
