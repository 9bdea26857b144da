/**
 * The Functions side: registrations load in @azure/functions test mode, and the HTTP triggers'
 * adapter (HttpRequest -> src/api -> HttpResponseInit) works with auth from AMLGUARD_AUTH_* and the
 * store from the environment, as on the host. The expiry timer runs through the host context too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../auth/test-issuer';
import { testConnection, uniqueTablePrefix } from '../support/store';
import { REQUESTER_OID } from './helpers';

const SUB = '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a';
let issuer: TestIssuer;
const saved = { ...process.env };

beforeAll(async () => {
  issuer = await startTestIssuer();
  const conn = testConnection();
  Object.assign(process.env, {
    AMLGUARD_STORAGE_CONNECTION_STRING: conn.kind === 'connection-string' ? conn.connectionString : '',
    AMLGUARD_TABLE_PREFIX: uniqueTablePrefix(),
    AMLGUARD_AUTH_ISSUER: issuer.config.issuer[0],
    AMLGUARD_AUTH_AUDIENCE: issuer.config.audience[0],
    AMLGUARD_AUTH_JWKS_URI: issuer.jwksUri,
    AMLGUARD_CONSOLE_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  });
});
afterAll(async () => {
  process.env = saved;
  await issuer.close();
});

const invocation = () => new InvocationContext({ invocationId: 'test-invocation', functionName: 'exceptions' });

describe('Functions registrations and HTTP adapter', () => {
  it('index.ts registers in test mode and exports the expiry timer handler', async () => {
    const index = await import('../../src/functions/index');
    expect(typeof index.exceptionExpiryTimer).toBe('function');
  });

  it('POST then GET through the HttpRequest adapter; no token -> 401 with the challenge', async () => {
    const { httpApi } = await import('../../src/functions/http-api');
    const token = await issuer.tokenFor(REQUESTER_OID, ['Requester']);
    const body = { scope: `/subscriptions/${SUB}/resourceGroups/rg-fn`, ruleId: '*', reason: 'function test', durationHours: 2 };
    const created = await httpApi(
      new HttpRequest({ method: 'POST', url: 'https://app.example/api/exceptions', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: { string: JSON.stringify(body) } }),
      invocation(),
    );
    expect(created.status).toBe(201);
    const id = (created.jsonBody as { id: string }).id;
    expect(created.headers).toMatchObject({ Location: `/api/exceptions/${id}` });

    const got = await httpApi(new HttpRequest({ method: 'GET', url: `https://app.example/api/exceptions/${id}`, headers: { authorization: `Bearer ${token}` } }), invocation());
    expect([got.status, (got.jsonBody as { status: string }).status]).toEqual([200, 'pending']);

    const listed = await httpApi(new HttpRequest({ method: 'GET', url: `https://app.example/api/exceptions?status=pending&status=approved`, headers: { authorization: `Bearer ${token}` } }), invocation());
    expect((listed.jsonBody as { exceptions: { id: string }[] }).exceptions.map((x) => x.id)).toEqual([id]);

    const anon = await httpApi(new HttpRequest({ method: 'GET', url: 'https://app.example/api/findings' }), invocation());
    expect(anon.status).toBe(401);
    expect(anon.headers).toMatchObject({ 'WWW-Authenticate': 'Bearer realm="aml-guard"' });
  });

  it('the exceptionExpiry timer runs reconcileExceptions through the host context', async () => {
    const { exceptionExpiryTimer } = await import('../../src/functions/index');
    const logged: string[] = [];
    const ctx = new InvocationContext({ invocationId: 'timer-1', functionName: 'exceptionExpiry', logHandler: (_level, ...args) => logged.push(args.join(' ')) });
    await exceptionExpiryTimer({ isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: '', next: '', lastUpdated: '' } }, ctx);
    expect(logged.join('\n')).toMatch(/exceptions ended=0 staleRequestsExpired=0 reevaluated=0/);
  });
});

describe('the approval console from the Function app', () => {
  it('GET / and the assets through the same HTTP adapter, with the strict headers; the sign-in config comes from AMLGUARD_CONSOLE_CLIENT_ID and AMLGUARD_AUTH_*', async () => {
    const { httpApi } = await import('../../src/functions/http-api');
    const page = await httpApi(new HttpRequest({ method: 'GET', url: 'https://app.example/' }), invocation());
    expect(page.status).toBe(200);
    const headers = page.headers as Record<string, string>;
    expect(headers).toMatchObject({ 'Content-Type': 'text/html; charset=utf-8', 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff' });
    expect(headers['Content-Security-Policy']).toContain("script-src 'self'");
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(Buffer.from(page.body as Uint8Array).toString('utf8')).toContain('<script type="module" src="/console/app.js"></script>');

    const config = await httpApi(new HttpRequest({ method: 'GET', url: 'https://app.example/console/config.json' }), invocation());
    expect(JSON.parse(String(config.body))).toEqual({
      apiBase: '/api',
      signIn: { kind: 'entra', clientId: '11111111-2222-4333-8444-555555555555', authority: issuer.config.issuer[0]!.replace(/\/v2\.0\/?$/, ''), apiScope: `${issuer.config.audience[0]}/.default` },
    });
    // MSAL.js talks to the authority: the policy lets exactly that origin in, nothing else.
    const csp = (config.headers as Record<string, string>)['Content-Security-Policy']!;
    expect(csp).toContain(`connect-src 'self' ${new URL(issuer.config.issuer[0]!).origin}`);
  });

  it('routePrefix is empty in host.json, so `/` reaches the console and the API keeps /api/...', () => {
    const host = JSON.parse(readFileSync(join(__dirname, '../../host.json'), 'utf8')) as { extensions: { http: { routePrefix: string } } };
    expect(host.extensions.http.routePrefix).toBe('');
  });
});
