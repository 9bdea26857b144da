import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { guardConfigSchema, type ArmResource } from '../../src/model';
import { amlCmp002 } from '../../src/rules/aml-cmp-002';
import { exampleBody, exampleResource } from '../support/fixtures';
import { cluster, computeId, instance, ML, withoutInner } from '../support/compute-estate';

const config = guardConfigSchema.parse({});
const evaluate = (subject: ArmResource) => amlCmp002.evaluate({ subject, related: new SnapshotSet(), config, now: new Date('2026-11-25T00:00:00Z') });
const INSTANCE = computeId('rg-ml', 'ws', 'ci-1');
const CLUSTER = computeId('rg-ml', 'ws', 'cc-1');
const SUBNET = '/subscriptions/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/training';

describe('AML-CMP-002 public SSH', () => {
  it('contains the official ComputeInstance example (sshPublicAccess Enabled, public IP by default) by stopping it', () => {
    const ci = exampleResource(`${ML}/Compute/get/ComputeInstance.json`);
    const v = evaluate(ci);
    expect(v.status).toBe('fail');
    if (v.status !== 'fail') return;
    expect(v.evidence).toEqual({ computeType: 'ComputeInstance', sshPublicAccess: 'Enabled', hasPublicIp: true });
    expect(v.actions).toEqual([{ kind: 'stop-compute', resourceId: ci.id }]);
  });

  it('reports (does not stop) an instance with SSH Enabled but no public IP', () => {
    const v = evaluate(instance(INSTANCE, { properties: { properties: { enableNodePublicIp: false } } }));
    expect(v.status === 'fail' && v.actions).toEqual([]);
    expect(v.status === 'fail' && v.evidence.hasPublicIp).toBe(false);
  });

  it('passes an instance with SSH Disabled (any case) or no sshSettings (default Disabled)', () => {
    expect(evaluate(instance(INSTANCE, { properties: { properties: { sshSettings: { sshPublicAccess: 'Disabled' } } } })).status).toBe('pass');
    expect(evaluate(instance(INSTANCE, { properties: { properties: { sshSettings: { sshPublicAccess: 'disabled' } } } })).status).toBe('pass');
    expect(evaluate(withoutInner(instance(INSTANCE), 'sshSettings')).status).toBe('pass');
  });

  it('fires on the official AmlCompute example (remoteLoginPortPublicAccess Enabled), report only', () => {
    const v = evaluate(exampleResource(`${ML}/Compute/get/AmlCompute.json`));
    expect(v.status === 'fail' && v.actions).toEqual([]);
    expect(v.status === 'fail' && v.evidence.remoteLoginPortPublicAccess).toBe('Enabled');
  });

  it('cluster: Disabled passes; NotSpecified or missing is public without a subnet, closed with one', () => {
    expect(evaluate(cluster(CLUSTER, { properties: { properties: { remoteLoginPortPublicAccess: 'Disabled' } } })).status).toBe('pass');
    const notSpecified = cluster(CLUSTER, { properties: { properties: { remoteLoginPortPublicAccess: 'NotSpecified', subnet: { id: SUBNET } } } });
    expect(evaluate(notSpecified).status).toBe('pass');
    expect(evaluate(withoutInner(notSpecified, 'subnet')).status).toBe('fail');
    expect(evaluate(withoutInner(notSpecified, 'subnet', 'remoteLoginPortPublicAccess')).status).toBe('fail');
    expect(evaluate(withoutInner(notSpecified, 'remoteLoginPortPublicAccess')).status).toBe('pass');
    expect(evaluate(cluster(CLUSTER, { properties: { properties: { remoteLoginPortPublicAccess: 'Enabled', subnet: { id: SUBNET } } } })).status).toBe('fail');
  });

  it('is not applicable to attached computes', () => {
    for (const c of (exampleBody(`${ML}/Compute/list.json`) as { value: ArmResource[] }).value) expect(evaluate(c).status).toBe('not-applicable');
  });
});
