import { idKey, type ArmResource } from '../model';
import { syncPublicIpBackReferences } from './back-references';
import { syncNsgSubnetBackReferences } from './nsg-subnet-back-references';

/**
 * The sandbox's state: ARM resources by case-insensitive id, in insertion order (a replaced
 * resource keeps its place). Values are owned by the store: callers copy before handing out.
 */
export class ResourceStore {
  private readonly items = new Map<string, ArmResource>();

  constructor(estate: readonly ArmResource[]) {
    for (const r of estate) this.items.set(idKey(r.id), structuredClone(r));
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
    this.items.set(key, structuredClone(resource));
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
        this.items.delete(k);
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
