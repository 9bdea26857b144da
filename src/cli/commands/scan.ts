import { hasFailures, latestFindings, sweep, WriteBudget } from '../../engine';
import { parseFormat } from '../format';
import type { CliIo } from '../io';
import { renderRun } from '../render-run';
import { openRuntime } from '../runtime';
import { flag, list, parseCommandArgs, single } from '../args';

export const scanUsage = 'aml-guard scan [--subscription ID]... [--sandbox ESTATE.json [--sandbox-out FILE]] [--remediate] [--format table|json|csv]';

/** Evaluates every resource in scope; writes only with --remediate (and then per mode and exceptions). */
export async function scanCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, {
    subscription: { type: 'string', multiple: true },
    sandbox: { type: 'string' },
    'sandbox-out': { type: 'string' },
    remediate: { type: 'boolean' },
    format: { type: 'string' },
  }, scanUsage);
  const format = parseFormat(single(args, 'format'));
  const remediate = flag(args, 'remediate');
  const runtime = await openRuntime(io, { sandbox: single(args, 'sandbox'), sandboxOut: single(args, 'sandbox-out') }, list(args, 'subscription'));
  try {
    // Without --remediate the scan is read-only whatever the mode: a budget of zero writes.
    const budget = new WriteBudget(remediate ? runtime.ctx.config.maxWritesPerRun : 0);
    const ctx = remediate ? runtime.ctx : { ...runtime.ctx, config: { ...runtime.ctx.config, mode: 'audit' as const, ruleModes: auditOnly(runtime.ctx.config.ruleModes) } };
    io.stderr(`scanning ${runtime.subscriptions.length} subscription(s)${remediate ? ', remediating' : ' (read-only; --remediate to fix)'}\n`);
    const result = await sweep(ctx, { subscriptions: runtime.subscriptions, budget, progress: (m) => io.stderr(`${m}\n`) });
    for (const e of result.errors) io.stderr(`error: not evaluated: ${e.resourceId ?? ''} ${e.error}\n`);
    io.stdout(`${renderRun({ findings: latestFindings(result.findings), actions: result.actions }, format)}\n`);
    return hasFailures(result) ? 1 : 0;
  } finally {
    await runtime.close();
  }
}

/** Rule modes for a read-only scan: enforce becomes audit, off stays off. */
function auditOnly(modes: Record<string, 'off' | 'audit' | 'enforce'>): Record<string, 'off' | 'audit' | 'enforce'> {
  return Object.fromEntries(Object.entries(modes).map(([id, m]) => [id, m === 'enforce' ? 'audit' : m]));
}
