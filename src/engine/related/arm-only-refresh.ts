import { createHash } from 'node:crypto';
import { idKey } from '../../model';

/**
 * When a sweep re-reads a resource's ARM-only needs (what Resource Graph does not hold:
 * diagnostic settings, connections, budgets, policy assignments — one ARM list each). Their
 * events keep them current; the sweep only catches a missed event, so it reads them once per
 * period, not on every sweep. Each resource gets a fixed phase in the period (a hash of its id),
 * and a sweep reads the resources whose phase point fell since the last sweep that covered their
 * subscription: the reads spread evenly over the period's sweeps, nothing needs storing per
 * refresh (a refresh that finds nothing changed writes nothing), and a failed sweep widens the
 * next one's window instead of losing a refresh.
 */
export interface ArmOnlyRefresh {
  /** When the last sweep that covered the subject's subscription started; undefined: none did. */
  readonly since: string | undefined;
  readonly now: Date;
  readonly periodHours: number;
}

/**
 * Whether the subject's phase point falls in (since, now]. Always when the period is 0, when no
 * earlier sweep covered the subscription, or when that sweep is a whole period ago or more.
 */
export function armOnlyRefreshDue(resourceId: string, refresh: ArmOnlyRefresh): boolean {
  const period = refresh.periodHours * 3_600_000;
  const since = refresh.since === undefined ? Number.NaN : Date.parse(refresh.since);
  const now = refresh.now.getTime();
  if (period <= 0 || !Number.isFinite(since) || now - since >= period) return true;
  const offset = phaseOf(resourceId) * period;
  return Math.floor((now - offset) / period) > Math.floor((since - offset) / period);
}

/** A fraction in [0, 1) fixed by the id (any spelling of it). */
export function phaseOf(resourceId: string): number {
  return createHash('sha256').update(idKey(resourceId)).digest().readUInt32BE(0) / 2 ** 32;
}
