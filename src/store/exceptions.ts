/**
 * `exceptions`: PartitionKey = subscription id (lower case), RowKey = exception id. Every change
 * is ETag-conditional; the entity's ETag comes back in `GuardException.etag`.
 */
import { odata } from '@azure/data-tables';
import { exceptionSchema, idKey, isActiveException, parseArmId, scopeCovers, type ExceptionStatus, type GuardException } from '../model';
import { prefixEnd } from './keys';
import { decodeRow, textProperty } from './rows';
import type { Entity, ReadEntity, StoreTable } from './table';

export interface ExceptionFilter {
  readonly status?: ExceptionStatus;
  /** Exceptions whose scope is this id or lies under it (ARM-aware, case-insensitive). */
  readonly scopePrefix?: string;
  readonly subscriptionId?: string;
}

export interface ExceptionsTable {
  /** Inserts a new exception (fails if the id exists); returns it with its ETag. */
  create(e: GuardException): Promise<GuardException>;
  get(subscriptionId: string, id: string): Promise<GuardException | undefined>;
  /** By id alone (ids are unique): a cross-partition query on RowKey. */
  getById(id: string): Promise<GuardException | undefined>;
  /** Replaces the exception if its ETag is still `etag`; else throws ConcurrencyError. Returns it with the new ETag. */
  update(e: GuardException, etag: string): Promise<GuardException>;
  list(filter?: ExceptionFilter): Promise<GuardException[]>;
  /**
   * An approved, unexpired exception whose scope is the resource or one of its ancestors and whose
   * rule is `ruleId` or '*'. With several, the narrowest scope wins, then the latest expiry.
   */
  activeFor(resourceId: string, ruleId: string, now: Date): Promise<GuardException | undefined>;
  /** Every approved, unexpired exception covering the resource, whatever its rule (one query); pick with `pickActiveException`. */
  activeCovering(resourceId: string, now: Date): Promise<GuardException[]>;
}


const FORBIDDEN_IN_KEY = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

function toEntity(e: GuardException): Entity {
  if (!e.id || FORBIDDEN_IN_KEY.test(e.id)) throw new Error(`exception id ${JSON.stringify(e.id)} cannot be a table key (empty, or has / \\ # ? or a control character)`);
  const partitionKey = e.subscriptionId.toLowerCase();
  const scopeSubscription = parseArmId(e.scope).subscriptionId.toLowerCase();
  if (scopeSubscription !== partitionKey) throw new Error(`exception ${e.id}: scope ${e.scope} is not in subscription ${e.subscriptionId}`);
  const { etag: _etag, ...rest } = e;
  return {
    ...rest,
    partitionKey,
    rowKey: e.id,
    /** Lower-case scope, for case-insensitive queries. */
    scopeKey: idKey(e.scope),
    reason: textProperty(e.reason),
    decisionReason: textProperty(e.decisionReason),
  };
}

/** Every id prefix of `id` at a '/' boundary, lower case: the scopes that could cover it. */
function candidateScopes(id: string): string[] {
  const key = idKey(id);
  const out: string[] = [];
  for (let i = key.indexOf('/', 1); i > 0; i = key.indexOf('/', i + 1)) out.push(key.slice(0, i));
  out.push(key);
  return out;
}

/** Of `candidates`, the approved, unexpired one covering the resource for the rule: the narrowest scope, then the latest expiry. */
export function pickActiveException(candidates: readonly GuardException[], resourceId: string, ruleId: string, now: Date): GuardException | undefined {
  const active = candidates.filter((x) => isActiveException(x, now) && scopeCovers(x.scope, resourceId) && (x.ruleId === ruleId || x.ruleId === '*'));
  active.sort((a, b) => idKey(b.scope).length - idKey(a.scope).length || Date.parse(b.expiresAt ?? '') - Date.parse(a.expiresAt ?? ''));
  return active[0];
}

export function exceptionsTable(table: StoreTable): ExceptionsTable {
  const covering = async (resourceId: string, now: Date, ruleClause?: string): Promise<GuardException[]> => {
    const partition = parseArmId(resourceId).subscriptionId.toLowerCase();
    const scopes = candidateScopes(resourceId).map((s) => odata`scopeKey eq ${s}`).join(' or ');
    const filter = [odata`PartitionKey eq ${partition}`, odata`status eq ${'approved'}`, ...(ruleClause ? [ruleClause] : []), `(${scopes})`].join(' and ');
    return (await collect(filter)).filter((x) => isActiveException(x, now) && scopeCovers(x.scope, resourceId));
  };
  const read = (e: ReadEntity) => decodeRow(table.name, e, exceptionSchema);
  const collect = async (filter: string | undefined) => {
    const out: GuardException[] = [];
    for await (const e of table.query(filter)) out.push(read(e));
    return out;
  };

  return {
    async create(e) {
      const entity = toEntity(e);
      const etag = await table.create(entity);
      return { ...e, etag };
    },
    async get(subscriptionId, id) {
      const e = await table.get(subscriptionId.toLowerCase(), id);
      return e && read(e);
    },
    async getById(id) {
      const found = await collect(odata`RowKey eq ${id}`);
      return found[0];
    },
    async update(e, etag) {
      const newEtag = await table.replace(toEntity(e), etag);
      return { ...e, etag: newEtag };
    },
    async list(filter = {}) {
      const clauses: string[] = [];
      if (filter.subscriptionId !== undefined) clauses.push(odata`PartitionKey eq ${filter.subscriptionId.toLowerCase()}`);
      if (filter.status !== undefined) clauses.push(odata`status eq ${filter.status}`);
      let scope: string | undefined;
      if (filter.scopePrefix !== undefined) {
        scope = idKey(filter.scopePrefix);
        const partition = parseArmId(scope).subscriptionId.toLowerCase();
        clauses.push(odata`PartitionKey eq ${partition}`, odata`scopeKey ge ${scope}`, odata`scopeKey lt ${prefixEnd(scope)}`);
      }
      const found = await collect(clauses.length ? clauses.join(' and ') : undefined);
      return scope === undefined ? found : found.filter((x) => scopeCovers(scope, x.scope));
    },
    async activeFor(resourceId, ruleId, now) {
      return pickActiveException(await covering(resourceId, now, odata`(ruleId eq ${ruleId} or ruleId eq ${'*'})`), resourceId, ruleId, now);
    },
    activeCovering: (resourceId, now) => covering(resourceId, now),
  };
}
