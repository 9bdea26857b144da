import { EventParseError } from '../../events';
import { decodeMessage } from '../../events/decode-message';
import { openStore, queueClient, type GuardStore, type KeptPoisonMessage, type StorageConnection } from '../../store';
import { parseCommandArgs, single } from '../args';
import { csv, parseFormat, textTable } from '../format';
import type { CliIo } from '../io';
import { loadCliSettings } from '../runtime';
import { chooseStorage } from '../storage-choice';
import { UsageError } from '../usage-error';

export const poisonUsage = 'aml-guard poison list [--months N] [--format table|json|csv] | aml-guard poison replay ID [--queue NAME]';

/**
 * The queue messages AML Guard gave up on (malformed, out of deliveries, or moved to
 * `<queue>-poison` by the Functions host), kept in the poisonMessages table with their reason.
 * `replay` puts one back on the events queue (base64 JSON, as Event Grid delivers), where the
 * Function app processes it like any delivery, and records when.
 */
export async function poisonCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return list(rest, io);
  if (sub === 'replay') return replay(rest, io);
  throw new UsageError(`expected list or replay, got ${JSON.stringify(sub ?? '')}\nusage: ${poisonUsage}`);
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

async function list(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, { months: { type: 'string' }, format: { type: 'string' } }, poisonUsage);
  const format = parseFormat(single(args, 'format'));
  const monthsText = single(args, 'months') ?? '3';
  const months = Number(monthsText);
  if (!Number.isInteger(months) || months < 0 || months > 120) throw new UsageError(`--months: expected a whole number of months (0-120), got ${JSON.stringify(monthsText)}`);
  const kept = await withStore(io, (store) => store.poison.list({ months }));
  const view = (m: KeptPoisonMessage) => ({ id: m.id, at: m.at, source: m.source, messageId: m.messageId ?? '', dequeueCount: m.dequeueCount ?? null, reason: m.reason, replayedAt: m.replayedAt ?? null, body: m.body });
  if (format === 'json') io.stdout(`${JSON.stringify(kept.map(view), null, 2)}\n`);
  else if (format === 'csv') io.stdout(`${csv(['id', 'at', 'source', 'messageId', 'dequeueCount', 'reason', 'replayedAt'], kept.map((m) => [m.id, m.at, m.source, m.messageId ?? '', String(m.dequeueCount ?? ''), m.reason, m.replayedAt ?? '']))}\n`);
  else if (kept.length === 0) io.stdout(`no poison messages in the last ${months} month(s)\n`);
  else io.stdout(`${textTable(['ID', 'AT', 'SOURCE', 'DELIVERIES', 'REPLAYED', 'REASON'], kept.map((m) => [m.id, m.at, m.source, String(m.dequeueCount ?? ''), m.replayedAt ?? '', m.reason]), 80)}\n`);
  return 0;
}

async function replay(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, { queue: { type: 'string' } }, poisonUsage);
  const [id, ...extra] = args.positionals;
  if (!id || extra.length) throw new UsageError(`expected one message id (from \`aml-guard poison list\`)\nusage: ${poisonUsage}`);
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
    const queueName = single(args, 'queue') ?? eventsQueue;
    await queueClient(connection, queueName).sendMessage(Buffer.from(JSON.stringify(events.length === 1 ? events[0] : events)).toString('base64'));
    await store.poison.markReplayed(id, new Date().toISOString());
    io.stdout(`replayed ${id}: ${events.length} event(s) put back on queue ${queueName}\n`);
    return 0;
  });
}
