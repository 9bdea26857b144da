import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { handleEventMessageToCompletion, hasFailures, latestFindings } from '../../engine';
import { EventParseError } from '../../events';
import type { CommandEnv } from '../io';
import { addSandboxOptions, outputDirOption, formatOption, remediateOption, type OutputFormat, type SandboxFlags } from '../options';
import { checkOutputOptions, printRun } from '../render-run';
import { openRuntime } from '../runtime';
import { chooseSandbox } from '../sandbox-choice';
import { UsageError } from '../usage-error';
import { parseBoundedJson } from '../../model';

interface ReplayOptions extends SandboxFlags {
  readonly remediate?: boolean;
  readonly format: OutputFormat;
  readonly outputDir?: string;
}

export function registerReplay(parent: Command, env: CommandEnv): void {
  const cmd = parent
    .command('replay')
    .summary('process Event Grid events through the onResourceChange handler')
    .description('Feeds Event Grid events (Event Grid schema or CloudEvents 1.0, one or an array; or a kept / dead-lettered message) through the same handler as the function. Without --remediate nothing is written: fixes are listed with outcome "planned".')
    .argument('<events.json>', 'the events file');
  addSandboxOptions(cmd)
    .addOption(remediateOption('fix what mode, exceptions and the write cap allow'))
    .addOption(formatOption())
    .addOption(outputDirOption())
    .action(async (file: string, options: ReplayOptions) => env.exit(await runReplay(file, options, env)));
}

async function runReplay(file: string, options: ReplayOptions, env: CommandEnv): Promise<number> {
  const { io } = env;
  checkOutputOptions(options);
  const message = await readEvents(file);
  const sandbox = await chooseSandbox(options);
  const runtime = await openRuntime(io, { sandbox, remediate: options.remediate === true });
  try {
    if (runtime.sandbox) env.hooks.onSandbox?.(runtime.sandbox);
    const result = await handleEventMessageToCompletion(runtime.ctx, message).catch((error: unknown) => {
      if (error instanceof EventParseError) throw new UsageError(`${file}: ${error.message}`);
      throw error;
    });
    for (const i of result.ignored) io.stderr(`ignored${i.eventId ? ` ${i.eventId}` : ''}: ${i.reason}\n`);
    await printRun(io, { findings: latestFindings(result.findings), actions: result.actions }, options);
    return hasFailures(result) ? 1 : 0;
  } finally {
    await runtime.close();
  }
}

async function readEvents(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return parseBoundedJson(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
}
