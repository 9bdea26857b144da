/**
 * A separate AML Guard instance for multi-process tests (run with `fork(..., { execArgv: ['--import', 'tsx'] })`):
 * its own engine, ARM clients and store objects, over the sandbox and the Azurite tables the
 * parent names. Each `deliver` message is one queue delivery, as the Functions host would give an
 * instance: handled with deferral onto the shared queue, then that queue is drained, as instances
 * compete for it. Replies with what it did.
 */
import { LocalEventQueue } from '../../src/cli/local-queue';
import { createGuardContext, handleQueueMessage, mergeInto, type GuardContext } from '../../src/engine';
import { guardConfigSchema } from '../../src/model';
import { amlWs001 } from '../../src/rules/aml-ws-001';
import { sandboxCredential, SANDBOX_TENANT_ID, GUARD_PRINCIPAL } from '../../src/sandbox';
import { openStore, queueClient } from '../../src/store';

export interface WorkerInit {
  readonly kind: 'init';
  readonly endpoint: string;
  readonly ca: string;
  readonly connectionString: string;
  readonly tablePrefix: string;
  readonly queueName: string;
  readonly config: Record<string, unknown>;
}
export interface WorkerDeliver {
  readonly kind: 'deliver';
  readonly trial: number;
  readonly message: unknown;
}
export type WorkerReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly trial: number; readonly outcomes: string[]; readonly deferred: number; readonly ignored: string[] }
  | { readonly kind: 'error'; readonly trial: number; readonly error: string };

let ctx: GuardContext | undefined;
let queue: LocalEventQueue | undefined;
let rawQueue: ReturnType<typeof queueClient> | undefined;

const send = (reply: WorkerReply) => process.send?.(reply);

process.on('message', (msg: WorkerInit | WorkerDeliver) => {
  void (async () => {
    if (msg.kind === 'init') {
      const conn = { kind: 'connection-string', connectionString: msg.connectionString } as const;
      ctx = createGuardContext({
        rules: [amlWs001],
        arm: { endpoint: msg.endpoint, credential: sandboxCredential(GUARD_PRINCIPAL, SANDBOX_TENANT_ID), ca: msg.ca },
        store: await openStore(conn, { tablePrefix: msg.tablePrefix }),
        config: guardConfigSchema.parse(msg.config),
      });
      rawQueue = queueClient(conn, msg.queueName);
      queue = new LocalEventQueue(rawQueue);
      send({ kind: 'ready' });
      return;
    }
    if (!ctx || !queue || !rawQueue) throw new Error('worker not initialised');
    const q = rawQueue;
    try {
      const first = await handleQueueMessage(ctx, msg.message, {
        source: 'worker',
        defer: async (message, delaySeconds) => {
          await q.sendMessage(Buffer.from(JSON.stringify(message)).toString('base64'), { visibilityTimeout: delaySeconds });
        },
      });
      const deferred = first.deferred.length;
      const total = mergeInto(first, await queue.drain(ctx));
      send({ kind: 'done', trial: msg.trial, outcomes: total.actions.map((a) => a.outcome), deferred, ignored: total.ignored.map((i) => i.reason) });
    } catch (error) {
      send({ kind: 'error', trial: msg.trial, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  })();
});
