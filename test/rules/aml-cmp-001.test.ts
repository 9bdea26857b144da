import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { guardConfigSchema, type ArmResource } from '../../src/model';
import { amlCmp001 } from '../../src/rules/aml-cmp-001';
import { exampleBody, exampleResource } from '../support/fixtures';
import { cluster, computeId, instance, ML, mlWorkspace, withoutInner, wsId } from '../support/compute-estate';

const config = guardConfigSchema.parse({});
const evaluate = (subject: ArmResource, related: readonly ArmResource[] = []) => amlCmp001.evaluate({ subject, related: new SnapshotSet(related), config, now: new Date('2026-11-25T00:00:00Z') });
const INSTANCE = computeId('rg-ml', 'ws', 'ci-1');
const CLUSTER = computeId('rg-ml', 'ws', 'cc-1');
const noManagedNetwork = mlWorkspace(wsId('rg-ml', 'ws'), { properties: { managedNetwork: { isolationMode: 'Disabled' } } });

describe('AML-CMP-001 compute nodes with a public IP', () => {
  it('fires on the official ComputeInstance example: enableNodePublicIp is missing (service default true); its 10.0.0.1 is private', () => {
    const ci = exampleResource(`${ML}/Compute/get/ComputeInstance.json`);
    const v = evaluate(ci);
    expect(v.status).toBe('fail');
    if (v.status !== 'fail') return;
    expect(v.evidence).toMatchObject({ computeType: 'ComputeInstance', enableNodePublicIp: null, publicIpAddress: '10.0.0.1', reasons: ['enableNodePublicIp is not set (the service default is true)'] });
    expect(v.actions).toEqual([{ kind: 'stop-compute', resourceId: ci.id }]);
    expect(v.remediation).toMatch(/recreate compute123 with enableNodePublicIp=false/);
  });

  it('reports the official AmlCompute example (enableNodePublicIp true) without any write', () => {
    const cc = exampleResource(`${ML}/Compute/get/AmlCompute.json`);
    const v = evaluate(cc);
    expect(v.status === 'fail' && v.actions).toEqual([]);
    expect(v.status === 'fail' && v.evidence.reasons).toEqual(['enableNodePublicIp is true']);
  });

  it('passes an instance with enableNodePublicIp false and a private (or no) address', () => {
    expect(evaluate(instance(INSTANCE, { properties: { properties: { enableNodePublicIp: false } } })).status).toBe('pass');
    expect(evaluate(withoutInner(instance(INSTANCE, { properties: { properties: { enableNodePublicIp: false } } }), 'connectivityEndpoints')).status).toBe('pass');
    expect(evaluate(cluster(CLUSTER, { properties: { properties: { enableNodePublicIp: false } } })).status).toBe('pass');
  });

  it('fires when the flag says false but connectivityEndpoints shows a public address', () => {
    const ci = instance(INSTANCE, { properties: { properties: { enableNodePublicIp: false, connectivityEndpoints: { publicIpAddress: '20.61.1.7' } } } });
    const v = evaluate(ci, [noManagedNetwork]);
    expect(v.status === 'fail' && v.evidence.reasons).toEqual(['connectivityEndpoints.publicIpAddress 20.61.1.7 is a public address']);
    expect(v.status === 'fail' && v.actions).toEqual([{ kind: 'stop-compute', resourceId: INSTANCE }]);
  });

  it('does not treat CGNAT or loopback addresses as public', () => {
    for (const ip of ['100.64.0.9', '127.0.0.1']) {
      expect(evaluate(instance(INSTANCE, { properties: { properties: { enableNodePublicIp: false, connectivityEndpoints: { publicIpAddress: ip } } } })).status).toBe('pass');
    }
  });

  it('treats null properties.properties as the service default (public IP)', () => {
    const ci = instance(INSTANCE);
    expect(evaluate({ ...ci, properties: { computeType: 'ComputeInstance', properties: null } }).status).toBe('fail');
  });

  it('in a managed-network workspace: still fires, but reports instead of stopping', () => {
    const managed = mlWorkspace(wsId('rg-ml', 'ws'));
    expect(managed.properties?.managedNetwork).toMatchObject({ isolationMode: 'AllowOnlyApprovedOutbound' });
    const v = evaluate(instance(INSTANCE), [managed]);
    expect(v.status).toBe('fail');
    if (v.status !== 'fail') return;
    expect(v.actions).toEqual([]);
    expect(v.evidence.managedNetworkIsolationMode).toBe('AllowOnlyApprovedOutbound');
    const internet = mlWorkspace(wsId('rg-ml', 'ws'), { properties: { managedNetwork: { isolationMode: 'AllowInternetOutbound' } } });
    const w = evaluate(instance(INSTANCE), [internet]);
    expect(w.status === 'fail' && w.actions).toEqual([]);
  });

  it('a workspace with isolationMode Disabled, or unknown (not read), does not prevent containment', () => {
    for (const related of [[noManagedNetwork], []]) {
      const v = evaluate(instance(INSTANCE), related);
      expect(v.status === 'fail' && v.actions).toEqual([{ kind: 'stop-compute', resourceId: INSTANCE }]);
    }
  });

  it('matches the parent workspace case-insensitively (mixed-case compute id)', () => {
    const mixed = INSTANCE.replace('resourceGroups', 'resourcegroups').replace('/workspaces/ws/', '/workspaces/WS/');
    const v = evaluate(instance(mixed), [mlWorkspace(wsId('rg-ml', 'ws'))]);
    expect(v.status === 'fail' && v.actions).toEqual([]);
  });

  it('is not applicable to attached computes (the official list example: AKS)', () => {
    for (const c of (exampleBody(`${ML}/Compute/list.json`) as { value: ArmResource[] }).value) expect(evaluate(c).status).toBe('not-applicable');
  });
});
