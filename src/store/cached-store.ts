/**
 * A run's view of the store (a sweep's work item): the findings, links, inventory rows and
 * approved exceptions of its subscriptions are loaded once, reads are answered from memory
 * (state values are read once), and only what changed is written, at `flush`, in transactions
 * of up to 100 per partition. A finding or inventory row that differs only in `lastSeen` /
 * `lastEvaluated` is unchanged: a steady sweep writes nothing. Audit entries (the write-ahead
 * intent above all), state writes, leases and poison messages go straight to the store. Rows of
 * other subscriptions pass through.
 */
import { idKey, isActiveException, parseArmId, scopeCovers, type Finding, type ResourceLink } from '../model';
import { pickActiveException, type ExceptionsTable } from './exceptions';
import { findingEntity, type FindingsTable } from './findings';
import { inventoryEntity, type InventoryItem, type InventoryTable } from './inventory';
import type { LinksTable } from './links';
import type { StateTable } from './state';
import type { GuardStore } from './store';
import type { GuardException, JsonValue } from '../model';

export interface CachedStore extends GuardStore {
  /** Writes what changed since loading; returns how many rows / link sets it wrote. */
  flush(): Promise<{ readonly findings: number; readonly inventory: number; readonly linkSources: number }>;
}

const subscriptionOf = (id: string): string | undefined => {
  try {
    return parseArmId(id).subscriptionId.toLowerCase();
  } catch {
    return undefined;
  }
};

/** Stable text of an entity without the given property: what "changed" compares. */
function signature(entity: Record<string, unknown>, ignore: string): string {
  return JSON.stringify(Object.keys(entity).filter((k) => k !== ignore && entity[k] !== undefined).sort().map((k) => [k, entity[k]]));
}

const findingKey = (f: { resourceId: string; ruleId: string }) => `${idKey(f.resourceId)}|${f.ruleId}`;
const linkKey = (l: ResourceLink) => `${idKey(l.targetId)}|${l.relation}`;

export async function cachedStore(store: GuardStore, subscriptions: readonly string[]): Promise<CachedStore> {
  const loaded = new Set(subscriptions.map((s) => s.toLowerCase()));
  const isLoaded = (id: string) => {
    const sub = subscriptionOf(id);
    return sub !== undefined && loaded.has(sub);
  };

  const findings = new Map<string, Finding>();
  /** Finding keys by the resource they are about, and by each of its ancestors (a resource and its children in one lookup). */
  const findingsUnder = new Map<string, Set<string>>();
  const keepFinding = (f: Finding) => {
    const key = findingKey(f);
    findings.set(key, f);
    const id = idKey(f.resourceId);
    // every `/`-prefix of the id: the resource itself and each scope above it (parents, a resource an extension resource sits on)
    for (let at = id.indexOf('/', 1); ; at = id.indexOf('/', at + 1)) {
      const prefix = at < 0 ? id : id.slice(0, at);
      let set = findingsUnder.get(prefix);
      if (!set) findingsUnder.set(prefix, (set = new Set()));
      set.add(key);
      if (at < 0) break;
    }
  };
  const findingsOf = (resourceId: string, withChildren: boolean): Finding[] => {
    const key = idKey(resourceId);
    const out: Finding[] = [];
    for (const k of findingsUnder.get(key) ?? []) {
      const f = findings.get(k)!;
      if (withChildren || idKey(f.resourceId) === key) out.push(f);
    }
    return out;
  };
  const inventory = new Map<string, InventoryItem>();
  const approved: GuardException[] = [];
  /** Links by source (loaded sources: authoritative), and the stored links to loaded targets. */
  const linksFromSource = new Map<string, ResourceLink[]>();
  const storedLinksTo = new Map<string, ResourceLink[]>();
  const dirtyFindings = new Map<string, Finding>();
  const dirtyInventory = new Map<string, InventoryItem>();
  const dirtySources = new Map<string, string>();

  await Promise.all(
    [...loaded].map(async (sub) => {
      const scope = `/subscriptions/${sub}`;
      const [f, inv, ex, links] = await Promise.all([
        store.findings.list({ subscriptionId: sub }),
        store.inventory.list({ subscriptionId: sub, includeDeleted: true }),
        store.exceptions.list({ subscriptionId: sub, status: 'approved' }),
        store.links.linksUnder(scope),
      ]);
      for (const x of f) keepFinding(x);
      for (const x of inv) inventory.set(idKey(x.resourceId), x);
      approved.push(...ex);
      for (const l of links.from) append(linksFromSource, idKey(l.sourceId), l);
      for (const l of links.to) append(storedLinksTo, idKey(l.targetId), l);
    }),
  );

  const cachedFindings: FindingsTable = {
    async get(resourceId, ruleId) {
      return isLoaded(resourceId) ? findings.get(findingKey({ resourceId, ruleId })) : store.findings.get(resourceId, ruleId);
    },
    async listForResource(resourceId) {
      if (!isLoaded(resourceId)) return store.findings.listForResource(resourceId);
      return findingsOf(resourceId, false);
    },
    async listForResourcePrefix(resourceId) {
      if (!isLoaded(resourceId)) return store.findings.listForResourcePrefix(resourceId);
      return findingsOf(resourceId, true);
    },
    async list(filter = {}) {
      const sub = filter.subscriptionId?.toLowerCase() ?? (filter.resourceId !== undefined ? subscriptionOf(filter.resourceId) : undefined);
      if (sub === undefined || !loaded.has(sub)) return store.findings.list(filter);
      return [...findings.values()].filter(
        (f) =>
          f.subscriptionId.toLowerCase() === sub &&
          (filter.resourceId === undefined || idKey(f.resourceId) === idKey(filter.resourceId)) &&
          (filter.status === undefined || f.status === filter.status) &&
          (filter.severity === undefined || f.severity === filter.severity) &&
          (filter.ruleId === undefined || f.ruleId === filter.ruleId),
      );
    },
    async upsert(list) {
      const direct: Finding[] = [];
      for (const f of list) {
        if (!isLoaded(f.resourceId)) {
          direct.push(f);
          continue;
        }
        const key = findingKey(f);
        const before = findings.get(key);
        if (before && signature(findingEntity(before), 'lastSeen') === signature(findingEntity(f), 'lastSeen')) continue;
        keepFinding(f);
        dirtyFindings.set(key, f);
      }
      if (direct.length) await store.findings.upsert(direct);
    },
  };

  const cachedInventory: InventoryTable = {
    async get(resourceId) {
      return isLoaded(resourceId) ? inventory.get(idKey(resourceId)) : store.inventory.get(resourceId);
    },
    async upsert(items) {
      const direct: InventoryItem[] = [];
      for (const item of items) {
        if (!isLoaded(item.resourceId)) {
          direct.push(item);
          continue;
        }
        const key = idKey(item.resourceId);
        const before = inventory.get(key);
        if (before && signature(inventoryEntity(before), 'lastEvaluated') === signature(inventoryEntity(item), 'lastEvaluated')) continue;
        inventory.set(key, item);
        dirtyInventory.set(key, item);
      }
      if (direct.length) await store.inventory.upsert(direct);
    },
    async markDeleted(resourceId, at) {
      if (!isLoaded(resourceId)) return store.inventory.markDeleted(resourceId, at);
      const key = idKey(resourceId);
      const flagged: InventoryItem[] = [];
      for (const [k, item] of inventory) {
        if ((k === key || k.startsWith(`${key}/`)) && !item.deleted) {
          const gone = { ...item, deleted: true, deletedAt: at };
          inventory.set(k, gone);
          dirtyInventory.set(k, gone);
          flagged.push(gone);
        }
      }
      return flagged;
    },
    async list(filter = {}) {
      const sub = filter.subscriptionId?.toLowerCase();
      if (sub === undefined || !loaded.has(sub)) return store.inventory.list(filter);
      return [...inventory.values()].filter(
        (i) => i.subscriptionId.toLowerCase() === sub && (filter.type === undefined || i.type === filter.type.toLowerCase()) && (filter.includeDeleted || !i.deleted),
      );
    },
  };

  /** Links from loaded sources, by target: kept in step with linksFromSource. */
  const memoryLinksTo = new Map<string, ResourceLink[]>();
  for (const links of linksFromSource.values()) for (const l of links) append(memoryLinksTo, idKey(l.targetId), l);

  const cachedLinks: LinksTable = {
    async replaceFrom(sourceId, links) {
      if (!isLoaded(sourceId)) return store.links.replaceFrom(sourceId, links);
      const key = idKey(sourceId);
      const before = linksFromSource.get(key) ?? [];
      const wanted = [...new Map(links.map((l) => [linkKey(l), { ...l, sourceId }])).values()];
      if (before.length === wanted.length && new Set(before.map(linkKey)).size === new Set([...before, ...wanted].map(linkKey)).size) return;
      for (const l of before) remove(memoryLinksTo, idKey(l.targetId), (x) => idKey(x.sourceId) === key);
      for (const l of wanted) append(memoryLinksTo, idKey(l.targetId), l);
      linksFromSource.set(key, wanted);
      dirtySources.set(key, sourceId);
    },
    async linksFrom(sourceId) {
      return isLoaded(sourceId) ? [...(linksFromSource.get(idKey(sourceId)) ?? [])] : store.links.linksFrom(sourceId);
    },
    async linksTo(targetId) {
      const key = idKey(targetId);
      const stored = isLoaded(targetId) ? (storedLinksTo.get(key) ?? []) : await store.links.linksTo(targetId);
      // A loaded source's links are what memory says; others' are what the store says.
      return [...stored.filter((l) => !isLoaded(l.sourceId)), ...(memoryLinksTo.get(key) ?? [])];
    },
    linksUnder: (scope) => store.links.linksUnder(scope),
  };

  const cachedExceptions: ExceptionsTable = {
    ...store.exceptions,
    async activeFor(resourceId, ruleId, now) {
      return isLoaded(resourceId) ? pickActiveException(approved, resourceId, ruleId, now) : store.exceptions.activeFor(resourceId, ruleId, now);
    },
    async activeCovering(resourceId, now) {
      return isLoaded(resourceId) ? approved.filter((x) => isActiveException(x, now) && scopeCovers(x.scope, resourceId)) : store.exceptions.activeCovering(resourceId, now);
    },
  };

  /** State values read once (e.g. whether the link index is built, asked by every dependency). */
  const stateRead = new Map<string, Promise<JsonValue | undefined>>();
  const cachedState: StateTable = {
    get(key) {
      let value = stateRead.get(key);
      if (!value) stateRead.set(key, (value = store.state.get(key)));
      return value;
    },
    async set(key, value) {
      await store.state.set(key, value);
      stateRead.set(key, Promise.resolve(value));
    },
  };

  return {
    ...store,
    state: cachedState,
    findings: cachedFindings,
    inventory: cachedInventory,
    links: cachedLinks,
    exceptions: cachedExceptions,
    async flush() {
      const f = [...dirtyFindings.values()];
      const inv = [...dirtyInventory.values()];
      const sources = [...dirtySources.values()];
      if (f.length) await store.findings.upsert(f);
      if (inv.length) await store.inventory.upsert(inv);
      for (const source of sources) await store.links.replaceFrom(source, linksFromSource.get(idKey(source)) ?? []);
      dirtyFindings.clear();
      dirtyInventory.clear();
      dirtySources.clear();
      return { findings: f.length, inventory: inv.length, linkSources: sources.length };
    },
  };
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function remove<K, V>(map: Map<K, V[]>, key: K, match: (v: V) => boolean): void {
  const list = map.get(key);
  if (list) map.set(key, list.filter((v) => !match(v)));
}
