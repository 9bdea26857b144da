import { describe, expect, it } from 'vitest';
import { amlWs003 } from '../../src/rules/aml-ws-003';
import { workspace } from '../support/harness';
import { approvedConnection } from '../support/dependency-estate';
import { evaluator, failed, OFFICIAL_WS, withProps } from './dependency-related';

const evaluate = evaluator(amlWs003);
const SUB = '6c1e2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

describe('AML-WS-003 no approved private endpoint', () => {
  it('passes on the official example (one Approved connection)', () => {
    expect(evaluate(OFFICIAL_WS()).status).toBe('pass');
    expect(amlWs003).toMatchObject({ id: 'AML-WS-003', defaultMode: 'audit', remediation: 'report' });
  });

  it('fires on a workspace without connections (missing, null, empty) and says to create one', () => {
    for (const props of [{}, { privateEndpointConnections: null }, { privateEndpointConnections: [] }]) {
      const v = failed(evaluate(workspace(SUB, 'rg', 'ws', props)));
      expect(v.actions).toEqual([]);
      expect(v.evidence).toEqual({ privateEndpointConnections: [] });
      expect(v.remediation).toMatch(/create a private endpoint/);
    }
  });

  it('fires when every connection is Pending, Rejected, Disconnected or malformed', () => {
    const ws = workspace(SUB, 'rg', 'ws', {});
    const v = failed(
      evaluate(
        withProps(ws, {
          privateEndpointConnections: [approvedConnection(ws.id, 'a', 'Pending'), approvedConnection(ws.id, 'b', 'Rejected'), approvedConnection(ws.id, 'c', 'Disconnected'), { name: 'd' }, 'junk'],
        }),
      ),
    );
    expect(v.evidence.privateEndpointConnections).toEqual([
      { name: 'a', status: 'Pending' },
      { name: 'b', status: 'Rejected' },
      { name: 'c', status: 'Disconnected' },
      { name: 'd', status: null },
      { name: null, status: null },
    ]);
    expect(v.remediation).toMatch(/approve/);
  });

  it('passes when one of several connections is approved, in any casing', () => {
    const ws = workspace(SUB, 'rg', 'ws', {});
    expect(evaluate(withProps(ws, { privateEndpointConnections: [approvedConnection(ws.id, 'a', 'Rejected'), approvedConnection(ws.id, 'b', 'approved')] })).status).toBe('pass');
  });
});
