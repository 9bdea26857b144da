import type { GuardContext } from './context';

/** The given subscriptions, else every subscription the identity can read (AMLGUARD_SUBSCRIPTIONS unset). */
export async function subscriptionsInScope(ctx: GuardContext, given: readonly string[]): Promise<readonly string[]> {
  return given.length ? given : ctx.reader.listSubscriptions();
}
