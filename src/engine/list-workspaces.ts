import { describeArmError } from '../azure/arm-error';
import type { ArmResource } from '../model';
import type { GuardContext } from './context';
import type { RunResult } from './run-result';

/** A subscription's workspaces; a failed listing is recorded in `result.errors` (undefined) and the run moves on. */
export async function listWorkspacesOrRecord(ctx: GuardContext, subscriptionId: string, result: RunResult): Promise<ArmResource[] | undefined> {
  try {
    return await ctx.reader.listWorkspaces(subscriptionId);
  } catch (error) {
    result.errors.push({ resourceId: `/subscriptions/${subscriptionId}`, error: `listing workspaces failed: ${describeArmError(error)}` });
    return undefined;
  }
}
