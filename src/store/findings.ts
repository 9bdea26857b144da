/**
 * `findings`: PartitionKey = subscription id (lower case), RowKey = encodeKey(lower-case
 * resource id) + '|' + encodeKey(rule id). Evidence is a JSON string (capped).
 */
import { odata } from '@azure/data-tables';
import { findingSchema, idKey, parseArmId, type Finding, type FindingStatus, type Severity } from '../model';
import { FINDING_KEY_SEPARATOR, PATH_SEPARATOR, decodeKey, encodeKey, prefixEnd } from './keys';
import { decodeRow, jsonProperty, textProperty } from './rows';
import type { Entity, ReadEntity, StoreTable } from './table';

export interface FindingFilter {
  readonly subscriptionId?: string;
  readonly status?: FindingStatus;
  readonly severity?: Severity;
  readonly ruleId?: string;
  /** Exactly this resource (case-insensitive); children are not included. */
  readonly resourceId?: string;
}

export interface FindingsTable {
  get(resourceId: string, ruleId: string): Promise<Finding | undefined>;
  /** Every finding of exactly this resource (case-insensitive). */
  listForResource(resourceId: string): Promise<Finding[]>;
  /** Findings of the resource and of its child resources (one RowKey range query). */
  listForResourcePrefix(resourceId: string): Promise<Finding[]>;
  list(filter?: FindingFilter): Promise<Finding[]>;
  /** Upsert (Replace) in transactions per partition, <= 100 each. */
  upsert(findings: readonly Finding[]): Promise<void>;
}

export function findingPartitionKey(resourceId: string): string {
  return parseArmId(resourceId).subscriptionId.toLowerCase();
}

/** The encoded resource part of the RowKey (no separator). */
export function findingResourceKey(resourceId: string): string {
  return encodeKey(idKey(resourceId));
}

export function findingRowKey(resourceId: string, ruleId: string): string {
  return findingResourceKey(resourceId) + FINDING_KEY_SEPARATOR + encodeKey(ruleId);
}

/** Reverses findingRowKey: the lower-case resource id and the rule id. */
export function parseFindingRowKey(rowKey: string): { resourceKey: string; ruleId: string } {
  const at = rowKey.lastIndexOf(FINDING_KEY_SEPARATOR);
  if (at < 0) throw new Error(`not a findings RowKey: ${JSON.stringify(rowKey)}`);
  return { resourceKey: decodeKey(rowKey.slice(0, at)), ruleId: decodeKey(rowKey.slice(at + 1)) };
}

/** The row a finding is stored as (also what "changed" is judged on: text capped as stored). */
export function findingEntity(f: Finding): Entity {
  const partitionKey = findingPartitionKey(f.resourceId);
  if (f.subscriptionId.toLowerCase() !== partitionKey) {
    throw new Error(`finding ${f.ruleId} on ${f.resourceId}: subscriptionId ${f.subscriptionId} does not match the resource id`);
  }
  return {
    partitionKey,
    rowKey: findingRowKey(f.resourceId, f.ruleId),
    ruleId: f.ruleId,
    resourceId: f.resourceId,
    subscriptionId: f.subscriptionId,
    severity: f.severity,
    status: f.status,
    title: textProperty(f.title),
    evidence: jsonProperty(f.evidence),
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
    resolvedAt: f.resolvedAt,
    exceptionId: f.exceptionId,
    remediation: textProperty(f.remediation),
  };
}

/** `RowKey` ranges of a resource's own rows, and of its children's rows. */
function ownRows(resourceId: string): string {
  const own = findingResourceKey(resourceId) + FINDING_KEY_SEPARATOR;
  return odata`(RowKey ge ${own} and RowKey lt ${prefixEnd(own)})`;
}

function childRows(resourceId: string): string {
  const children = findingResourceKey(resourceId) + PATH_SEPARATOR;
  return odata`(RowKey ge ${children} and RowKey lt ${prefixEnd(children)})`;
}

export function findingsTable(table: StoreTable): FindingsTable {
  const read = (e: ReadEntity) => decodeRow(table.name, e, findingSchema, ['evidence']);
  const collect = async (filter: string | undefined) => {
    const out: Finding[] = [];
    for await (const e of table.query(filter)) out.push(read(e));
    return out;
  };
  const partition = (resourceId: string) => odata`PartitionKey eq ${findingPartitionKey(resourceId)}`;

  return {
    async get(resourceId, ruleId) {
      const e = await table.get(findingPartitionKey(resourceId), findingRowKey(resourceId, ruleId));
      return e && read(e);
    },
    listForResource(resourceId) {
      return collect(`${partition(resourceId)} and ${ownRows(resourceId)}`);
    },
    listForResourcePrefix(resourceId) {
      return collect(`${partition(resourceId)} and (${ownRows(resourceId)} or ${childRows(resourceId)})`);
    },
    list(filter = {}) {
      const clauses: string[] = [];
      if (filter.subscriptionId !== undefined) clauses.push(odata`PartitionKey eq ${filter.subscriptionId.toLowerCase()}`);
      if (filter.resourceId !== undefined) clauses.push(partition(filter.resourceId), ownRows(filter.resourceId));
      if (filter.status !== undefined) clauses.push(odata`status eq ${filter.status}`);
      if (filter.severity !== undefined) clauses.push(odata`severity eq ${filter.severity}`);
      if (filter.ruleId !== undefined) clauses.push(odata`ruleId eq ${filter.ruleId}`);
      return collect(clauses.length ? clauses.join(' and ') : undefined);
    },
    async upsert(findings) {
      await table.submit('upsert', findings.map(findingEntity));
    },
  };
}
