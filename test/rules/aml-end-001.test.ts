import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { guardConfigSchema, type ArmResource } from '../../src/model';
import { amlEnd001 } from '../../src/rules/aml-end-001';
import { exampleBody } from '../support/fixtures';
import { endpointId, ML, onlineEndpoint } from '../support/compute-estate';

const config = guardConfigSchema.parse({});
const evaluate = (subject: ArmResource) => amlEnd001.evaluate({ subject, related: new SnapshotSet(), config, now: new Date('2026-11-25T00:00:00Z') });
const EP = endpointId('rg-ml', 'ws', 'scoring');
const withPna = (value: unknown) => onlineEndpoint(EP, { properties: { publicNetworkAccess: value } });

describe('AML-END-001 online endpoint public network access', () => {
  it('fires on the official OnlineEndpoint example (no publicNetworkAccess: the default is Enabled) and proposes Disabled', () => {
    expect((exampleBody(`${ML}/Workspace/OnlineEndpoint/get.json`) as { properties: Record<string, unknown> }).properties.publicNetworkAccess).toBeUndefined();
    const v = evaluate(onlineEndpoint(EP));
    expect(v.status).toBe('fail');
    if (v.status !== 'fail') return;
    expect(v.evidence).toEqual({ publicNetworkAccess: null });
    expect(v.actions).toEqual([{ kind: 'set-property', resourceId: EP, path: ['publicNetworkAccess'], value: 'Disabled' }]);
  });

  it('fires on Enabled and on a non-string value; passes Disabled in any case', () => {
    expect(evaluate(withPna('Enabled')).status).toBe('fail');
    expect(evaluate(withPna(false)).status).toBe('fail');
    expect(evaluate({ ...onlineEndpoint(EP), properties: null }).status).toBe('fail');
    expect(evaluate(withPna('Disabled')).status).toBe('pass');
    expect(evaluate(withPna('disabled')).status).toBe('pass');
  });

  it('keeps a mixed-case id as given in the action', () => {
    const mixed = EP.replace('onlineEndpoints', 'onlineendpoints').replace('resourceGroups', 'RESOURCEGROUPS');
    const v = evaluate({ ...withPna('Enabled'), id: mixed });
    expect(v.status === 'fail' && v.actions[0]?.resourceId).toBe(mixed);
  });
});
