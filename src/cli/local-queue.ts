import type { QueueClient } from '@azure/storage-queue';
import { handleQueueMessage, mergeInto, emptyRunResult, type GuardContext, type RunResult } from '../engine';

/**
 * The local stand-in for the Functions queue trigger: Event Grid -> storage queue (base64 JSON,
 * as Event Grid's storage-queue destination writes it) -> the same handler. A message the
 * handler throws on is redelivered; on its last delivery (maxDequeueCount) the handler keeps it
 * with its reason, as in the Function app.
 */
export class LocalEventQueue {
  constructor(
    private readonly queue: QueueClient,
    private readonly maxDequeueCount = 5,
  ) {}

  async enqueue(events: unknown): Promise<void> {
    await this.queue.sendMessage(Buffer.from(JSON.stringify(events)).toString('base64'));
  }

  /** Processes messages until the queue is empty (a deferred message is handed back and waited for). */
  async drain(ctx: GuardContext, onMessage?: (result: RunResult) => void): Promise<RunResult> {
    const total = emptyRunResult();
    for (;;) {
      const { receivedMessageItems: items } = await this.queue.receiveMessages({ numberOfMessages: 16, visibilityTimeout: 30 });
      if (items.length === 0) {
        // Deferred messages are invisible for a while: wait for them rather than leave them behind.
        if (!(await this.queue.getProperties()).approximateMessagesCount) return total;
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      for (const item of items) {
        const meta = { source: this.queue.name, messageId: item.messageId, dequeueCount: item.dequeueCount, maxDequeueCount: this.maxDequeueCount };
        try {
          const result = await handleQueueMessage(ctx, item.messageText, {
            ...meta,
            defer: async (_message, delaySeconds) => {
              await this.queue.sendMessage(item.messageText, { visibilityTimeout: delaySeconds });
            },
          });
          mergeInto(total, result);
          onMessage?.(result);
          await this.queue.deleteMessage(item.messageId, item.popReceipt);
        } catch (error) {
          await this.queue.updateMessage(item.messageId, item.popReceipt, undefined, 0);
          total.errors.push({ error: error instanceof Error ? error.message : String(error) });
        }
      }
    }
  }
}
