import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { guardConfigSchema, type ArmResource } from '../../src/model';
import { amlCmp003 } from '../../src/rules/aml-cmp-003';
import { exampleBody, exampleResource } from '../support/fixtures';
import { cluster, computeId, instance, ML, mlWorkspace, withoutInner, wsId } from '../support/compute-estate';

const config = guardConfigSchema.parse({});
const evaluate = (subject: ArmResource, related: readonly ArmResource[] = []) => amlCmp003.evaluate({ subject, related: new SnapshotSet(related), config, now: new Date('2026-11-25T00:00:00Z') });
const INSTANCE = computeId('rg-ml', 'ws', 'ci-1');
const CLUSTER = computeId('rg-ml', 'ws', 'cc-1');
const ws = (mode: string | null) => mlWorkspace(wsId('rg-ml', 'ws'), { properties: { managedNetwork: mode === null ? null : { isolationMode: mode } } });

describe('AML-CMP-003 compute not in a virtual network', () => {
  it('passes the official examples: both name a subnet (the placeholder id counts: it names one)', () => {
    expect(evaluate(exampleResource(`${ML}/Compute/get/ComputeInstance.json`)).status).toBe('pass');
    expect(evaluate(exampleResource(`${ML}/Compute/get/AmlCompute.json`)).status).toBe('pass');
  });

  it('fires for an instance or cluster without a subnet in a workspace without managed network', () => {
    for (const c of [withoutInner(instance(INSTANCE), 'subnet'), withoutInner(cluster(CLUSTER), 'subnet')]) {
      for (const mode of ['Disabled', null]) {
        const v = evaluate(c, [ws(mode)]);
        expect(v.status).toBe('fail');
        if (v.status !== 'fail') continue;
        expect(v.actions).toEqual([]);
        expect(v.evidence).toMatchObject({ subnet: null, managedNetworkIsolationMode: mode, workspaceRead: true });
      }
    }
  });

  it('an empty or null subnet id is no subnet', () => {
    expect(evaluate(instance(INSTANCE, { properties: { properties: { subnet: { id: '' } } } }), [ws('Disabled')]).status).toBe('fail');
    expect(evaluate(instance(INSTANCE, { properties: { properties: { subnet: null } } }), [ws('Disabled')]).status).toBe('fail');
  });

  it('passes without a subnet when the workspace runs a managed network (either isolated mode, any case)', () => {
    const c = withoutInner(instance(INSTANCE), 'subnet');
    for (const mode of ['AllowOnlyApprovedOutbound', 'AllowInternetOutbound', 'allowonlyapprovedoutbound']) expect(evaluate(c, [ws(mode)]).status).toBe('pass');
    expect(evaluate(c, [mlWorkspace(wsId('rg-ml', 'ws'))]).status, 'official workspace example').toBe('pass');
  });

  it('fires, saying so, when the parent workspace could not be read (deleted / not gathered)', () => {
    const v = evaluate(withoutInner(instance(INSTANCE), 'subnet'), [mlWorkspace(wsId('rg-other', 'ws'))]);
    expect(v.status === 'fail' && v.evidence).toMatchObject({ workspaceRead: false, managedNetworkIsolationMode: null });
  });

  it('is not applicable to attached computes', () => {
    for (const c of (exampleBody(`${ML}/Compute/list.json`) as { value: ArmResource[] }).value) expect(evaluate(c).status).toBe('not-applicable');
  });
});
