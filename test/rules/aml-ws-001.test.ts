import { describe, expect, it } from 'vitest';
import { amlWs001 } from '../../src/rules/aml-ws-001';
import { guardConfigSchema, type ArmResource } from '../../src/model';
import { SnapshotSet } from '../../src/engine/related';
import { exampleBody, exampleResource } from '../support/fixtures';

const config = guardConfigSchema.parse({});
const evaluate = (subject: ArmResource) => amlWs001.evaluate({ subject, related: new SnapshotSet(), config, now: new Date('2026-11-25T00:00:00Z') });
const WS = 'machinelearningservices/2025-12-01/Workspace';

function withProps(base: ArmResource, props: Record<string, unknown> | null): ArmResource {
  return { ...base, properties: props };
}

describe('AML-WS-001 workspace public network access', () => {
  it('passes on the official get example (publicNetworkAccess Disabled)', () => {
    const ws = exampleResource(`arm-examples/${WS}/get.json`);
    expect(ws.properties?.publicNetworkAccess).toBe('Disabled');
    expect(evaluate(ws).status).toBe('pass');
  });

  it('fires on the official example set to Enabled and proposes the smallest PATCH', () => {
    const official = exampleResource(`arm-examples/${WS}/get.json`);
    const ws = withProps(official, { ...official.properties, publicNetworkAccess: 'Enabled' });
    const v = evaluate(ws);
    expect(v.status).toBe('fail');
    if (v.status !== 'fail') return;
    expect(v.evidence).toEqual({ publicNetworkAccess: 'Enabled' });
    expect(v.actions).toEqual([{ kind: 'set-property', resourceId: ws.id, path: ['publicNetworkAccess'], value: 'Disabled' }]);
  });

  it('fires on every workspace of the official list examples that is not Disabled', () => {
    for (const file of ['listBySubscription.json', 'listByResourceGroup.json']) {
      const list = (exampleBody(`arm-examples/${WS}/${file}`) as { value: ArmResource[] }).value;
      expect(list.length).toBeGreaterThan(0);
      for (const ws of list) {
        const value = (ws.properties as Record<string, unknown> | undefined)?.publicNetworkAccess;
        expect(evaluate(ws).status).toBe(typeof value === 'string' && value.toLowerCase() === 'disabled' ? 'pass' : 'fail');
      }
    }
  });

  it('passes when Disabled, in any casing', () => {
    const ws = exampleResource(`arm-examples/${WS}/get.json`);
    expect(evaluate(withProps(ws, { ...ws.properties, publicNetworkAccess: 'Disabled' })).status).toBe('pass');
    expect(evaluate(withProps(ws, { ...ws.properties, publicNetworkAccess: 'disabled' })).status).toBe('pass');
  });

  it('treats a missing property, null properties, or a non-string value as exposed (as Azure Policy does)', () => {
    const ws = exampleResource(`arm-examples/${WS}/get.json`);
    const { publicNetworkAccess: _gone, ...rest } = ws.properties ?? {};
    for (const subject of [withProps(ws, rest), withProps(ws, null), withProps(ws, { ...rest, publicNetworkAccess: 42 })]) {
      const v = evaluate(subject);
      expect(v.status).toBe('fail');
      if (v.status === 'fail') expect(v.evidence.publicNetworkAccess).toBeNull();
    }
  });

  it('keeps the resource id as given (mixed case) in the proposed action', () => {
    const ws = exampleResource(`arm-examples/${WS}/get.json`);
    const mixed = { ...withProps(ws, { publicNetworkAccess: 'Enabled' }), id: ws.id.replace('resourceGroups', 'resourcegroups').replace('Microsoft.MachineLearningServices', 'microsoft.machinelearningservices') };
    const v = evaluate(mixed);
    expect(v.status === 'fail' && v.actions[0]?.resourceId).toBe(mixed.id);
  });
});
