import { effectiveMode, type Rule } from '../../model';
import type { GuardContext } from '../context';

/** The rules whose mode is not `off`: only their needs are gathered, only their types discovered. */
export function activeRules(ctx: Pick<GuardContext, 'rules' | 'config'>): Rule[] {
  return ctx.rules.filter((r) => effectiveMode(ctx.config, r.id, r.defaultMode) !== 'off');
}
