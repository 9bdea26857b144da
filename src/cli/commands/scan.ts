import type { Command } from 'commander';
import { hasFailures, latestFindings, sweep, WriteBudget } from '../../engine';
import type { CommandEnv } from '../io';
import { addSandboxOptions, outputDirOption, formatOption, remediateOption, subscriptionOption, type OutputFormat, type SandboxFlags } from '../options';
import { progressReporter } from '../progress';
import { checkOutputOptions, printRun } from '../render-run';
import { openRuntime } from '../runtime';
import { chooseSandbox } from '../sandbox-choice';

interface ScanOptions extends SandboxFlags {
  readonly subscription: string[];
  readonly remediate?: boolean;
  readonly format: OutputFormat;
  readonly outputDir?: string;
}

export function registerScan(parent: Command, env: CommandEnv): void {
  const cmd = parent
    .command('scan')
    .summary('evaluate every workspace in scope; --remediate to fix')
    .description('Evaluates every resource in scope against the rules. Without --remediate nothing is written: each fix is listed with outcome "planned" and its change.')
    .addOption(subscriptionOption());
  addSandboxOptions(cmd)
    .addOption(remediateOption('fix what mode, exceptions and the write cap allow'))
    .addOption(formatOption())
    .addOption(outputDirOption())
    .action(async (options: ScanOptions) => env.exit(await runScan(options, env)));
}

async function runScan(options: ScanOptions, env: CommandEnv): Promise<number> {
  const { io } = env;
  checkOutputOptions(options);
  const sandbox = await chooseSandbox(options);
  const remediate = options.remediate === true;
  const runtime = await openRuntime(io, { sandbox, remediate, subscriptions: options.subscription });
  try {
    if (runtime.sandbox) env.hooks.onSandbox?.(runtime.sandbox);
    io.stderr(`scanning ${runtime.subscriptions.length || 'every readable'} subscription(s)${remediate ? ', remediating' : ' (plan only: nothing is written; --remediate to fix)'}\n`);
    const progress = progressReporter(io, 'scan: subscriptions');
    const budget = new WriteBudget(runtime.ctx.config.maxWritesPerRun);
    const result = await sweep(runtime.ctx, { subscriptions: runtime.subscriptions, budget, progress: progress.message, advance: progress.advance }).finally(() => progress.stop());
    for (const e of result.errors) io.stderr(`error: not evaluated: ${e.resourceId ?? ''} ${e.error}\n`);
    await printRun(io, { findings: latestFindings(result.findings), actions: result.actions }, options);
    return hasFailures(result) ? 1 : 0;
  } finally {
    await runtime.close();
  }
}
