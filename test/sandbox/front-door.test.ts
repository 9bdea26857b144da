import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUARD_PRINCIPAL, startSandbox, USER_PRINCIPAL, type Sandbox } from '../../src/sandbox';
import { CI_ID, exampleEstate, mlClient, raw, RG, WS_ID } from './helpers';

const POLL = { updateIntervalInMs: 5 };
let sandbox: Sandbox;
const decisions: Array<[string, string, string]> = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    // tests of the sandbox's own front door (and of the hook): AML Guard's role is not enforced here
    enforceRole: false,
    estate: exampleEstate(),
    // the data scientist may read but not stop computes
    authorize: (oid, action, scope) => {
      decisions.push([oid, action, scope]);
      return !(oid === USER_PRINCIPAL.oid && action.endsWith('/stop/action'));
    },
  });
});
afterAll(() => sandbox.close());

describe('authentication and api-version', () => {
  it('requires api-version (400 MissingApiVersionParameter) and records the request', async () => {
    sandbox.clearRequests();
    const res = await raw(sandbox, 'GET', WS_ID);
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'MissingApiVersionParameter', message: expect.any(String) } } });
    expect(sandbox.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: WS_ID, status: 400, principalOid: GUARD_PRINCIPAL.oid, armAction: 'Microsoft.MachineLearningServices/workspaces/read' }),
    ]);
    expect(sandbox.requests[0]!.apiVersion).toBeUndefined();
  });

  it('requires a bearer token (401 AuthenticationFailed) and rejects a forged one', async () => {
    const none = await raw(sandbox, 'GET', `${WS_ID}?api-version=2025-12-01`, { token: false });
    expect(none).toMatchObject({ status: 401, body: { error: { code: 'AuthenticationFailed' } } });
    expect(none.headers['www-authenticate']).toMatch(/^Bearer /);
    const forged = await raw(sandbox, 'GET', `${WS_ID}?api-version=2025-12-01`, { token: 'eyJhbGciOiJub25lIn0.eyJvaWQiOiJ4In0.' });
    expect(forged).toMatchObject({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
    expect(sandbox.requests.at(-1)?.principalOid).toBeUndefined();
  });

  it('records method, path as sent, api-version, query, body, status, principal and time', async () => {
    sandbox.clearRequests();
    await raw(sandbox, 'PATCH', `${WS_ID.replace('resourceGroups', 'resourcegroups')}?api-version=2025-12-01&x=1`, { body: { tags: { a: 'b' } } });
    const [r] = sandbox.requests;
    expect(r).toMatchObject({
      method: 'PATCH',
      path: WS_ID.replace('resourceGroups', 'resourcegroups'),
      apiVersion: '2025-12-01',
      query: { 'api-version': '2025-12-01', x: '1' },
      body: { tags: { a: 'b' } },
      status: 202,
      principalOid: GUARD_PRINCIPAL.oid,
      armAction: 'Microsoft.MachineLearningServices/workspaces/write',
    });
    expect(Date.parse(r!.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers malformed JSON with 400 InvalidRequestContent', async () => {
    const res = await raw(sandbox, 'PUT', `${WS_ID}/computes/x?api-version=2025-12-01`, { text: '{"location": ' });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'InvalidRequestContent' } } });
    const empty = await raw(sandbox, 'PUT', `${WS_ID}/computes/x?api-version=2025-12-01`);
    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'InvalidRequestContent', message: expect.stringContaining('empty') } } });
  });
});

describe('authorize hook', () => {
  it('answers 403 AuthorizationFailed with ARM message shape when it says no', async () => {
    decisions.length = 0;
    const error = await mlClient(sandbox, USER_PRINCIPAL).computeOperations.beginStopAndWait(RG, 'testworkspace', 'compute123', POLL).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect((error as Error).message).toBe(
      `The client '${USER_PRINCIPAL.upn}' with object id '${USER_PRINCIPAL.oid}' does not have authorization to perform action 'Microsoft.MachineLearningServices/workspaces/computes/stop/action' over scope '${CI_ID}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
    expect(decisions).toEqual([[USER_PRINCIPAL.oid, 'Microsoft.MachineLearningServices/workspaces/computes/stop/action', CI_ID]]);
    await expect(mlClient(sandbox, USER_PRINCIPAL).computeOperations.get(RG, 'testworkspace', 'compute123')).resolves.toMatchObject({ name: 'compute123' });
  });
});

describe('faults and latency', () => {
  it('injects a fault into the next matching request only', async () => {
    sandbox.injectFault({ method: 'GET', pathPattern: /\/workspaces\/testworkspace$/, status: 409, code: 'Conflict', message: 'busy' });
    const error = await mlClient(sandbox).workspaces.get(RG, 'testworkspace').catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 409, code: 'Conflict', message: 'busy' });
    await expect(mlClient(sandbox).workspaces.get(RG, 'testworkspace')).resolves.toMatchObject({ name: 'testworkspace' });
  });

  it('a retryable fault with Retry-After is retried by the SDK and succeeds', async () => {
    sandbox.clearRequests();
    sandbox.injectFault({ pathPattern: /computes\/compute123$/, status: 503, code: 'ServiceUnavailable', message: 'try later', retryAfterSeconds: 0, times: 2 });
    await expect(mlClient(sandbox).computeOperations.get(RG, 'testworkspace', 'compute123')).resolves.toMatchObject({ name: 'compute123' });
    expect(sandbox.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('fails a long-running operation (status Failed) without changing state when the fault says failOperation', async () => {
    const events = sandbox.events.length;
    sandbox.injectFault({ method: 'POST', pathPattern: /\/stop$/, status: 409, code: 'ComputeBusy', message: 'a node is still busy', failOperation: true });
    const error = await mlClient(sandbox).computeOperations.beginStopAndWait(RG, 'testworkspace', 'compute123', POLL).catch((e: unknown) => e);
    expect((error as Error).message).toBe('The long-running operation has failed. ComputeBusy. a node is still busy');
    const poll = sandbox.requests.filter((r) => r.path.includes('/computeOperationsStatus/')).at(-1);
    expect(poll?.status).toBe(200);
    expect((sandbox.getResource(CI_ID)?.properties?.properties as { state: string }).state).toBe('Running');
    expect(sandbox.events.length).toBe(events);
  });

  it('delays every response by the configured latency', async () => {
    sandbox.setLatency(150);
    const t0 = Date.now();
    await raw(sandbox, 'GET', `${WS_ID}?api-version=2025-12-01`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    sandbox.setLatency(0);
  });
});
