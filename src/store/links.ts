/**
 * `links`: the dependency index — which workspace uses which storage account / key vault /
 * registry / private endpoint, which compute sits in which subnet, whose identity is which
 * principal. Events about a dependent resource reach the right rules through it; the sweep
 * rebuilds it. Each link is kept twice, so both directions are one partition query:
 * PartitionKey `from!<source>` / RowKey `<target>|<relation>`, and `to!<target>` / `<source>|<relation>`.
 */
import { odata } from '@azure/data-tables';
import { z } from 'zod';
import { idKey, LINK_RELATIONS, type LinkRelation, type ResourceLink } from '../model';
import { encodeKey, PATH_SEPARATOR, prefixEnd } from './keys';
import { decodeRow } from './rows';
import type { StoreTable } from './table';

export interface LinksTable {
  /** Replaces every link whose source is `sourceId` (an empty list removes them all). */
  replaceFrom(sourceId: string, links: readonly ResourceLink[]): Promise<void>;
  linksTo(targetId: string): Promise<ResourceLink[]>;
  linksFrom(sourceId: string): Promise<ResourceLink[]>;
  /** Every link whose source, or whose target, lies under the scope (a subscription): one PartitionKey range query each. */
  linksUnder(scope: string): Promise<{ readonly from: ResourceLink[]; readonly to: ResourceLink[] }>;
}

const linkRowSchema = z.object({ sourceId: z.string(), targetId: z.string(), relation: z.enum(LINK_RELATIONS) });

const fromKey = (id: string) => `from!${encodeKey(idKey(id))}`;
const toKey = (id: string) => `to!${encodeKey(idKey(id))}`;
const rowKey = (id: string, relation: string) => `${encodeKey(idKey(id))}|${relation}`;

export function linksTable(table: StoreTable): LinksTable {
  const query = async (partitionKey: string): Promise<ResourceLink[]> => {
    const out: ResourceLink[] = [];
    for await (const e of table.query(odata`PartitionKey eq ${partitionKey}`)) out.push(decodeRow(table.name, e, linkRowSchema));
    return out;
  };
  return {
    async replaceFrom(sourceId, links) {
      const existing = await query(fromKey(sourceId));
      const wanted = new Map(links.map((l) => [rowKey(l.targetId, l.relation), l]));
      const stale = existing.filter((l) => !wanted.has(rowKey(l.targetId, l.relation)));
      const fresh = [...wanted.values()].filter((l) => !existing.some((e) => rowKey(e.targetId, e.relation) === rowKey(l.targetId, l.relation)));
      for (const l of stale) {
        await table.delete(toKey(l.targetId), rowKey(l.sourceId, l.relation));
        await table.delete(fromKey(l.sourceId), rowKey(l.targetId, l.relation));
      }
      for (const l of fresh) {
        await table.upsert({ partitionKey: toKey(l.targetId), rowKey: rowKey(sourceId, l.relation), sourceId, targetId: l.targetId, relation: l.relation });
      }
      if (fresh.length) {
        await table.submit('upsert', fresh.map((l) => ({ partitionKey: fromKey(sourceId), rowKey: rowKey(l.targetId, l.relation), sourceId, targetId: l.targetId, relation: l.relation })));
      }
    },
    linksTo: (targetId) => query(toKey(targetId)),
    async linksUnder(scope) {
      const range = async (side: (id: string) => string) => {
        const prefix = side(scope) + PATH_SEPARATOR;
        const out: ResourceLink[] = [];
        for await (const e of table.query(odata`PartitionKey ge ${prefix} and PartitionKey lt ${prefixEnd(prefix)}`)) out.push(decodeRow(table.name, e, linkRowSchema));
        return out;
      };
      const [from, to] = await Promise.all([range(fromKey), range(toKey)]);
      return { from, to };
    },
    linksFrom: (sourceId) => query(fromKey(sourceId)),
  };
}
