import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { guardConfigSchema, type ArmResource } from '../../src/model';
import { amlCmp005 } from '../../src/rules/aml-cmp-005';
import { exampleResource } from '../support/fixtures';
import { cluster, computeId, instance, ML } from '../support/compute-estate';

const evaluate = (subject: ArmResource, config = {}) =>
  amlCmp005.evaluate({ subject, related: new SnapshotSet(), config: guardConfigSchema.parse(config), now: new Date('2026-11-25T00:00:00Z') });
const INSTANCE = computeId('rg-ml', 'ws', 'ci-1');
const withIdle = (value: unknown) => instance(INSTANCE, { properties: { properties: { idleTimeBeforeShutdown: value } } });

describe('AML-CMP-005 compute instance idle shutdown', () => {
  it('fires on the official ComputeInstance example (no idle shutdown) and sets the default maximum PT4H', () => {
    const ci = exampleResource(`${ML}/Compute/get/ComputeInstance.json`);
    const v = evaluate(ci);
    expect(v.status).toBe('fail');
    if (v.status !== 'fail') return;
    expect(v.evidence).toEqual({ idleTimeBeforeShutdown: null, maximum: 'PT4H' });
    expect(v.actions).toEqual([{ kind: 'set-idle-shutdown', resourceId: ci.id, idleTimeBeforeShutdown: 'PT4H' }]);
  });

  it('passes the value the official updateIdleShutdownSetting example sets (PT120M), and anything up to the maximum', () => {
    for (const value of ['PT120M', 'PT4H', 'PT240M', 'PT15M', 'P0DT3H59M']) expect(evaluate(withIdle(value)).status, value).toBe('pass');
  });

  it('fires above the maximum, and on a value that is not a duration', () => {
    for (const value of ['PT4H1M', 'PT241M', 'P1D', 'P3D', 'forever', '', 42, null]) {
      const v = evaluate(withIdle(value));
      expect(v.status, String(value)).toBe('fail');
    }
  });

  it('uses the configured maximum', () => {
    expect(evaluate(withIdle('PT2H'), { idleShutdownMax: 'PT1H' }).status).toBe('fail');
    const v = evaluate(withIdle('PT2H'), { idleShutdownMax: 'PT90M' });
    expect(v.status === 'fail' && v.actions[0]).toEqual({ kind: 'set-idle-shutdown', resourceId: INSTANCE, idleTimeBeforeShutdown: 'PT90M' });
    expect(evaluate(withIdle('P1D'), { idleShutdownMax: 'P1DT1H' }).status).toBe('pass');
  });

  it('is not applicable to clusters (they scale down instead)', () => {
    expect(evaluate(cluster(computeId('rg-ml', 'ws', 'cc-1'))).status).toBe('not-applicable');
  });
});
