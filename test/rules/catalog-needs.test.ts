import { describe, expect, it } from 'vitest';
import { createGuardContext } from '../../src/engine';
import { assertNeedsServed, GATHERERS, linkSourceTypes, unservedNeeds } from '../../src/engine/related';
import { guardConfigSchema, NEEDS, ResourceTypes, type Need } from '../../src/model';
import { amlNet001 } from '../../src/rules/aml-net-001';
import { amlWs001 } from '../../src/rules/aml-ws-001';
import { CATALOG } from '../../src/rules/catalog';
import { testStore } from '../support/store';

describe('rule needs', () => {
  it('every need of every rule in the catalog is served, on every type the rule asks it for', () => {
    expect(unservedNeeds(CATALOG)).toEqual([]);
  });

  it('every need is declared by some rule and served by some gatherer (none is dead)', () => {
    const declared = new Set(CATALOG.flatMap((r) => r.needs));
    const served = new Set(GATHERERS.flatMap((g) => g.serves));
    const all = Object.keys(NEEDS) as Need[];
    expect(all.filter((n) => !declared.has(n))).toEqual([]);
    expect(all.filter((n) => !served.has(n))).toEqual([]);
  });

  it('a need no gatherer serves is an error naming the rule, the need and the type', () => {
    expect(unservedNeeds([amlNet001], [])).toEqual([`AML-NET-001 needs nsgAttachments on ${ResourceTypes.nsg}, which no gatherer serves`]);
    expect(() => assertNeedsServed([amlNet001], [])).toThrow(/AML-NET-001 needs nsgAttachments/);
    expect(unservedNeeds([{ ...amlWs001, needs: ['subnetComputes'] }])).toEqual(['AML-WS-001 needs subnetComputes, which exists for none of the types it applies to']);
  });

  it('is checked at start-up: a context cannot be created for a catalog that cannot run', async () => {
    const parts = { arm: { endpoint: 'https://127.0.0.1:9', credential: { getToken: async () => null } }, store: await testStore(), config: guardConfigSchema.parse({}) };
    expect(() => createGuardContext({ ...parts, rules: [{ ...amlWs001, needs: ['linkingWorkspaces'] }] })).toThrow(/AML-WS-001 needs linkingWorkspaces, which exists for none/);
    expect(createGuardContext(parts).rules).toBe(CATALOG);
  });

  it('the types whose evaluation stores links other rules read (evaluated first by a sweep level) follow from the gatherers', () => {
    expect([...linkSourceTypes()].sort()).toEqual([ResourceTypes.compute, ResourceTypes.workspace].sort());
  });
});
