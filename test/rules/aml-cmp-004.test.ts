import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { guardConfigSchema, type ArmResource } from '../../src/model';
import { amlCmp004 } from '../../src/rules/aml-cmp-004';
import { exampleBody, exampleResource } from '../support/fixtures';
import { computeId, instance, ML } from '../support/compute-estate';

const config = guardConfigSchema.parse({});
const evaluate = (subject: ArmResource) => amlCmp004.evaluate({ subject, related: new SnapshotSet(), config, now: new Date('2026-11-25T00:00:00Z') });
const INSTANCE = computeId('rg-ml', 'ws', 'ci-1');

describe('AML-CMP-004 compute local authentication', () => {
  it('fires on every official compute example: none sets disableLocalAuth (missing = local auth on), AKS included', () => {
    const all = [
      exampleResource(`${ML}/Compute/get/ComputeInstance.json`),
      exampleResource(`${ML}/Compute/get/AmlCompute.json`),
      ...(exampleBody(`${ML}/Compute/list.json`) as { value: ArmResource[] }).value,
    ];
    for (const c of all) {
      const v = evaluate(c);
      expect(v.status).toBe('fail');
      expect(v.status === 'fail' && v.actions).toEqual([]);
      expect(v.status === 'fail' && v.evidence.disableLocalAuth).toBeNull();
    }
  });

  it('passes only when disableLocalAuth is exactly true', () => {
    expect(evaluate(instance(INSTANCE, { properties: { disableLocalAuth: true } })).status).toBe('pass');
    expect(evaluate(instance(INSTANCE, { properties: { disableLocalAuth: false } })).status).toBe('fail');
    expect(evaluate(instance(INSTANCE, { properties: { disableLocalAuth: 'true' } })).status).toBe('fail');
    expect(evaluate({ ...instance(INSTANCE), properties: null }).status).toBe('fail');
  });
});
