import { idKey, type ArmResource } from '../model';
import { syncPublicIpBackReferences } from './back-references';
import { syncNsgSubnetBackReferences } from './nsg-subnet-back-references';

/**
 * The sandbox's state: ARM resources by case-insensitive id, in insertion order (a replaced
 * resource keeps its place). Values are owned by the store: callers copy before handing out.
 */
export class ResourceStore {
  private readonly items = new Map<string, ArmResource>();
  /** Items by the collection their id lists in (id minus its last segment): a collection GET reads its own, not the estate. */
  private readonly collections = new Map<string, Map<string, ArmResource>>();

  constructor(estate: readonly ArmResource[]) {
    for (const r of estate) this.set(idKey(r.id), structuredClone(r));
  }

  private set(key: string, resource: ArmResource): void {
    this.items.set(key, resource);
    const collection = collectionOf(key);
    let members = this.collections.get(collection);
    if (!members) this.collections.set(collection, (members = new Map()));
    members.set(key, resource);
  }

  private remove(key: string): void {
    this.items.delete(key);
    const collection = collectionOf(key);
    const members = this.collections.get(collection);
    members?.delete(key);
    if (members?.size === 0) this.collections.delete(collection);
  }

  /** The resources whose id is `{collection}/{name}`, in store order. */
  inCollection(collection: string): ArmResource[] {
    return [...(this.collections.get(idKey(collection))?.values() ?? [])];
  }

  all(): IterableIterator<ArmResource> {
    return this.items.values();
  }

  get(id: string): ArmResource | undefined {
    return this.items.get(idKey(id));
  }

  /** Stores (a copy of) the resource; `created` when the id was new. */
  put(resource: ArmResource): 'created' | 'replaced' {
    const key = idKey(resource.id);
    const previous = this.items.get(key);
    this.set(key, structuredClone(resource));
    syncPublicIpBackReferences(this, previous, resource);
    syncNsgSubnetBackReferences(this, previous, resource);
    return previous ? 'replaced' : 'created';
  }

  /** Removes the resource and everything below it (children, extension resources such as role assignments); returns what was removed. */
  delete(id: string): ArmResource[] {
    const key = idKey(id);
    const removed: ArmResource[] = [];
    for (const [k, r] of this.items) {
      if (k === key || k.startsWith(`${key}/`)) {
        removed.push(r);
        this.remove(k);
      }
    }
    for (const r of removed) {
      syncPublicIpBackReferences(this, r, undefined);
      syncNsgSubnetBackReferences(this, r, undefined);
    }
    return removed;
  }

  /** True when something is stored at or below `scope`. */
  hasAnyUnder(scope: string): boolean {
    const key = idKey(scope);
    for (const k of this.items.keys()) if (k === key || k.startsWith(`${key}/`)) return true;
    return false;
  }

  /** A deep copy of every resource, in store order. */
  snapshot(): ArmResource[] {
    return [...this.items.values()].map((r) => structuredClone(r));
  }
}

function collectionOf(key: string): string {
  return key.slice(0, key.lastIndexOf('/'));
}
