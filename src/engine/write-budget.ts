/** The blast-radius cap: at most `limit` ARM writes in one invocation or run. */
export class WriteBudget {
  private used = 0;
  /** What the cap is, for the `skipped-cap` record ("blast-radius cap of 25 writes per run"). */
  readonly description: string;

  constructor(
    readonly limit: number,
    description?: string,
  ) {
    this.description = description ?? `blast-radius cap of ${limit} writes per run`;
  }

  get remaining(): number {
    return Math.max(0, this.limit - this.used);
  }

  tryTake(): boolean {
    if (this.used >= this.limit) return false;
    this.used += 1;
    return true;
  }

  /** Gives back a unit taken for a write that turned out unnecessary. */
  giveBack(): void {
    if (this.used > 0) this.used -= 1;
  }
}
