import type { ArmResource } from '../../model';
import { ArmReadError } from '../arm-read-error';
import type { GuardContext } from '../context';

/**
 * Reads a related resource for a gatherer: null when it is gone (404). Any other failure is an
 * ArmReadError, so a sweep records it and moves on, and an event is retried — a rule never
 * judges a resource on a read that failed.
 */
export async function readRelated(ctx: GuardContext, id: string): Promise<ArmResource | null> {
  try {
    return await ctx.reader.get(id);
  } catch (error) {
    throw new ArmReadError(id, error);
  }
}

/** Reads several related resources in parallel; the ones that are gone are left out. */
export async function readAllRelated(ctx: GuardContext, ids: readonly string[]): Promise<ArmResource[]> {
  const read = await Promise.all(ids.map((id) => readRelated(ctx, id)));
  return read.filter((r): r is ArmResource => r !== null);
}
