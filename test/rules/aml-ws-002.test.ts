import { describe, expect, it } from 'vitest';
import type { ArmResource } from '../../src/model';
import { amlWs002 } from '../../src/rules/aml-ws-002';
import { exampleBody } from '../support/fixtures';
import { evaluator, failed, OFFICIAL_WS, withProps } from './dependency-related';

const evaluate = evaluator(amlWs002);

describe('AML-WS-002 allowPublicAccessWhenBehindVnet', () => {
  it('carries its catalog metadata (report only, audit)', () => {
    expect(amlWs002).toMatchObject({ id: 'AML-WS-002', defaultMode: 'audit', benchmark: 'NS-2', appliesTo: ['microsoft.machinelearningservices/workspaces'] });
  });

  it('passes on the official example (false)', () => {
    expect(OFFICIAL_WS().properties?.allowPublicAccessWhenBehindVnet).toBe(false);
    expect(evaluate(OFFICIAL_WS()).status).toBe('pass');
  });

  it('fires when true, report only: the 2025-12-01 PATCH contract has no such property', () => {
    const v = failed(evaluate(withProps(OFFICIAL_WS(), { allowPublicAccessWhenBehindVnet: true })));
    expect(v.actions).toEqual([]);
    expect(v.evidence).toEqual({ allowPublicAccessWhenBehindVnet: true, publicNetworkAccess: 'Disabled' });
    expect(v.remediation).toMatch(/^report: .*AML-WS-001/);
  });

  it('does not fire when missing (service default false), null, or not a boolean', () => {
    const { allowPublicAccessWhenBehindVnet: _gone, ...rest } = OFFICIAL_WS().properties ?? {};
    for (const props of [rest, { ...rest, allowPublicAccessWhenBehindVnet: null }, { ...rest, allowPublicAccessWhenBehindVnet: 'true' }]) {
      expect(evaluate({ ...OFFICIAL_WS(), properties: props }).status).toBe('pass');
    }
    expect(evaluate({ ...OFFICIAL_WS(), properties: null }).status).toBe('pass');
  });

  it('judges each workspace of the official list examples by its own flag', () => {
    const list = (exampleBody('arm-examples/machinelearningservices/2025-12-01/Workspace/listBySubscription.json') as { value: ArmResource[] }).value;
    for (const ws of list) expect(evaluate(ws).status).toBe(ws.properties?.allowPublicAccessWhenBehindVnet === true ? 'fail' : 'pass');
  });
});
