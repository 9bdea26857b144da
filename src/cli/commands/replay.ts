import { readFile } from 'node:fs/promises';
import { EventParseError } from '../../events';
import { handleEventMessageToCompletion, hasFailures, latestFindings } from '../../engine';
import { parseCommandArgs, single } from '../args';
import { parseFormat } from '../format';
import type { CliIo } from '../io';
import { renderRun } from '../render-run';
import { openRuntime } from '../runtime';
import { UsageError } from '../usage-error';

export const replayUsage = 'aml-guard replay EVENTS.json [--sandbox ESTATE.json [--sandbox-out FILE]] [--format table|json|csv]';

/** Feeds Event Grid events (or a dead-lettered / poison message) through the onResourceChange handler. */
export async function replayCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, { sandbox: { type: 'string' }, 'sandbox-out': { type: 'string' }, format: { type: 'string' } }, replayUsage);
  const format = parseFormat(single(args, 'format'));
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) throw new UsageError(`expected one EVENTS.json file\nusage: ${replayUsage}`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const runtime = await openRuntime(io, { sandbox: single(args, 'sandbox'), sandboxOut: single(args, 'sandbox-out') });
  try {
    const result = await handleEventMessageToCompletion(runtime.ctx, message).catch((error: unknown) => {
      if (error instanceof EventParseError) throw new UsageError(`${file}: ${error.message}`);
      throw error;
    });
    for (const i of result.ignored) io.stderr(`ignored${i.eventId ? ` ${i.eventId}` : ''}: ${i.reason}\n`);
    io.stdout(`${renderRun({ findings: latestFindings(result.findings), actions: result.actions }, format)}\n`);
    return hasFailures(result) ? 1 : 0;
  } finally {
    await runtime.close();
  }
}
