/**
 * `audit` (append only): PartitionKey = yyyy-mm (UTC) of `at`, RowKey = inverted time + '-' +
 * random id, so a partition lists newest first.
 */
import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { idKey, type AuditEntry } from '../model';
import { invertedTime, monthKey, monthsBetween } from './keys';
import { decodeRow, jsonProperty, textProperty } from './rows';
import { auditEntrySchema } from './schemas';
import type { Entity, StoreTable } from './table';

export interface AuditQuery {
  /** ISO time, inclusive. Default: three months before `until`. */
  readonly since?: string;
  /** ISO time, inclusive. Default: now. */
  readonly until?: string;
  /** At most this many entries (newest first). */
  readonly limit?: number;
  readonly category?: AuditEntry['category'];
  readonly ruleId?: string;
  /** Case-insensitive, exact resource. */
  readonly resourceId?: string;
  /** Case-insensitive: entries about this resource, or written to another resource for a finding on it (`subjectId`). */
  readonly concerning?: string;
}

export interface AuditTable {
  /** Appends in transactions per month, <= 100 each. */
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** Newest first. */
  list(query?: AuditQuery): Promise<AuditEntry[]>;
}

const JSON_PROPS = ['before', 'after'] as const;

function timeOf(value: string, what: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not an ISO time: ${JSON.stringify(value)}`);
  return ms;
}

function toEntity(a: AuditEntry): Entity {
  const ms = timeOf(a.at, 'audit entry `at`');
  return {
    partitionKey: monthKey(ms),
    rowKey: `${invertedTime(ms)}-${randomUUID().replace(/-/g, '')}`,
    at: a.at,
    category: a.category,
    actor: a.actor,
    ruleId: a.ruleId,
    resourceId: a.resourceId,
    /** Lower-case id, for case-insensitive filtering. */
    resourceKey: a.resourceId === undefined ? undefined : idKey(a.resourceId),
    subjectId: a.subjectId,
    subjectKey: a.subjectId === undefined ? undefined : idKey(a.subjectId),
    action: a.action,
    outcome: a.outcome,
    before: a.before === undefined ? undefined : jsonProperty(a.before),
    after: a.after === undefined ? undefined : jsonProperty(a.after),
    error: textProperty(a.error),
    exceptionId: a.exceptionId,
    correlationId: a.correlationId,
    summary: textProperty(a.summary),
  };
}

function minusMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

export function auditTable(table: StoreTable): AuditTable {
  return {
    async append(entries) {
      await table.submit('create', entries.map(toEntity));
    },
    async list(query = {}) {
      const untilMs = query.until === undefined ? Date.now() : timeOf(query.until, 'until');
      const sinceMs = query.since === undefined ? minusMonths(untilMs, 3) : timeOf(query.since, 'since');
      const limit = query.limit ?? Number.POSITIVE_INFINITY;
      const out: AuditEntry[] = [];
      if (sinceMs > untilMs || limit <= 0) return out;
      // Newest first: RowKey ge inverted(until) and RowKey < inverted(since) + '.' ('.' follows the '-' separator).
      const clauses = [odata`RowKey ge ${invertedTime(untilMs)}`, odata`RowKey lt ${`${invertedTime(sinceMs)}.`}`];
      if (query.category !== undefined) clauses.push(odata`category eq ${query.category}`);
      if (query.ruleId !== undefined) clauses.push(odata`ruleId eq ${query.ruleId}`);
      if (query.resourceId !== undefined) clauses.push(odata`resourceKey eq ${idKey(query.resourceId)}`);
      if (query.concerning !== undefined) clauses.push(odata`(resourceKey eq ${idKey(query.concerning)} or subjectKey eq ${idKey(query.concerning)})`);
      for (const month of monthsBetween(sinceMs, untilMs)) {
        for await (const e of table.query([odata`PartitionKey eq ${month}`, ...clauses].join(' and '))) {
          out.push(decodeRow(table.name, e, auditEntrySchema, JSON_PROPS));
          if (out.length >= limit) return out;
        }
      }
      return out;
    },
  };
}
