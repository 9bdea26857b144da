/**
 * The Function app held to the host's contract. The app entry runs in its own process under a
 * worker emulator (test/support/functions-host): @azure/functions registers with it as with the
 * real worker, so every binding the host would receive is asserted; each handler is invoked with
 * what the host passes (a storage-queue message as the host decodes an Event Grid delivery, with
 * its trigger metadata and dequeueCount; a Timer; an HttpRequest under any routePrefix). ARM is
 * the sandbox (trusted through NODE_EXTRA_CA_CERTS), tokens come from a managed identity endpoint
 * (IDENTITY_ENDPOINT, as on App Service), storage is the run's Azurite.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SWEEP_QUEUE } from '../../src/engine/sweep-queue';
import { MAX_DEQUEUE_COUNT } from '../../src/functions/handlers';
import { REQUESTER_OID } from '../api/helpers';
import { startHostFixture, queueMetadata, timer, type HostFixture } from '../support/functions-host/fixture';
import { runUnderHost, triggerOf, type HostReport } from '../support/functions-host/run';
import { workspace } from '../support/harness';

const ENTRY = path.resolve(__dirname, '../../dist/src/functions/index.js');
const SUB = '5a5a5a5a-0000-4000-8000-00000000f0c1';
const WS = workspace(SUB, 'rg-host', 'ws-host', { publicNetworkAccess: 'Disabled' });
const WS_DOWN = workspace(SUB, 'rg-host', 'ws-down', { publicNetworkAccess: 'Disabled' });

let host: HostFixture;
beforeAll(async () => {
  host = await startHostFixture([WS, WS_DOWN], { AMLGUARD_SUBSCRIPTIONS: SUB, AMLGUARD_SWEEP_SCHEDULE: '0 0 */2 * * *' });
});
afterAll(() => host?.close());

describe('registrations, as the host receives them', () => {
  it('every function: trigger type, queue and connection, schedules, routes, auth level; nothing else', async () => {
    const report = await runUnderHost(ENTRY, host.env);
    expect(report.stderr).toEqual([]);
    expect(report.registrations.map((r) => r.name).sort()).toEqual(
      ['console', 'consoleAssets', 'exceptionAction', 'exceptionById', 'exceptionExpiry', 'exceptions', 'findings', 'kpis', 'me', 'nightlyIdleShutdown', 'onPoisonMessage', 'onResourceChange', 'onResourceChangeEventGrid', 'rules', 'sweep', 'sweepWorker'].sort(),
    );
    expect(triggerOf(report, 'onResourceChange').trigger).toMatchObject({ type: 'queueTrigger', queueName: host.queue, connection: 'AzureWebJobsStorage' });
    expect(triggerOf(report, 'onPoisonMessage').trigger).toMatchObject({ type: 'queueTrigger', queueName: `${host.queue}-poison`, connection: 'AzureWebJobsStorage' });
    expect(triggerOf(report, 'onResourceChangeEventGrid').trigger).toMatchObject({ type: 'eventGridTrigger' });
    expect(triggerOf(report, 'sweep').trigger).toMatchObject({ type: 'timerTrigger', schedule: '0 0 */2 * * *', runOnStartup: false });
    expect(triggerOf(report, 'sweep').bindings.find((b) => b.direction === 'out')).toMatchObject({ type: 'queue', queueName: SWEEP_QUEUE, connection: 'AzureWebJobsStorage' });
    expect(triggerOf(report, 'sweepWorker').trigger).toMatchObject({ type: 'queueTrigger', queueName: SWEEP_QUEUE, connection: 'AzureWebJobsStorage' });
    expect(triggerOf(report, 'nightlyIdleShutdown').trigger).toMatchObject({ type: 'timerTrigger', schedule: '0 0 1 * * *', runOnStartup: false });
    expect(triggerOf(report, 'exceptionExpiry').trigger).toMatchObject({ type: 'timerTrigger', schedule: '0 */15 * * * *', runOnStartup: false });
    const http = Object.fromEntries(
      ['kpis', 'exceptions', 'exceptionById', 'exceptionAction', 'findings', 'rules', 'me', 'console', 'consoleAssets'].map((name) => {
        const { trigger, bindings } = triggerOf(report, name);
        expect(bindings.find((b) => b.direction === 'out')).toMatchObject({ type: 'http' });
        return [name, { type: trigger.type, authLevel: trigger['authLevel'], route: trigger['route'], methods: trigger['methods'] }];
      }),
    );
    expect(http).toEqual({
      kpis: { type: 'httpTrigger', authLevel: 'anonymous', route: 'api/kpis', methods: ['GET'] },
      exceptions: { type: 'httpTrigger', authLevel: 'anonymous', route: 'api/exceptions', methods: ['GET', 'POST'] },
      exceptionById: { type: 'httpTrigger', authLevel: 'anonymous', route: 'api/exceptions/{id}', methods: ['GET'] },
      exceptionAction: { type: 'httpTrigger', authLevel: 'anonymous', route: 'api/exceptions/{id}/{action}', methods: ['POST'] },
      findings: { type: 'httpTrigger', authLevel: 'anonymous', route: 'api/findings', methods: ['GET'] },
      rules: { type: 'httpTrigger', authLevel: 'anonymous', route: 'api/rules', methods: ['GET'] },
      me: { type: 'httpTrigger', authLevel: 'anonymous', route: 'api/me', methods: ['GET'] },
      console: { type: 'httpTrigger', authLevel: 'anonymous', route: '{empty:maxlength(0)?}', methods: ['GET', 'HEAD'] },
      consoleAssets: { type: 'httpTrigger', authLevel: 'anonymous', route: 'console/{file}', methods: ['GET', 'HEAD'] },
    });
  });

  it('a bad setting: one log line naming the variable; no queue or timer trigger (messages wait), HTTP answers 503 saying why', async () => {
    const report = await runUnderHost(ENTRY, { ...host.env, AMLGUARD_MODE: 'yolo' }, [{ function: 'findings', http: { method: 'GET', url: 'https://app.example/api/findings' } }]);
    expect(report.stderr).toHaveLength(1);
    expect(report.stderr[0]).toMatch(/AMLGUARD_MODE: Invalid option/);
    expect(report.stderr[0]).not.toMatch(/\n\s+at /);
    expect(report.registrations.map((r) => r.name).sort()).toEqual(['console', 'consoleAssets', 'exceptionAction', 'exceptionById', 'exceptions', 'findings', 'kpis', 'me', 'rules']);
    expect(report.results[0]?.output).toMatchObject({ status: 503, jsonBody: { error: { code: 'ConfigurationError', message: expect.stringMatching(/AMLGUARD_MODE/) } } });
  });

  it("host.json: maxDequeueCount is the handler's, base64 messages (Event Grid's storage queue encoding), routePrefix empty (the console at /)", () => {
    const hostJson = JSON.parse(readFileSync(path.resolve(__dirname, '../../host.json'), 'utf8')) as { extensions: { http: { routePrefix: string }; queues: { maxDequeueCount: number; messageEncoding: string } } };
    expect(hostJson.extensions.queues.maxDequeueCount).toBe(MAX_DEQUEUE_COUNT);
    expect(hostJson.extensions.queues.messageEncoding).toBe('base64');
    expect(hostJson.extensions.http.routePrefix).toBe('');
  });
});

describe('handlers, invoked with what the host passes', () => {
  it('queue: an Event Grid delivery about a public workspace is fixed; a malformed one is kept; a failing one is retried, then kept on its last delivery; the poison queue is kept too', async () => {
    const opened = await host.userOpens(WS.id);
    const down = await host.userOpens(WS_DOWN.id);
    host.sandbox.injectFault({ method: 'GET', pathPattern: /ws-down/, status: 503, code: 'ServiceUnavailable', message: 'ARM is down', times: 1000 });
    host.identity.requests.length = 0;
    let report: HostReport;
    try {
      report = await runUnderHost(ENTRY, host.env, [
        // The host decodes the base64 message and passes the parsed JSON (one event per Event Grid delivery).
        { function: 'onResourceChange', input: opened, triggerMetadata: queueMetadata('msg-fixed', 1) },
        { function: 'onResourceChange', input: 'this is not an event', triggerMetadata: queueMetadata('msg-malformed', 1) },
        { function: 'onResourceChange', input: down, triggerMetadata: queueMetadata('msg-down', 1) },
        { function: 'onResourceChange', input: down, triggerMetadata: queueMetadata('msg-down', MAX_DEQUEUE_COUNT) },
        { function: 'onPoisonMessage', input: down, triggerMetadata: queueMetadata('msg-moved', 1) },
      ]);
    } finally {
      host.sandbox.clearFaults();
    }
    const [fixed, malformed, firstFailure, lastFailure, poisoned] = report.results;
    expect(fixed).toMatchObject({ ok: true });
    expect(fixed?.logs?.join('\n')).toMatch(/"applied":1/);
    expect(host.sandbox.getResource(WS.id)?.properties?.publicNetworkAccess).toBe('Disabled');
    expect(malformed).toMatchObject({ ok: true });
    expect(firstFailure).toMatchObject({ ok: false, error: expect.stringMatching(/ARM is down|ServiceUnavailable|503/) });
    expect(lastFailure).toMatchObject({ ok: true });
    expect(poisoned).toMatchObject({ ok: true });

    const kept = await host.store.poison.list({});
    const byMessage = Object.fromEntries(kept.map((k) => [k.messageId, k]));
    expect(Object.keys(byMessage).sort()).toEqual(['msg-down', 'msg-malformed', 'msg-moved']);
    expect(byMessage['msg-malformed']).toMatchObject({ source: host.queue, reason: expect.stringMatching(/^malformed message: /), body: 'this is not an event' });
    expect(byMessage['msg-down']).toMatchObject({ source: host.queue, dequeueCount: MAX_DEQUEUE_COUNT, reason: expect.stringMatching(/^failed 5 deliveries; last error: .*(ARM is down|503)/) });
    expect(byMessage['msg-moved']).toMatchObject({ source: `${host.queue}-poison`, reason: expect.stringMatching(/moved to .*-poison by the Functions host/) });
    expect(JSON.parse(byMessage['msg-moved']!.body)).toMatchObject({ id: down.id });

    // DefaultAzureCredential in the app asked the managed identity endpoint for the configured cloud's ARM, as the configured identity.
    expect(host.identity.requests.length).toBeGreaterThan(0);
    expect(new Set(host.identity.requests.map((r) => `${r.resource}|${r.clientId}`))).toEqual(new Set([`${host.audience}|${host.clientId}`]));
  });

  it("Event Grid trigger and the three timers run with the host's inputs", async () => {
    const event = await host.userOpens(WS.id);
    const report = await runUnderHost(ENTRY, host.env, [
      { function: 'onResourceChangeEventGrid', input: event },
      { function: 'sweep', input: timer },
      { function: 'nightlyIdleShutdown', input: { ...timer, isPastDue: true } },
      { function: 'exceptionExpiry', input: timer },
    ]);
    expect(report.results.map((r) => [r.function, r.ok, r.error])).toEqual([
      ['onResourceChangeEventGrid', true, undefined],
      ['sweep', true, undefined],
      ['nightlyIdleShutdown', true, undefined],
      ['exceptionExpiry', true, undefined],
    ]);
    expect(report.results[0]?.logs?.join('\n')).toMatch(/"applied":1/);
    expect(report.results[1]?.logs?.join('\n')).toMatch(/sweep sweep-inv-1: 1 work item\(s\) enqueued/);
    // The work items go to the sweep queue (the timer's output binding); the worker evaluates one as the host delivers it.
    const items = report.results[1]?.extraOutputs?.[SWEEP_QUEUE];
    expect(items).toEqual([expect.objectContaining({ runId: 'sweep-inv-1' })]);
    const worker = await runUnderHost(ENTRY, host.env, [{ function: 'sweepWorker', input: (items as unknown[])[0], triggerMetadata: queueMetadata('sweep-item-1', 1) }]);
    expect(worker.results[0]).toMatchObject({ ok: true });
    expect(worker.results[0]?.logs?.join('\n')).toMatch(/findings=\d+ actions=/);
    expect(report.results[3]?.logs?.join('\n')).toMatch(/exceptions ended=0 staleRequestsExpired=0 reevaluated=0/);
  });

  it("HTTP: the API under host.json's routePrefix and under another one; Location follows the prefix; no token -> 401", async () => {
    const token = await host.issuer.tokenFor(REQUESTER_OID, ['Requester']);
    const body = JSON.stringify({ scope: `/subscriptions/${SUB}/resourceGroups/rg-host`, ruleId: '*', reason: 'host contract test', durationHours: 2 });
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const report = await runUnderHost(ENTRY, host.env, [
      { function: 'exceptions', http: { method: 'POST', url: 'https://app.example/api/exceptions', headers: auth, body } },
      { function: 'exceptions', http: { method: 'POST', url: 'https://app.example/guard/v1/api/exceptions', headers: auth, body } },
      { function: 'findings', http: { method: 'GET', url: 'https://app.example/guard/v1/api/findings?status=open', headers: auth } },
      { function: 'findings', http: { method: 'GET', url: 'https://app.example/api/findings' } },
    ]);
    const [api, custom, findings, anonymous] = report.results.map((r) => r.output as { status: number; headers?: Record<string, string>; jsonBody?: { id?: string } });
    expect([api?.status, custom?.status, findings?.status, anonymous?.status]).toEqual([201, 201, 200, 401]);
    expect(api?.headers?.['Location']).toBe(`/api/exceptions/${api?.jsonBody?.id}`);
    expect(custom?.headers?.['Location']).toBe(`/guard/v1/api/exceptions/${custom?.jsonBody?.id}`);
  });

  it('HTTP: the approval console at / and its assets, with the strict headers; the sign-in config from AMLGUARD_CONSOLE_CLIENT_ID and AMLGUARD_AUTH_*', async () => {
    const clientId = '11111111-2222-4333-8444-555555555555';
    const report = await runUnderHost(ENTRY, { ...host.env, AMLGUARD_CONSOLE_CLIENT_ID: clientId }, [
      { function: 'console', http: { method: 'GET', url: 'https://app.example/' } },
      { function: 'consoleAssets', http: { method: 'GET', url: 'https://app.example/console/config.json' } },
    ]);
    const [page, config] = report.results.map((r) => r.output as { status: number; headers: Record<string, string>; body: string });
    expect(page?.status).toBe(200);
    expect(page?.headers).toMatchObject({ 'Content-Type': 'text/html; charset=utf-8', 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff' });
    expect(page?.headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(page?.body).toContain('<script type="module" src="/console/app.js"></script>');
    const issuer = host.issuer.config.issuer[0]!;
    expect(JSON.parse(config!.body)).toEqual({ apiBase: '/api', signIn: { kind: 'entra', clientId, authority: issuer.replace(/\/v2\.0\/?$/, ''), apiScope: `${host.issuer.config.audience[0]}/.default` } });
    expect(config?.headers['Content-Security-Policy']).toContain(`connect-src 'self' ${new URL(issuer).origin}`);
  });
});
