/**
 * The approval console in a real browser (Debian chromium through playwright-core), served by the
 * same local API `aml-guard serve` runs, signing in through the local issuer's form.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { refusingAuthenticator } from '../../src/auth';
import { startLocalApi, type LocalApi } from '../../src/cli/local-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sweep, WriteBudget } from '../../src/engine';
import { parseArmId } from '../../src/model';
import { amlWs001 } from '../../src/rules/aml-ws-001';
import { launchChromium } from '../support/browser';
import { onlyRules, runCli } from '../support/cli';
import { startHarness, workspace, type Harness } from '../support/harness';

const SUB = '7d6c5b4a-3e2f-4a1b-9c8d-0e1f2a3b4c5d';
const PARTNER = workspace(SUB, 'rg-partner', 'ws-partner', { publicNetworkAccess: 'Enabled' });
const OWN = workspace(SUB, 'rg-partner', 'ws-own', { publicNetworkAccess: 'Enabled' });
const KEYS = workspace(SUB, 'rg-partner', 'ws-keys', { publicNetworkAccess: 'Enabled' });
// Another subscription: the sweeps of the first test (over SUB) leave it open.
const FROM_PAGE = workspace('2b3c4d5e-6f70-4a81-92a3-b4c5d6e7f809', 'rg-team', 'ws-from-page', { publicNetworkAccess: 'Enabled' });

let h: Harness;
let api: LocalApi;
let browser: Browser;
let context: BrowserContext;
let cspViolations: string[];
const scratch = mkdtempSync(path.join(tmpdir(), 'aml-guard-console-'));

beforeAll(async () => {
  h = await startHarness([PARTNER, OWN, KEYS, FROM_PAGE], { rules: [amlWs001] });
  // Findings with evidence, nothing fixed yet (a cap of 0 writes): what an approver decides on.
  await sweep(h.ctx, { subscriptions: [SUB, parseArmId(FROM_PAGE.id).subscriptionId], budget: new WriteBudget(0) });
  [api, browser] = await Promise.all([startLocalApi(h.ctx, { auth: 'local' }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await h?.close();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(async () => {
  await context?.close();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  cspViolations = [];
});

async function open(): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(`${api.url}/`);
  return page;
}

async function signIn(page: Page, user: string, roles: readonly ('Requester' | 'Approver' | 'Reader')[]): Promise<void> {
  await page.getByLabel('User').fill(user);
  for (const role of ['Requester', 'Approver', 'Reader'] as const) await page.getByLabel(role, { exact: true }).setChecked(roles.includes(role));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Pending requests/ }).waitFor();
}

async function request(asUser: string, scope: string, reason: string): Promise<string> {
  const token = await api.tokenFor(asUser, ['Requester']);
  const res = await fetch(`${api.url}/api/exceptions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ scope, ruleId: 'AML-WS-001', reason, durationHours: 72 }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** AMLGUARD_SCREENSHOTS=DIR keeps full-page screenshots of the console, for people to look at. */
async function keepScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.AMLGUARD_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

const card = (page: Page, id: string) => page.locator(`article[data-exception-id="${id}"]`);

describe('approval console', () => {
  it('request -> an approver signs in locally and approves in the page -> the next scan shows the finding excepted', async () => {
    const id = await request('dana', PARTNER.id, 'partner pilot until the private link is approved');
    const page = await open();
    await signIn(page, 'sam', ['Approver']);
    const pending = card(page, id);
    // What the exception would let stand: rule, rationale, resource, evidence, what AML Guard would do.
    await expect.poll(() => pending.innerText()).toContain(amlWs001.title);
    const text = await pending.innerText();
    expect(text).toContain(amlWs001.rationale);
    expect(text).toContain(PARTNER.id);
    expect(text).toContain('publicNetworkAccess');
    expect(text).toMatch(/Fix it automatically \(mode enforce\)/);
    expect(text).toContain('partner pilot until the private link is approved');

    await keepScreenshot(page, 'console-pending');
    await pending.getByLabel(/Comment/).fill('approved for the pilot');
    await pending.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Approved: AML-WS-001 on ws-partner/);
    const active = card(page, id);
    await expect.poll(() => active.innerText()).toMatch(/\d+ d \d+ h left|\d+ h \d+ min left/);
    expect(await active.getByRole('button', { name: 'Revoke' }).count()).toBe(1);
    await keepScreenshot(page, 'console-approved');

    // The next scan: `aml-guard scan --remediate` against the same sandbox and the same tables.
    const ca = path.join(scratch, 'ca.pem');
    writeFileSync(ca, h.sandbox.ca);
    const prefix = h.store.tableNames.findings.slice(0, -'findings'.length);
    const scan = await runCli(['scan', '--sandbox-url', h.sandbox.endpoint, '--sandbox-ca', ca, '--subscription', SUB, '--remediate', '--format', 'json'], { AMLGUARD_TABLE_PREFIX: prefix, ...onlyRules('AML-WS-001') });
    expect(scan.code, scan.stderr).toBe(0);
    const next = JSON.parse(scan.stdout) as { findings: { resourceId: string; ruleId: string; status: string; exceptionId?: string }[]; actions: { resourceId: string; outcome: string }[] };
    const partner = next.findings.find((f) => f.resourceId === PARTNER.id && f.ruleId === 'AML-WS-001');
    expect(partner).toMatchObject({ status: 'excepted', exceptionId: id });
    expect(next.actions.find((a) => a.resourceId === PARTNER.id)?.outcome).toBe('skipped-exception');
    expect(h.sandbox.getResource(PARTNER.id)?.properties?.publicNetworkAccess).toBe('Enabled');
    expect(cspViolations).toEqual([]);
  });

  it('separation of duties: the requester, even holding the Approver role, sees no Approve on her own request, and the API refuses it (403)', async () => {
    const id = await request('erin', OWN.id, 'load test from the partner network');
    const page = await open();
    await signIn(page, 'erin', ['Requester', 'Approver']);
    const own = card(page, id);
    await expect.poll(() => own.innerText()).toMatch(/another approver must decide/);
    expect(await own.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await own.getByRole('button', { name: 'Reject' }).count()).toBe(0);

    const token = await api.tokenFor('erin', ['Requester', 'Approver']);
    const res = await fetch(`${api.url}/api/exceptions/${id}/approve`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('SeparationOfDuties');
    const after = await fetch(`${api.url}/api/exceptions/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await after.json()) as { status: string }).status).toBe('pending');

    // Another approver, in a browser session of their own, rejects it in the page with a reason.
    await context.close();
    context = await browser.newContext();
    const other = await open();
    await signIn(other, 'jon', ['Approver']);
    const toReject = card(other, id);
    await toReject.getByLabel(/Comment/).fill('use the private endpoint instead');
    await toReject.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => other.locator('#status').innerText()).toMatch(/^Rejected: AML-WS-001 on ws-own/);
    expect(await h.store.exceptions.getById(id)).toMatchObject({ status: 'rejected', decisionReason: 'use the private endpoint instead' });
  });

  it('keyboard only: sign in and approve with Tab, Space and Enter', async () => {
    const id = await request('dana', KEYS.id, 'keyboard test');
    const page = await open();
    await page.getByLabel('User').waitFor();
    await keepScreenshot(page, 'console-sign-in');
    // The user field has focus on load.
    await page.keyboard.type('kim');
    await page.keyboard.press('Tab'); // Requester
    await page.keyboard.press('Tab'); // Approver
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // Reader (checked by default)
    await page.keyboard.press('Tab'); // Sign in
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Pending requests/ }).waitFor();
    await expect.poll(() => card(page, id).count()).toBe(1);

    const approve = card(page, id).getByRole('button', { name: 'Approve' });
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await approve.evaluate((el) => el.matches(':focus'));
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Approved: AML-WS-001 on ws-keys/);
    const stored = await h.store.exceptions.getById(id);
    expect(stored).toMatchObject({ status: 'approved', approvedByName: 'kim@aml-guard.local' });
  });

  it('an approver revokes an active exception in the page; an empty reason is refused with the API\'s message', async () => {
    const scope = `/subscriptions/${SUB}/resourceGroups/rg-revoke`;
    const requester = await api.tokenFor('gus', ['Requester']);
    const created = await fetch(`${api.url}/api/exceptions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${requester}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ scope, ruleId: '*', reason: 'team offsite demo', durationHours: 5 }),
    });
    const id = ((await created.json()) as { id: string }).id;
    const approver = await api.tokenFor('hal', ['Approver']);
    const approved = await fetch(`${api.url}/api/exceptions/${id}/approve`, { method: 'POST', headers: { Authorization: `Bearer ${approver}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(approved.status).toBe(200);

    const page = await open();
    await signIn(page, 'ivy', ['Approver', 'Reader']);
    const active = card(page, id);
    await expect.poll(() => active.innerText()).toMatch(/Every rule — rg-revoke \(resource group\)[\s\S]*4 h 5\d min left/);
    await active.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => page.locator('#status.error').innerText()).toMatch(/reason/);
    expect((await h.store.exceptions.getById(id))?.status).toBe('approved');
    await active.getByLabel('Reason (required)').fill('offsite cancelled');
    await active.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Revoked: \* on rg-revoke/);
    expect(await h.store.exceptions.getById(id)).toMatchObject({ status: 'revoked', decisionReason: 'offsite cancelled' });
    expect(await card(page, id).count()).toBe(0);
  });

  it('a requester requests an exception from an open finding in the page; it waits for an approver', async () => {
    const page = await open();
    await signIn(page, 'fay', ['Requester']);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^ws-from-page / }) });
    await keepScreenshot(page, 'console-requester');
    await row.getByLabel('Why the exception is needed').fill('migration window for the partner');
    await row.getByLabel('Hours').fill('24');
    await row.getByRole('button', { name: 'Request exception' }).click();
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Requested: AML-WS-001 on ws-from-page .* for 24 h/);
    const pending = (await h.store.exceptions.list({ status: 'pending' })).filter((e) => e.scope === FROM_PAGE.id);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ ruleId: 'AML-WS-001', durationHours: 24, reason: 'migration window for the partner', requestedByName: 'fay@aml-guard.local' });
    const own = card(page, pending[0]!.id);
    await expect.poll(() => own.innerText()).toMatch(/another approver must decide/);
    // A requester without the Approver role sees no decision buttons on anyone's request, and no KPIs (Reader or Approver only).
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'KPIs' }).count()).toBe(0);
  });

  it('with Entra ID configured, the page loads MSAL.js (its own chunk, same origin, within the CSP) and offers "Sign in" without any local form', async () => {
    const entra = await startLocalApi(h.ctx, {
      auth: refusingAuthenticator('not used: nobody signs in here'),
      consoleSignIn: { kind: 'entra', clientId: '11111111-2222-4333-8444-555555555555', authority: 'https://login.microsoftonline.com/00000000-0000-4000-8000-000000000001', apiScope: 'api://aml-guard/access_as_user' },
    });
    try {
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
      });
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      });
      await page.goto(`${entra.url}/`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
      expect(await page.getByLabel('User').count()).toBe(0);
      expect(scripts[0]).toBe('/console/app.js');
      expect(scripts.some((p) => /^\/console\/chunk-[A-Za-z0-9]+\.js$/.test(p))).toBe(true);
      expect(violations).toEqual([]);
      const csp = (await fetch(`${entra.url}/`)).headers.get('content-security-policy') ?? '';
      expect(csp).toContain("connect-src 'self' https://login.microsoftonline.com");
      expect(csp).toContain('frame-src https://login.microsoftonline.com');
      // No local sign-in where no local issuer runs.
      const local = await fetch(`${entra.url}/console/local-sign-in`, { method: 'POST', body: JSON.stringify({ user: 'x', roles: ['Approver'] }) });
      expect(local.status).not.toBe(200);
    } finally {
      await entra.close();
    }
  });

  it('every page answer carries a strict Content-Security-Policy, and the served HTML holds no inline script or style', async () => {
    for (const path of ['/', '/console/app.js', '/console/app.css', '/console/config.json']) {
      const res = await fetch(`${api.url}${path}`);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
    const html = await (await fetch(`${api.url}/`)).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/console\/app\.js"/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    const config = (await (await fetch(`${api.url}/console/config.json`)).json()) as unknown;
    expect(config).toEqual({ apiBase: '/api', signIn: { kind: 'local' } });
    // The local sign-in answers only to loopback names (a rebound DNS name gets 403), and checks what it is given.
    const { request } = await import('node:http');
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(`${api.url}/console/local-sign-in`, { method: 'POST', headers: { Host: 'evil.example:80', 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ user: 'mallory', roles: ['Approver'] }));
    });
    expect(rebound).toBe(403);
    const reboundIssuer = await new Promise<number>((resolve, reject) => {
      const req = request(`${api.issuer!.url}/token`, { method: 'POST', headers: { Host: 'evil.example', 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ user: 'mallory', roles: ['Approver'] }));
    });
    expect(reboundIssuer).toBe(403);
    const noRole = await fetch(`${api.url}/console/local-sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'x', roles: [] }) });
    expect([noRole.status, ((await noRole.json()) as { error: { field: string } }).error.field]).toEqual([400, 'roles']);
    // The JSON API is never a page either.
    const apiCsp = (await fetch(`${api.url}/api/findings`)).headers.get('content-security-policy');
    expect(apiCsp).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
