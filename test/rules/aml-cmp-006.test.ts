import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { guardConfigSchema, type ArmResource } from '../../src/model';
import { amlCmp006 } from '../../src/rules/aml-cmp-006';
import { exampleResource } from '../support/fixtures';
import { cluster, computeId, instance, ML, withoutInner } from '../support/compute-estate';

const config = guardConfigSchema.parse({});
const evaluate = (subject: ArmResource) => amlCmp006.evaluate({ subject, related: new SnapshotSet(), config, now: new Date('2026-11-25T00:00:00Z') });
const INSTANCE = computeId('rg-ml', 'ws', 'ci-1');

describe('AML-CMP-006 compute instance OS image', () => {
  it('fires on the official ComputeInstance example (isLatestOsImageVersion false), report only', () => {
    const v = evaluate(exampleResource(`${ML}/Compute/get/ComputeInstance.json`));
    expect(v.status).toBe('fail');
    if (v.status !== 'fail') return;
    expect(v.evidence).toEqual({ isLatestOsImageVersion: false, currentImageVersion: '22.06.14', latestImageVersion: '22.07.22' });
    expect(v.actions).toEqual([]);
  });

  it('passes when current, and when the metadata is missing or not a boolean', () => {
    expect(evaluate(instance(INSTANCE, { properties: { properties: { osImageMetadata: { isLatestOsImageVersion: true } } } })).status).toBe('pass');
    expect(evaluate(withoutInner(instance(INSTANCE), 'osImageMetadata')).status).toBe('pass');
    expect(evaluate(instance(INSTANCE, { properties: { properties: { osImageMetadata: { isLatestOsImageVersion: 'false' } } } })).status).toBe('pass');
  });

  it('is not applicable to clusters', () => {
    expect(evaluate(cluster(computeId('rg-ml', 'ws', 'cc-1'))).status).toBe('not-applicable');
  });
});
