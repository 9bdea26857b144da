import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WRITERS } from '../../src/azure/writers';
import { evaluateResource, WriteBudget } from '../../src/engine';
import { acceptsRemediation, descriptorOf } from '../../src/resources';
import { amlWs001 } from '../../src/rules/aml-ws-001';
import { CATALOG } from '../../src/rules/catalog';
import { startHarness, workspace, type Harness } from '../support/harness';

const SUB = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const WS = workspace(SUB, 'rg-ml', 'public', { publicNetworkAccess: 'Enabled' });

describe('every write a rule can propose can be performed', () => {
  it('has a writer for each kind of action (WriterTable makes a missing one a compile error), filed under its own kind', () => {
    for (const [kind, writer] of Object.entries(WRITERS)) expect(writer.kind).toBe(kind);
  });

  it('for each rule and each write it declares: every target type is readable and accepts that kind (and property)', () => {
    const refused: string[] = [];
    for (const rule of CATALOG) {
      for (const p of rule.proposes) {
        for (const type of p.on) {
          const d = descriptorOf(type);
          const property = p.kind === 'set-property' ? p.property : undefined;
          if (!d?.read || !acceptsRemediation(d, p.kind, property)) refused.push(`${rule.id}: ${p.kind}${property ? ` ${property}` : ''} on ${type}`);
        }
      }
    }
    expect(refused).toEqual([]);
  });
});

describe('a proposal outside what the rule declares', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness([WS], { rules: [{ ...amlWs001, proposes: [] }] });
  });
  afterAll(() => h.close());

  it('is never performed: the action fails, naming the rule, and ARM sees no write', async () => {
    const result = await evaluateResource(h.ctx, WS.id, { budget: new WriteBudget(5) });
    expect(result.actions).toEqual([expect.objectContaining({ ruleId: 'AML-WS-001', action: 'set-property', outcome: 'failed', error: 'AML-WS-001 does not declare set-property on this resource type' })]);
    expect(h.writes()).toEqual([]);
  });

  it('and the executor refuses a kind the target type does not accept (stop-compute on a workspace)', () => {
    expect(h.ctx.executor.supports({ kind: 'stop-compute', resourceId: WS.id })).toBe(false);
    expect(h.ctx.executor.supports({ kind: 'set-property', resourceId: WS.id, path: ['publicNetworkAccess'], value: 'Disabled' })).toBe(true);
    expect(h.ctx.executor.supports({ kind: 'set-property', resourceId: WS.id, path: ['allowPublicAccessWhenBehindVnet'], value: false })).toBe(false);
  });
});
