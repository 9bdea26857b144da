import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ArmResource } from '../../src/model';
import { USER_PRINCIPAL } from '../../src/sandbox';
import { raw } from '../sandbox/helpers';
import { startHarness, type Harness } from '../support/harness';
import { nsg, nsgId, securityRule, subnetId } from '../support/network-estate';

const NSG = nsgId('rg-net', 'nsg-ml');
const SUBNET = subnetId('rg-net', 'vnet-ml', 'training');
const web = securityRule(NSG, 'allow-web', { sourceAddressPrefix: '*', destinationPortRange: '443', priority: 110 });
const ssh = securityRule(NSG, 'allow-ssh', { sourceAddressPrefix: 'Internet', destinationPortRange: '22', priority: 100, description: 'temporary' });
const rules = () => (h.sandbox.getResource(NSG)?.properties?.securityRules as Array<{ name: string }>).map((r) => r.name);

let h: Harness;
beforeAll(async () => {
  h = await startHarness([nsg(NSG, [web, ssh], [SUBNET])]);
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.clearRequests());

describe("'delete-nsg-rule' writer", () => {
  let before: unknown;

  it('DELETEs only that securityRules child (rule name in another case) and keeps the whole rule as `before`', async () => {
    const stored = (h.sandbox.getResource(NSG)?.properties?.securityRules as unknown[])[1];
    const result = await h.ctx.executor.execute({ kind: 'delete-nsg-rule', resourceId: NSG, ruleName: 'ALLOW-SSH' });
    expect(result).toMatchObject({ outcome: 'applied', wrote: true, after: null });
    expect(result.before).toEqual(stored);
    expect(result.before).toMatchObject({ name: 'allow-ssh', id: `${NSG}/securityRules/allow-ssh`, properties: { description: 'temporary', sourceAddressPrefix: 'Internet', priority: 100 } });
    before = result.before;
    expect(h.writes()).toEqual([{ method: 'DELETE', path: `${NSG}/securityRules/allow-ssh`, body: undefined }].map((w) => expect.objectContaining(w)));
    expect(h.sandbox.requests.map((r) => `${r.method} ${r.apiVersion}`)).toEqual(['GET 2026-01-01', 'DELETE 2026-01-01', 'GET 2026-01-01']);
    expect(rules()).toEqual(['allow-web']);
  });

  it('the audited `before` is enough to restore the rule with one PUT', async () => {
    const rule = before as { id: string; properties: Record<string, unknown> };
    const { provisioningState: _ro, ...properties } = rule.properties;
    const put = await raw(h.sandbox, 'PUT', `${rule.id}?api-version=2026-01-01`, { principal: USER_PRINCIPAL, body: { properties } });
    expect(put.status).toBe(201);
    expect(rules()).toEqual(['allow-web', 'allow-ssh']);
    const r = await h.ctx.executor.execute({ kind: 'delete-nsg-rule', resourceId: NSG, ruleName: 'allow-ssh' });
    expect(r.outcome).toBe('applied');
  });

  it('is already compliant when the rule is gone or the NSG is gone: no write', async () => {
    expect((await h.ctx.executor.execute({ kind: 'delete-nsg-rule', resourceId: NSG, ruleName: 'allow-ssh' })).outcome).toBe('already-compliant');
    expect((await h.ctx.executor.execute({ kind: 'delete-nsg-rule', resourceId: nsgId('rg-net', 'gone'), ruleName: 'x' })).outcome).toBe('already-compliant');
    expect(h.writes()).toEqual([]);
  });

  it('never deletes a rule that turned into Deny (or Outbound) since it was judged', async () => {
    const deny = securityRule(NSG, 'turned-deny', { sourceAddressPrefix: 'Internet', destinationPortRange: '22', access: 'Deny', priority: 300 });
    await raw(h.sandbox, 'PUT', `${NSG}/securityRules/turned-deny?api-version=2026-01-01`, { principal: USER_PRINCIPAL, body: { properties: deny.properties } });
    h.sandbox.clearRequests();
    const r = await h.ctx.executor.execute({ kind: 'delete-nsg-rule', resourceId: NSG, ruleName: 'turned-deny' });
    expect(r).toMatchObject({ outcome: 'already-compliant', wrote: false, before: null });
    expect(h.writes()).toEqual([]);
    expect(rules()).toContain('turned-deny');
  });

  it('reports a failed DELETE with ARM’s error, keeping `before`', async () => {
    const again = securityRule(NSG, 'again', { sourceAddressPrefix: '*', destinationPortRange: '*', priority: 400 });
    await raw(h.sandbox, 'PUT', `${NSG}/securityRules/again?api-version=2026-01-01`, { principal: USER_PRINCIPAL, body: { properties: again.properties } });
    h.sandbox.injectFault({ method: 'DELETE', pathPattern: /securityRules\/again$/, status: 409, code: 'InUseByPolicy', message: 'locked' });
    const r = await h.ctx.executor.execute({ kind: 'delete-nsg-rule', resourceId: NSG, ruleName: 'again' });
    expect(r.outcome).toBe('failed');
    expect(r.error).toMatch(/409.*InUseByPolicy/);
    expect((r.before as ArmResource | null)?.name).toBe('again');
    expect(rules()).toContain('again');
  });
});
