import { describe, expect, it } from 'vitest';
import { amlWs004 } from '../../src/rules/aml-ws-004';
import { evaluator, failed, OFFICIAL_WS, withProps } from './dependency-related';

const strict = evaluator(amlWs004);
const internet = evaluator(amlWs004, { managedNetworkIsolationTarget: 'AllowInternetOutbound' });
const mode = (isolationMode: unknown) => withProps(OFFICIAL_WS(), { managedNetwork: { isolationMode } });

describe('AML-WS-004 managed network isolation below target', () => {
  it('passes on the official example (AllowOnlyApprovedOutbound = the default target)', () => {
    expect(strict(OFFICIAL_WS()).status).toBe('pass');
  });

  it('fires below the default target and reports only (one-way change)', () => {
    for (const m of ['AllowInternetOutbound', 'Disabled']) {
      const v = failed(strict(mode(m)));
      expect(v.actions).toEqual([]);
      expect(v.evidence).toEqual({ isolationMode: m, target: 'AllowOnlyApprovedOutbound' });
      expect(v.remediation).toMatch(/one-way/);
    }
  });

  it('treats a missing managedNetwork or isolationMode as Disabled, and an unknown value as below any target', () => {
    const { managedNetwork: _gone, ...rest } = OFFICIAL_WS().properties ?? {};
    expect(failed(strict({ ...OFFICIAL_WS(), properties: rest })).evidence).toEqual({ isolationMode: null, target: 'AllowOnlyApprovedOutbound' });
    expect(failed(strict(withProps(OFFICIAL_WS(), { managedNetwork: {} }))).evidence.isolationMode).toBeNull();
    expect(failed(internet(withProps(OFFICIAL_WS(), { managedNetwork: null }))).evidence.target).toBe('AllowInternetOutbound');
    expect(strict(mode('Strictest')).status).toBe('fail');
  });

  it('with target AllowInternetOutbound: a stricter workspace passes (never ask to loosen), Disabled fails; casing ignored', () => {
    expect(internet(mode('AllowOnlyApprovedOutbound')).status).toBe('pass');
    expect(internet(mode('allowinternetoutbound')).status).toBe('pass');
    expect(internet(mode('Disabled')).status).toBe('fail');
    expect(strict(mode('ALLOWONLYAPPROVEDOUTBOUND')).status).toBe('pass');
  });
});
