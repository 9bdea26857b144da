import type { ActionRecord, ArmResource, Finding } from '../../model';
import type { GuardContext } from '../context';
import { remediationNotifications } from './build';
import { publishNotifications } from './publish';

/**
 * Architecture step 7: after the outcomes are recorded, publish the writes that were applied or
 * failed. Never throws (a refused publish goes to the outbox).
 */
export async function notifyRemediations(
  ctx: GuardContext,
  records: readonly ActionRecord[],
  findings: readonly Finding[],
  resource: (id: string) => ArmResource | undefined,
): Promise<void> {
  if (!ctx.notifications) return;
  await publishNotifications(ctx, remediationNotifications(records, { config: ctx.config, rules: ctx.rules, now: ctx.clock(), findings, resource }));
}
