import { describeArmError } from '../azure/arm-error';
import { sameId, type ArmResource, type RemediationAction } from '../model';
import type { GuardContext } from './context';
import type { RemediationRequest } from './remediate';

/** How long a remediation waits for another instance to finish with its target, and how often it retries. */
export const TARGET_LEASE_WAIT_MS = 15_000;
const TARGET_LEASE_RETRY_MS = 250;

export type HeldTarget =
  | {
      readonly kind: 'held';
      /** The target's state to write from. */
      readonly snapshot: ArmResource | null;
      /** Read just now under this lease (not the caller's snapshot). */
      readonly fresh: boolean;
      release(): Promise<void>;
      abandon(): Promise<void>;
    }
  | { readonly kind: 'busy' | 'unreadable'; readonly error: string };

const noop = async () => {};

/**
 * The target of a write, under its lease, as it is now. When the caller already holds the
 * subject's lease and read it just now, that is the target (no second lease, no second read).
 * Otherwise its lease is taken (waiting a little for another instance to finish) and it is re-read.
 */
export async function holdTarget(ctx: GuardContext, req: RemediationRequest, action: RemediationAction): Promise<HeldTarget> {
  if (req.leased && sameId(action.resourceId, req.subject.id)) {
    return { kind: 'held', snapshot: req.current !== undefined ? req.current : req.subject, fresh: false, release: noop, abandon: noop };
  }
  if (req.holding && sameId(action.resourceId, req.holding)) {
    try {
      return { kind: 'held', snapshot: await ctx.reader.live.get(action.resourceId), fresh: true, release: noop, abandon: noop };
    } catch (error) {
      return { kind: 'unreadable', error: `re-read failed: ${describeArmError(error)}` };
    }
  }
  const deadline = Date.now() + TARGET_LEASE_WAIT_MS;
  for (;;) {
    const taken = await ctx.store.leases.acquire(action.resourceId, { now: ctx.clock(), ttlMs: ctx.config.leaseSeconds * 1000 });
    if (taken.kind === 'acquired') {
      const lease = taken.lease;
      let snapshot: ArmResource | null;
      try {
        snapshot = await ctx.reader.live.get(action.resourceId);
      } catch (error) {
        await ctx.store.leases.abandon(lease);
        return { kind: 'unreadable', error: `re-read failed: ${describeArmError(error)}` };
      }
      return {
        kind: 'held',
        snapshot,
        fresh: true,
        release: () => ctx.store.leases.commit(lease, undefined, ctx.clock()),
        abandon: () => ctx.store.leases.abandon(lease),
      };
    }
    if (Date.now() >= deadline) {
      return { kind: 'busy', error: `another AML Guard instance is remediating ${action.resourceId} (lease held until ${taken.kind === 'taken' ? taken.expiresAt : 'unknown'}); it will be re-evaluated` };
    }
    await new Promise((r) => setTimeout(r, TARGET_LEASE_RETRY_MS));
  }
}
