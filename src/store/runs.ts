/**
 * `runs`: the record of each sweep, so the report and the CLI can say whether the last one
 * completed. The run row: PartitionKey `sweep`, RowKey = inverted start time + '-' + run id
 * (newest first), with the number of work items planned. Each finished work item adds one row
 * of its own (PartitionKey `sweep!<run id>`, RowKey = item index): no two workers ever write the
 * same row, so no ETag race on a shared counter.
 */
import { odata } from '@azure/data-tables';
import { z } from 'zod';
import { encodeKey, invertedTime } from './keys';
import { decodeRow, textProperty } from './rows';
import type { StoreTable } from './table';

const runRowSchema = z.object({ runId: z.string(), startedAt: z.string(), planned: z.number().int().min(0) });
const itemRowSchema = z.object({
  index: z.number().int().min(0),
  status: z.enum(['done', 'failed']),
  finishedAt: z.string(),
  subscriptions: z.string(),
  errors: z.number().int().min(0),
  error: z.string().optional(),
});

export type SweepItemRecord = z.infer<typeof itemRowSchema>;

export interface SweepRunStatus {
  readonly runId: string;
  readonly startedAt: string;
  readonly planned: number;
  readonly done: number;
  /** Items that ended with an error (a read, a listing, the store): the run did not cover everything. */
  readonly failed: number;
  /** Every planned item reported, none failed. */
  readonly completed: boolean;
  readonly items: readonly SweepItemRecord[];
}

export interface RunsTable {
  startSweep(run: { readonly runId: string; readonly startedAt: string; readonly planned: number }): Promise<void>;
  finishItem(runId: string, item: SweepItemRecord): Promise<void>;
  /** The most recent sweep and how far it got; undefined when none ever ran. */
  lastSweep(): Promise<SweepRunStatus | undefined>;
  /**
   * For each of `subscriptions`, when the newest sweep whose work item walked it to the end (no
   * item-level failure) started; a subscription none of the last `depth` sweeps covered is absent.
   */
  lastCovered(subscriptions: readonly string[], depth?: number): Promise<ReadonlyMap<string, string>>;
}

const RUN_PARTITION = 'sweep';
const itemPartition = (runId: string) => `sweep!${encodeKey(runId)}`;
const itemRowKey = (index: number) => String(index).padStart(6, '0');

export function runsTable(table: StoreTable): RunsTable {
  return {
    async startSweep(run) {
      const ms = Date.parse(run.startedAt);
      if (Number.isNaN(ms)) throw new RangeError(`sweep startedAt is not an ISO time: ${JSON.stringify(run.startedAt)}`);
      await table.upsert({ partitionKey: RUN_PARTITION, rowKey: `${invertedTime(ms)}-${encodeKey(run.runId)}`, ...run });
    },
    async finishItem(runId, item) {
      await table.upsert({ partitionKey: itemPartition(runId), rowKey: itemRowKey(item.index), ...item, error: textProperty(item.error) });
    },
    async lastSweep() {
      let run: z.infer<typeof runRowSchema> | undefined;
      for await (const e of table.query(odata`PartitionKey eq ${RUN_PARTITION}`)) {
        run = decodeRow(table.name, e, runRowSchema);
        break; // newest first
      }
      if (!run) return undefined;
      const items = await itemsOf(run.runId);
      const done = items.filter((i) => i.status === 'done').length;
      const failed = items.length - done;
      return { ...run, done, failed, completed: done === run.planned && failed === 0, items };
    },
    async lastCovered(subscriptions, depth = 8) {
      const wanted = new Set(subscriptions.map((s) => s.toLowerCase()));
      const covered = new Map<string, string>();
      let seen = 0;
      for await (const e of table.query(odata`PartitionKey eq ${RUN_PARTITION}`)) {
        if (seen++ >= depth || covered.size === wanted.size) break;
        const run = decodeRow(table.name, e, runRowSchema);
        for (const item of await itemsOf(run.runId)) {
          if (item.error !== undefined) continue;
          for (const sub of item.subscriptions.split(',')) {
            const key = sub.trim().toLowerCase();
            if (wanted.has(key) && !covered.has(key)) covered.set(key, run.startedAt);
          }
        }
      }
      return covered;
    },
  };

  async function itemsOf(runId: string): Promise<SweepItemRecord[]> {
    const items: SweepItemRecord[] = [];
    for await (const e of table.query(odata`PartitionKey eq ${itemPartition(runId)}`)) items.push(decodeRow(table.name, e, itemRowSchema));
    return items;
  }
}
