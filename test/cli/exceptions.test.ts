/**
 * The CLI against `aml-guard serve` on loopback, end to end: serve (sandbox estate, local token
 * issuer, node:http adapter), `aml-guard token` for two people, then the exceptions commands.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmlGuardApiClient } from '../../src/cli/api-client';
import { main } from '../../src/cli/main';
import { requestAndApprove, type LocalApi } from '../../src/cli/local-api';
import { localOid } from '../../src/cli/local-issuer';
import { runCli } from '../support/cli';
import { workspace } from '../support/harness';
import { testConnection, uniqueTablePrefix } from '../support/store';

const SUB = '8a9b0c1d-2e3f-4a5b-9c6d-7e8f9a0b1c2d';
const WS = workspace(SUB, 'rg-cli', 'ws-cli', { publicNetworkAccess: 'Enabled' });
const dir = mkdtempSync(path.join(tmpdir(), 'aml-guard-serve-'));
const estate = path.join(dir, 'estate.json');
writeFileSync(estate, JSON.stringify([WS]));

const stop = new AbortController();
let served: Promise<number>;
let api: LocalApi;
let serveOut = '';
let alice = '';
let bob = '';

beforeAll(async () => {
  const conn = testConnection();
  const ready = new Promise<LocalApi>((resolve) => {
    served = main(
      ['serve', '--sandbox', estate, '--port', '0', '--issuer-port', '0', '--reconcile-every', '0'],
      {
        stdout: (t) => (serveOut += t),
        stderr: () => {},
        env: { AMLGUARD_STORAGE_CONNECTION_STRING: conn.kind === 'connection-string' ? conn.connectionString : '', AMLGUARD_TABLE_PREFIX: uniqueTablePrefix(), AMLGUARD_LRO_POLL_MS: '5' },
      },
      { signal: stop.signal, onServeReady: resolve },
    );
    served.catch(() => {});
  });
  api = await ready;
  const token = async (who: string, roles: string) => {
    const run = await runCli(['token', '--issuer', api.issuer!.url, '--as', who, '--roles', roles]);
    expect(run.code, run.stderr).toBe(0);
    return run.stdout.trim();
  };
  [alice, bob] = await Promise.all([token('alice', 'Requester'), token('bob', 'Approver,Reader')]);
});

afterAll(async () => {
  stop.abort();
  expect(await served).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], token?: string) => runCli(['exceptions', ...args, '--api', api.url, ...(token ? ['--token', token] : [])]);

describe('aml-guard serve + exceptions + token', () => {
  it('serve says where the API and the local issuer are', () => {
    expect(serveOut).toContain(`AML Guard API on ${api.url}/api`);
    expect(serveOut).toContain(`Local token issuer on ${api.issuer!.url}`);
    expect(serveOut).toContain(`Approval console on ${api.url}/`);
  });

  it('serve answers GET / with the console page (strict CSP) and its local sign-in config', async () => {
    const page = await fetch(`${api.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('src="/console/app.js"');
    expect(await (await fetch(`${api.url}/console/config.json`)).json()).toEqual({ apiBase: '/api', signIn: { kind: 'local' } });
  });

  it('alice requests, bob approves, both see it; alice cannot approve her own', async () => {
    const req = await cli(['request', '--scope', WS.id, '--rule', 'AML-WS-001', '--reason', 'demo for the partner', '--hours', '24', '--format', 'json'], alice);
    expect(req.code, req.stderr).toBe(0);
    const e = JSON.parse(req.stdout) as { id: string; status: string; requestedBy: string; requestedByName: string };
    expect(e).toMatchObject({ status: 'pending', requestedBy: localOid('alice'), requestedByName: 'alice@aml-guard.local' });

    const self = await cli(['approve', e.id], alice);
    expect(self.code).toBe(2);
    expect(self.stderr).toMatch(/403 MissingRole/);

    const ok = await cli(['approve', e.id, '--comment', 'fine for a day'], bob);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/status\s+approved/);
    expect(ok.stdout).toMatch(/approvedByName\s+bob@aml-guard\.local/);

    const again = await cli(['approve', e.id], bob);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/409 InvalidTransition: .*approved.*\(current status: approved\)/);

    const list = await cli(['list', '--status', 'approved'], bob);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${e.id}\\s+approved\\s+AML-WS-001\\s+rg-cli/ws-cli\\s+alice@aml-guard.local`));
    const show = await cli(['show', e.id, '--format', 'json'], bob);
    expect(JSON.parse(show.stdout)).toMatchObject({ id: e.id, status: 'approved', approvedBy: localOid('bob') });

    const revoked = await cli(['revoke', e.id, '--reason', 'partner demo done'], bob);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stderr).toMatch(/is now revoked/);
  });

  it('separation of duties over the wire: a requester who is also an approver cannot approve their own request', async () => {
    const carol = (await runCli(['token', '--issuer', api.issuer!.url, '--as', 'carol', '--roles', 'Requester,Approver'])).stdout.trim();
    const req = await cli(['request', '--scope', `/subscriptions/${SUB}/resourceGroups/rg-cli`, '--rule', '*', '--reason', 'r', '--hours', '1', '--format', 'json'], carol);
    const id = (JSON.parse(req.stdout) as { id: string }).id;
    const self = await cli(['approve', id], carol);
    expect(self.code).toBe(2);
    expect(self.stderr).toMatch(/403 SeparationOfDuties: separation of duties/);
  });

  it('refusals exit 2 with the server message: the duration bound, a bad scope, no token, a bad token', async () => {
    const over = await cli(['request', '--scope', WS.id, '--rule', 'AML-WS-001', '--reason', 'r', '--hours', '721'], alice);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/400 InvalidBody: durationHours: must be at most 720 hours \(AMLGUARD_EXCEPTION_MAX_HOURS\) \(field: durationHours\)/);
    const scope = await cli(['request', '--scope', 'ws-cli', '--rule', 'AML-WS-001', '--reason', 'r', '--hours', '1'], alice);
    expect(scope.code).toBe(2);
    expect(scope.stderr).toMatch(/field: scope/);
    const missing = await cli(['request', '--scope', WS.id, '--rule', 'AML-WS-001', '--hours', '1'], alice);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/required option '--reason <text>' not specified/)]);
    const noToken = await cli(['list']);
    expect([noToken.code, noToken.stderr]).toEqual([2, expect.stringMatching(/no token/)]);
    const forged = await cli(['list'], `${alice.slice(0, -4)}AAAA`);
    expect(forged.code).toBe(2);
    expect(forged.stderr).toMatch(/401 InvalidToken/);
  });

  it('an unreachable API exits 1; serve without a sandbox or auth settings refuses to start', async () => {
    const down = await runCli(['exceptions', 'list', '--api', 'http://127.0.0.1:9', '--token', alice]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/Unreachable: cannot reach/);
    const refused = await runCli(['serve', '--port', '0']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--local-issuer/);
    const badRole = await runCli(['token', '--issuer', api.issuer!.url, '--as', 'eve', '--roles', 'Admin']);
    expect([badRole.code, badRole.stderr]).toEqual([2, expect.stringMatching(/unknown role "Admin"/)]);
  });

  it('the demo hook: tokenFor + the API client request and approve through HTTP; oversized bodies get 413', async () => {
    const asAlice = new AmlGuardApiClient(api.url, await api.tokenFor('alice', ['Requester']));
    const asBob = new AmlGuardApiClient(`${api.url}/api/`, () => api.tokenFor('bob', ['Approver']));
    const e = await asAlice.request({ scope: WS.id, ruleId: 'AML-WS-001', reason: 'demo', durationHours: 72 });
    const approved = await asBob.approve(e.id);
    expect(approved).toMatchObject({ status: 'approved', requestedBy: localOid('alice'), approvedBy: localOid('bob') });
    expect(await asBob.list({ status: 'approved', scope: WS.id })).toEqual(expect.arrayContaining([expect.objectContaining({ id: e.id })]));
    await expect(asBob.findings({ severity: 'urgent' })).rejects.toMatchObject({ status: 400, body: { field: 'severity' } });
    const big = await fetch(`${api.url}/api/exceptions`, { method: 'POST', headers: { authorization: `Bearer ${await api.tokenFor('alice', ['Requester'])}` }, body: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    const granted = await requestAndApprove(api, { scope: WS.id, ruleId: 'AML-WS-001', reason: 'demo grant', durationHours: 72 }, { requester: 'dana', approver: 'sam', comment: 'ok' });
    expect(granted).toMatchObject({ status: 'approved', requestedBy: localOid('dana'), approvedBy: localOid('sam') });
  });
});
