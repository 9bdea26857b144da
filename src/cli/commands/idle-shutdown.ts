import { hasFailures, latestFindings } from '../../engine';
import { idleShutdown } from '../../engine/idle-shutdown';
import type { Sandbox } from '../../sandbox';
import { list, parseCommandArgs, single } from '../args';
import { parseFormat } from '../format';
import type { CliIo } from '../io';
import { renderRun } from '../render-run';
import { openRuntime } from '../runtime';
import { UsageError } from '../usage-error';

export const idleShutdownUsage =
  'aml-guard idle-shutdown [--subscription ID]... [--sandbox ESTATE.json [--sandbox-out FILE]] [--now ISO] [--idle-hours N] [--format table|json|csv]';

/** Test seam: runs once the sandbox is up, before the shutdown (e.g. to inject a fault). */
export interface IdleShutdownHooks {
  readonly onSandbox?: (sandbox: Sandbox) => void;
}

/** Stops the idle compute instances in scope (AML-CMP-007), per mode, exceptions and AMLGUARD_IDLE_MAX_STOPS. */
export async function idleShutdownCommand(argv: readonly string[], io: CliIo, hooks: IdleShutdownHooks = {}): Promise<number> {
  const args = parseCommandArgs(argv, {
    subscription: { type: 'string', multiple: true },
    sandbox: { type: 'string' },
    'sandbox-out': { type: 'string' },
    now: { type: 'string' },
    'idle-hours': { type: 'string' },
    format: { type: 'string' },
  }, idleShutdownUsage);
  const format = parseFormat(single(args, 'format'));
  const now = parseNow(single(args, 'now'));
  const idleHours = parseIdleHours(single(args, 'idle-hours'));
  const runtime = await openRuntime(io, { sandbox: single(args, 'sandbox'), sandboxOut: single(args, 'sandbox-out') }, list(args, 'subscription'));
  try {
    if (runtime.sandbox) hooks.onSandbox?.(runtime.sandbox);
    const ctx = now ? { ...runtime.ctx, clock: () => new Date(now.getTime()) } : runtime.ctx;
    const result = await idleShutdown(ctx, {
      subscriptions: runtime.subscriptions,
      ...(idleHours !== undefined ? { idleHours } : {}),
      progress: (m) => io.stderr(`${m}\n`),
    });
    for (const e of result.errors) io.stderr(`warning: ${e.resourceId ?? ''} ${e.error}\n`);
    io.stdout(`${renderRun({ findings: latestFindings(result.findings), actions: result.actions }, format)}\n`);
    return hasFailures(result) ? 1 : 0;
  } finally {
    await runtime.close();
  }
}

function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) throw new UsageError(`--now: ${JSON.stringify(value)} is not an ISO 8601 time (e.g. 2026-11-25T01:00:00Z)`);
  return new Date(ms);
}

function parseIdleHours(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 24 * 14) throw new UsageError(`--idle-hours: expected a number of hours > 0 and <= 336, got ${JSON.stringify(value)}`);
  return n;
}
