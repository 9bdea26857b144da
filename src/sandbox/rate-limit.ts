export interface RateLimit {
  /** Bucket size: requests allowed in a burst. */
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** A token bucket: `take()` returns 0 when a request may proceed, else the seconds to wait (Retry-After). */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    if (!(limit.capacity >= 1) || !(limit.refillPerSecond > 0)) throw new RangeError('rateLimit needs capacity >= 1 and refillPerSecond > 0');
    this.tokens = limit.capacity;
    this.last = now();
  }

  /** Whole requests left in the bucket now (ARM's `x-ms-ratelimit-remaining-subscription-*`). */
  remaining(): number {
    this.refill();
    return Math.max(0, Math.floor(this.tokens));
  }

  take(): number {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.limit.refillPerSecond));
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.limit.capacity, this.tokens + ((t - this.last) / 1000) * this.limit.refillPerSecond);
    this.last = t;
  }
}
