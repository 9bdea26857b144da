/** A failure to inject into matching requests. */
export interface FaultSpec {
  /** HTTP method to match (any when absent). */
  readonly method?: string;
  /** Tested against the request path as sent (percent-encoding kept, no query); any path when absent. */
  readonly pathPattern?: RegExp;
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** How many matching requests fail; default 1. */
  readonly times?: number;
  /** Sent as `Retry-After` (seconds). */
  readonly retryAfterSeconds?: number;
  /**
   * For a request that starts a long-running operation: accept it (202) and let the
   * operation end `Failed` with this code and message instead of failing the request.
   */
  readonly failOperation?: boolean;
}

interface ArmedFault {
  readonly spec: FaultSpec;
  remaining: number;
}

/** Injected faults, matched in the order they were added. */
export class FaultInjector {
  private faults: ArmedFault[] = [];

  add(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!(times >= 1)) throw new RangeError('fault times must be >= 1');
    if (!(spec.status >= 400 && spec.status <= 599)) throw new RangeError('fault status must be 4xx or 5xx');
    this.faults.push({ spec, remaining: times });
  }

  /**
   * Consumes and returns the first fault matching the request, if any: `request` faults fail
   * the request itself, `operation` faults (failOperation) fail the long-running operation it starts.
   */
  take(method: string, path: string, phase: 'request' | 'operation'): FaultSpec | undefined {
    const hit = this.faults.find(
      (f) =>
        (f.spec.method === undefined || f.spec.method.toUpperCase() === method.toUpperCase()) &&
        (f.spec.pathPattern === undefined || testPattern(f.spec.pathPattern, path)) &&
        (f.spec.failOperation === true) === (phase === 'operation'),
    );
    if (!hit) return undefined;
    hit.remaining -= 1;
    if (hit.remaining <= 0) this.faults = this.faults.filter((f) => f !== hit);
    return hit.spec;
  }

  clear(): void {
    this.faults = [];
  }
}

function testPattern(pattern: RegExp, path: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(path);
}
