import type { GuardContext } from '../engine';
import { effectiveMode } from '../model';

/** The first line on stderr of a run that may write to Azure: which rules, which subscriptions. */
export function writeWarning(ctx: Pick<GuardContext, 'rules' | 'config'>, subscriptions: readonly string[], writingRules: readonly string[] | undefined): string {
  const enforced = ctx.rules
    .filter((r) => (writingRules === undefined || writingRules.includes(r.id)) && effectiveMode(ctx.config, r.id, r.defaultMode) === 'enforce')
    .map((r) => r.id);
  if (enforced.length === 0) return 'aml-guard: --remediate, but no rule is in enforce mode: nothing will be written to Azure';
  return `aml-guard: WRITING TO AZURE: ${enforced.length} rule(s) in enforce mode (${enforced.join(', ')}) may change resources in subscription(s) ${subscriptions.join(', ') || '(none readable)'}`;
}
