import { Option, type Command } from 'commander';
import { EventParseError } from '../../events';
import { decodeMessage } from '../../events/decode-message';
import { openStore, queueClient, type GuardStore, type KeptPoisonMessage, type StorageConnection } from '../../store';
import { csv } from '../format';
import { terminalColumns, type CliIo, type CommandEnv } from '../io';
import { formatOption, wholeNumber, type OutputFormat } from '../options';
import { loadCliSettings } from '../runtime';
import { chooseStorage } from '../storage-choice';
import { textTable } from '../table';
import { UsageError } from '../usage-error';

/**
 * `aml-guard poison list|replay`: the queue messages AML Guard gave up on (malformed, out of
 * deliveries, or moved to `<queue>-poison` by the Functions host), kept in the poisonMessages
 * table with their reason. `replay` puts one back on the events queue (base64 JSON, as Event Grid
 * delivers), where the Function app processes it like any delivery, and records when.
 */
export function registerPoison(parent: Command, env: CommandEnv): void {
  const group = parent
    .command('poison')
    .summary('list the queue messages given up on, with their reason; replay one onto the events queue')
    .description('Queue messages AML Guard gave up on, kept in the poisonMessages table of the storage the environment names (AMLGUARD_STORAGE_ACCOUNT in production).');
  group
    .command('list')
    .summary('list kept messages, newest first')
    .addOption(new Option('--months <n>', 'how far back').argParser(wholeNumber(0, 'months')).default(3))
    .addOption(formatOption())
    .action(async (options: { months: number; format: OutputFormat }) => env.exit(await list(options, env.io)));
  group
    .command('replay')
    .summary('put a kept message back on the events queue')
    .argument('<id>', 'the message id (from `aml-guard poison list`)')
    .option('--queue <name>', 'the queue (default AMLGUARD_EVENTS_QUEUE, else aml-guard-events)')
    .action(async (id: string, options: { queue?: string }) => env.exit(await replay(id, options, env.io)));
}

async function withStore<T>(io: CliIo, use: (store: GuardStore, connection: StorageConnection, eventsQueue: string) => Promise<T>): Promise<T> {
  const settings = loadCliSettings(io);
  const storage = await chooseStorage(settings, false);
  try {
    return await use(await openStore(storage.connection, { tablePrefix: storage.tablePrefix }), storage.connection, settings.eventsQueue);
  } finally {
    await storage.close();
  }
}

async function list(options: { months: number; format: OutputFormat }, io: CliIo): Promise<number> {
  const kept = await withStore(io, (store) => store.poison.list({ months: options.months }));
  const view = (m: KeptPoisonMessage) => ({ id: m.id, at: m.at, source: m.source, messageId: m.messageId ?? '', dequeueCount: m.dequeueCount ?? null, reason: m.reason, replayedAt: m.replayedAt ?? null, body: m.body });
  if (options.format === 'json') io.stdout(`${JSON.stringify(kept.map(view), null, 2)}\n`);
  else if (options.format === 'csv') io.stdout(`${csv(['id', 'at', 'source', 'messageId', 'dequeueCount', 'reason', 'replayedAt'], kept.map((m) => [m.id, m.at, m.source, m.messageId ?? '', String(m.dequeueCount ?? ''), m.reason, m.replayedAt ?? '']))}\n`);
  else if (kept.length === 0) io.stdout(`no poison messages in the last ${options.months} month(s)\n`);
  else io.stdout(`${textTable(['ID', 'AT', 'SOURCE', 'DELIVERIES', 'REPLAYED', 'REASON'], kept.map((m) => [m.id, m.at, m.source, String(m.dequeueCount ?? ''), m.replayedAt ?? '', m.reason]), { width: terminalColumns(io) })}\n`);
  return 0;
}

async function replay(id: string, options: { queue?: string }, io: CliIo): Promise<number> {
  return withStore(io, async (store, connection, eventsQueue) => {
    const kept = await store.poison.get(id);
    if (!kept) throw new UsageError(`no poison message ${JSON.stringify(id)} (ids come from \`aml-guard poison list\`)`);
    let events: unknown[];
    try {
      events = decodeMessage(kept.body);
    } catch (error) {
      if (!(error instanceof EventParseError)) throw error;
      throw new UsageError(`poison message ${id} does not parse (${error.message}); fix its body and run \`aml-guard replay FILE\``);
    }
    const queueName = options.queue ?? eventsQueue;
    await queueClient(connection, queueName).sendMessage(Buffer.from(JSON.stringify(events.length === 1 ? events[0] : events)).toString('base64'));
    await store.poison.markReplayed(id, new Date().toISOString());
    io.stdout(`replayed ${id}: ${events.length} event(s) put back on queue ${queueName}\n`);
    return 0;
  });
}
