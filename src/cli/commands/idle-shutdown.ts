import { InvalidArgumentError, Option, type Command } from 'commander';
import { hasFailures, latestFindings } from '../../engine';
import { idleShutdown } from '../../engine/idle-shutdown';
import { AML_CMP_007 } from '../../rules/aml-cmp-007';
import type { CommandEnv } from '../io';
import { addSandboxOptions, outputDirOption, formatOption, isoTime, remediateOption, subscriptionOption, type OutputFormat, type SandboxFlags } from '../options';
import { progressReporter } from '../progress';
import { checkOutputOptions, printRun } from '../render-run';
import { openRuntime } from '../runtime';
import { chooseSandbox } from '../sandbox-choice';

interface IdleShutdownOptions extends SandboxFlags {
  readonly subscription: string[];
  readonly now?: Date;
  readonly idleHours?: number;
  readonly remediate?: boolean;
  readonly format: OutputFormat;
  readonly outputDir?: string;
}

export function registerIdleShutdown(parent: Command, env: CommandEnv): void {
  const cmd = parent
    .command('idle-shutdown')
    .summary('stop idle compute instances (AML-CMP-007); --remediate to stop them')
    .description('Finds idle compute instances (AML-CMP-007) and stops them, per mode, exceptions and AMLGUARD_IDLE_MAX_STOPS. Without --remediate nothing is stopped: each stop is listed with outcome "planned".')
    .addOption(subscriptionOption());
  addSandboxOptions(cmd)
    .addOption(new Option('--now <iso>', 'judge idleness at this time (default: now)').argParser(isoTime))
    .addOption(new Option('--idle-hours <n>', 'idle window in hours (default AMLGUARD_IDLE_HOURS)').argParser(idleHours))
    .addOption(remediateOption('stop the idle instances'))
    .addOption(formatOption())
    .addOption(outputDirOption())
    .action(async (options: IdleShutdownOptions) => env.exit(await runIdleShutdown(options, env)));
}

async function runIdleShutdown(options: IdleShutdownOptions, env: CommandEnv): Promise<number> {
  const { io } = env;
  checkOutputOptions(options);
  const sandbox = await chooseSandbox(options);
  const runtime = await openRuntime(io, { sandbox, remediate: options.remediate === true, subscriptions: options.subscription, writingRules: [AML_CMP_007] });
  try {
    if (runtime.sandbox) env.hooks.onSandbox?.(runtime.sandbox);
    const now = options.now;
    const ctx = now ? { ...runtime.ctx, clock: () => new Date(now.getTime()) } : runtime.ctx;
    const progress = progressReporter(io, 'idle shutdown');
    const result = await idleShutdown(ctx, {
      subscriptions: runtime.subscriptions,
      ...(options.idleHours !== undefined ? { idleHours: options.idleHours } : {}),
      progress: progress.message,
    }).finally(() => progress.stop());
    for (const e of result.errors) io.stderr(`warning: ${e.resourceId ?? ''} ${e.error}\n`);
    await printRun(io, { findings: latestFindings(result.findings), actions: result.actions }, options);
    return hasFailures(result) ? 1 : 0;
  } finally {
    await runtime.close();
  }
}

function idleHours(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 24 * 14) throw new InvalidArgumentError('expected a number of hours > 0 and <= 336.');
  return n;
}
