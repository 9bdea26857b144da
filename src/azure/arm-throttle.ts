import { AsyncLocalStorage } from 'node:async_hooks';
import { isRestError, type PipelinePolicy, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';

/** A token bucket's shape: `burst` requests at once, `perSecond` refill. */
export interface BucketLimit {
  readonly burst: number;
  readonly perSecond: number;
}

export interface ArmLimits {
  readonly reads: BucketLimit;
  readonly writes: BucketLimit;
}

/** ARM's published limits per subscription and principal (token bucket): reads 250 / 25 per s, writes 200 / 10 per s. */
export const ARM_PUBLISHED_LIMITS: ArmLimits = { reads: { burst: 250, perSecond: 25 }, writes: { burst: 200, perSecond: 10 } };
/** Resource Graph's published quota per user: 15 queries per 5-second window. */
export const RESOURCE_GRAPH_LIMIT: BucketLimit = { burst: 15, perSecond: 3 };

/** `READS_BURST:READS_PER_S:WRITES_BURST:WRITES_PER_S` (AMLGUARD_ARM_RATE_LIMIT). */
export function parseArmLimits(text: string): ArmLimits {
  const parts = text.split(':').map(Number);
  if (parts.length !== 4 || parts.some((n) => !(n > 0))) throw new RangeError(`ARM rate limit ${JSON.stringify(text)}: expected READS_BURST:READS_PER_S:WRITES_BURST:WRITES_PER_S, all > 0`);
  const [rb, rps, wb, wps] = parts as [number, number, number, number];
  return { reads: { burst: rb, perSecond: rps }, writes: { burst: wb, perSecond: wps } };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class Bucket {
  private tokens: number;
  private last = Date.now();
  private blockedUntil = 0;

  constructor(private readonly limit: BucketLimit) {
    this.tokens = limit.burst;
  }

  /** Waits for a token; returns the ms waited. */
  async take(): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.perSecond);
      this.last = now;
      if (now >= this.blockedUntil && this.tokens >= 1) {
        this.tokens -= 1;
        return waited;
      }
      const ms = Math.max(this.blockedUntil - now, Math.ceil(((1 - this.tokens) / this.limit.perSecond) * 1000), 1);
      await sleep(ms);
      waited += ms;
    }
  }

  /** ARM said how many requests are left (x-ms-ratelimit-remaining-*): never assume more. */
  cap(remaining: number): void {
    this.tokens = Math.min(this.tokens, remaining);
  }

  /** A 429: nobody sends on this bucket before `until`. */
  block(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
    this.tokens = Math.min(this.tokens, 0);
  }
}

export interface ThrottleStats {
  /** Responses 429 received. */
  throttled: number;
  /** Attempts repeated after a 429, a 5xx or a network error. */
  retries: number;
  /** Time spent waiting for the client-side buckets or Retry-After, summed over requests (ms). */
  waitedMs: number;
  /** Requests sent, by kind. */
  sent: { reads: number; writes: number; graph: number };
}

type Kind = 'reads' | 'writes' | 'graph';

/**
 * Client-side ARM limits: one read and one write bucket per subscription (this throttle is one
 * identity's: one per context), one Resource Graph bucket, filled at ARM's published rates (or
 * AMLGUARD_ARM_RATE_LIMIT), lowered by what ARM says remains, stopped by a 429's Retry-After.
 */
export class ArmThrottle {
  private readonly buckets = new Map<string, Bucket>();
  readonly stats: ThrottleStats = { throttled: 0, retries: 0, waitedMs: 0, sent: { reads: 0, writes: 0, graph: 0 } };

  constructor(
    readonly limits: ArmLimits = ARM_PUBLISHED_LIMITS,
    /**
     * How long a request keeps retrying when no run deadline is set (withDeadline): the event
     * path, whose queue redelivers; about what the SDKs' own 3 retries took (4 attempts).
     */
    readonly defaultRetryWindowMs = 5_000,
  ) {}

  bucket(kind: Kind, subscription: string): Bucket {
    const key = `${kind}|${kind === 'graph' ? '' : subscription}`;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = new Bucket(kind === 'graph' ? RESOURCE_GRAPH_LIMIT : this.limits[kind])));
    return b;
  }
}

const deadlineStore = new AsyncLocalStorage<number>();

/** Runs `fn` with a deadline (epoch ms): throttled or failing ARM calls inside keep retrying until then, and no longer. */
export function withDeadline<T>(deadlineMs: number, fn: () => Promise<T>): Promise<T> {
  return deadlineStore.run(deadlineMs, fn);
}

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);
const MAX_BACKOFF_MS = 30_000;

function kindOf(request: PipelineRequest): Kind {
  const path = new URL(request.url).pathname.toLowerCase();
  if (path.startsWith('/providers/microsoft.resourcegraph/')) return 'graph';
  return request.method === 'GET' || request.method === 'HEAD' ? 'reads' : 'writes';
}

function subscriptionOf(request: PipelineRequest): string {
  return /^\/subscriptions\/([^/]+)/i.exec(new URL(request.url).pathname)?.[1]?.toLowerCase() ?? '';
}

/** Retry-After (seconds or an HTTP date), else ARM's x-ms-ratelimit-reset / Resource Graph's x-ms-user-quota-resets-after (hh:mm:ss). */
export function retryAfterMs(response: PipelineResponse): number | undefined {
  const h = response.headers;
  const after = h.get('retry-after');
  if (after !== undefined) {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(after);
    if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
  }
  const resets = h.get('x-ms-user-quota-resets-after');
  const m = resets ? /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(resets) : null;
  if (m) return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
  return undefined;
}

function remainingOf(response: PipelineResponse, kind: Kind): number | undefined {
  const names = kind === 'graph' ? ['x-ms-user-quota-remaining'] : [`x-ms-ratelimit-remaining-subscription-${kind}`, `x-ms-ratelimit-remaining-subscription-global-${kind}`];
  const values = names.map((n) => Number(response.headers.get(n))).filter((n) => Number.isFinite(n));
  return values.length ? Math.min(...values) : undefined;
}

/** The attempt's outcome as the SDK expects it: its error when it threw one, else the response. */
function settle(response: PipelineResponse | undefined, failure: unknown): PipelineResponse {
  if (failure !== undefined || response === undefined) throw failure;
  return response;
}

function isTransient(error: unknown): boolean {
  if (isRestError(error)) return error.statusCode === undefined; // no response: the connection failed
  return error instanceof Error && /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|socket hang up/i.test(`${error.message} ${(error as { code?: string }).code ?? ''}`);
}

/**
 * The pipeline policy: takes a token before each attempt, and retries 429 (after Retry-After,
 * holding back every request of that bucket), 408 / 5xx and dropped connections (exponential
 * backoff) until the run's deadline. The SDKs' own retries are off (see clientOptions), so this
 * is the one retry loop.
 */
export function throttlePolicy(throttle: ArmThrottle): PipelinePolicy {
  return {
    name: 'amlGuardArmThrottle',
    async sendRequest(request, next) {
      const kind = kindOf(request);
      const bucket = throttle.bucket(kind, subscriptionOf(request));
      const deadline = deadlineStore.getStore() ?? Date.now() + throttle.defaultRetryWindowMs;
      for (let attempt = 0; ; attempt++) {
        throttle.stats.waitedMs += await bucket.take();
        throttle.stats.sent[kind]++;
        let response: PipelineResponse | undefined;
        let failure: unknown;
        try {
          response = await next(request);
        } catch (error) {
          // core-client SDKs turn an unexpected status into a RestError during deserialization
          if (isRestError(error) && error.response) response = error.response;
          else if (!isTransient(error)) throw error;
          failure = error;
        }
        if (response) {
          const remaining = remainingOf(response, kind);
          if (remaining !== undefined) bucket.cap(remaining);
          if (!RETRYABLE.has(response.status)) return settle(response, failure);
        }
        const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt) * (0.8 + Math.random() * 0.4);
        const wait = (response && retryAfterMs(response)) ?? backoff;
        if (response?.status === 429) {
          throttle.stats.throttled++;
          bucket.block(Date.now() + wait);
        }
        if (Date.now() + wait > deadline) return settle(response, failure);
        throttle.stats.retries++;
        if (response?.status !== 429) {
          await sleep(wait);
          throttle.stats.waitedMs += wait;
        }
      }
    },
  };
}
