import { describe, expect, it } from 'vitest';
import { listCollection } from '../../src/sandbox/handlers/collections';
import { parseRoute } from '../../src/sandbox/route';
import { ResourceStore } from '../../src/sandbox/store';
import { syntheticEstate } from '../../bench/synthetic-estate';

/** Counts the stored resources handed out by walks over the estate. */
class CountingStore extends ResourceStore {
  visited = 0;
  override *all() {
    for (const r of super.all()) {
      this.visited++;
      yield r;
    }
  }
}

function collectionTarget(path: string) {
  const route = parseRoute(path);
  if (route.kind !== 'collection') throw new Error(`${path} is not a collection`);
  return route.target;
}

const WS = '/subscriptions/b0b0b0b0-0000-4000-8000-000000000001/resourceGroups/rg-team-3/providers/Microsoft.MachineLearningServices/workspaces/ws-3';

// A sweep lists two collections per workspace (connections, diagnostic settings): a list that
// walked the estate made the sandbox quadratic (10,000 workspaces: 20,000 walks of 30,000 items).
describe('sandbox collection GET', () => {
  it('reads the collection, not the estate: as many resources visited at 5,000 workspaces as at 50', () => {
    const visits = (workspaces: number) => {
      const store = new CountingStore(syntheticEstate(workspaces));
      const computes = listCollection(store, collectionTarget(`${WS}/computes`), null);
      const settings = listCollection(store, collectionTarget(`${WS}/providers/Microsoft.Insights/diagnosticSettings`), null);
      expect(computes.map((c) => (c as { id: string }).id)).toEqual([`${WS}/computes/ci-3`]);
      expect(settings).toEqual([]);
      return store.visited;
    };
    expect(visits(5000)).toBe(visits(50));
  });

  it('follows puts and deletes, in store order, ids compared without case', () => {
    const store = new CountingStore(syntheticEstate(20));
    const setting = (name: string) => ({ id: `${WS}/providers/Microsoft.Insights/diagnosticSettings/${name}`, name, type: 'Microsoft.Insights/diagnosticSettings', properties: {} });
    store.put(setting('b'));
    store.put(setting('a'));
    store.put({ ...setting('B'), properties: { replaced: true } });
    const list = () => listCollection(store, collectionTarget(`${WS.toLowerCase()}/providers/microsoft.insights/diagnosticSettings`), null) as { name: string; properties: object }[];
    expect(list().map((s) => [s.name, s.properties])).toEqual([['B', { replaced: true }], ['a', {}]]);
    store.delete(WS);
    expect(list).toThrow();
    expect(store.inCollection(`${WS}/providers/Microsoft.Insights/diagnosticSettings`)).toEqual([]);
  });
});
