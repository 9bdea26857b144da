import { isRestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEventMessage, isIgnoredEvent } from '../../src/events';
import { startSandbox, USER_PRINCIPAL, type Sandbox } from '../../src/sandbox';
import { CI_ID, exampleEstate, mlClient, raw, RG, SUB, WS_ID } from './helpers';

const POLL = { updateIntervalInMs: 5 };
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ enforceRole: false, estate: exampleEstate(), pageSize: 2 });
});
afterAll(() => sandbox.close());

const inner = (id: string): Record<string, unknown> => (sandbox.getResource(id)?.properties?.properties ?? {}) as Record<string, unknown>;

describe('reads through the official Machine Learning SDK', () => {
  it('GETs a workspace by id in any casing and keeps the stored casing', async () => {
    const byRawPath = await raw(sandbox, 'GET', `${WS_ID.toLowerCase()}?api-version=2025-12-01`);
    expect(byRawPath.status).toBe(200);
    expect((byRawPath.body as { id: string }).id).toBe(WS_ID);
    const ws = await mlClient(sandbox).workspaces.get(RG.toUpperCase(), 'TESTWORKSPACE');
    expect(ws.id).toBe(WS_ID);
    expect(sandbox.getResource(WS_ID.toUpperCase())?.id).toBe(WS_ID);
  });

  it('pages subscription and group lists with an absolute nextLink', async () => {
    sandbox.clearRequests();
    const names: string[] = [];
    for await (const w of mlClient(sandbox).workspaces.listBySubscription()) names.push(w.id!);
    expect(names).toHaveLength(3);
    const lists = sandbox.requests.filter((r) => r.path.endsWith('/workspaces'));
    expect(lists.map((r) => r.query.$skiptoken)).toEqual([undefined, '2']);
    const byGroup: string[] = [];
    for await (const w of mlClient(sandbox).workspaces.listByResourceGroup(RG)) byGroup.push(w.name!);
    expect(byGroup).toEqual(['testworkspace', 'testworkspace1']);
  });

  it('lists the computes of a workspace as resources of their own', async () => {
    const computes: string[] = [];
    for await (const c of mlClient(sandbox).computeOperations.list(RG, 'testworkspace')) computes.push(c.name!);
    expect(computes).toEqual(['compute123', 'cluster1']);
  });

  it('answers 404 with an ARM error body', async () => {
    const error = await mlClient(sandbox).workspaces.get(RG, 'nope').catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
    const res = await raw(sandbox, 'GET', `${WS_ID}/computes/none?api-version=2025-12-01`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'ResourceNotFound', message: expect.stringContaining('workspaces/testworkspace/computes/none') } });
    const noGroup = await raw(sandbox, 'GET', `/subscriptions/${SUB}/resourceGroups/missing/providers/Microsoft.MachineLearningServices/workspaces/w?api-version=2025-12-01`);
    expect(noGroup.body).toMatchObject({ error: { code: 'ResourceGroupNotFound' } });
  });
});

describe('long-running writes', () => {
  it('PATCH merges (objects recursively, arrays replaced) and completes through beginUpdateAndWait', async () => {
    sandbox.clearRequests();
    const before = sandbox.getResource(WS_ID)!;
    const result = await mlClient(sandbox).workspaces.beginUpdateAndWait(RG, 'testworkspace', { publicNetworkAccess: 'Disabled', tags: { owner: 'dana' } }, POLL);
    expect(result.publicNetworkAccess).toBe('Disabled');
    const after = sandbox.getResource(WS_ID)!;
    expect(after.properties).toEqual({ ...before.properties, publicNetworkAccess: 'Disabled' });
    expect(after.tags).toEqual({ owner: 'dana' });
    expect(after.identity).toEqual(before.identity);
    const [patch, ...polls] = sandbox.requests;
    expect(patch).toMatchObject({ method: 'PATCH', status: 202, armAction: 'Microsoft.MachineLearningServices/workspaces/write', body: { properties: { publicNetworkAccess: 'Disabled' } } });
    expect(polls.map((r) => r.armAction)).toContain('Microsoft.MachineLearningServices/locations/workspaceOperationsStatus/read');
  });

  it('answers 202 with Azure-AsyncOperation and Location, applies the change only when the operation completes', async () => {
    const events = sandbox.events.length;
    const res = await raw(sandbox, 'PATCH', `${WS_ID}?api-version=2025-12-01`, { body: { properties: { description: 'patched', managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' } } } });
    expect(res.status).toBe(202);
    const status = String(res.headers['azure-asyncoperation']);
    const location = String(res.headers.location);
    expect(status).toMatch(new RegExp(`^${sandbox.endpoint}/subscriptions/${SUB}/providers/Microsoft.MachineLearningServices/locations/eastus2euap/workspaceOperationsStatus/[0-9a-f-]+\\?api-version=2025-12-01$`));
    // the ML provider polls workspaces (and computes) through one type; the Location URL says it wants the result
    expect(location).toMatch(/\/workspaceOperationsStatus\/[0-9a-f-]+\?api-version=2025-12-01&type=location$/);
    expect(sandbox.getResource(WS_ID)?.properties?.description).not.toBe('patched');
    expect((await raw(sandbox, 'GET', status)).body).toMatchObject({ status: 'InProgress' });
    expect(sandbox.events.length).toBe(events);
    expect((await raw(sandbox, 'GET', status)).body).toMatchObject({ status: 'Succeeded', endTime: expect.any(String) });
    expect(sandbox.getResource(WS_ID)?.properties).toMatchObject({ description: 'patched', managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' } });
    expect(sandbox.events.length).toBe(events + 1);
    const result = await raw(sandbox, 'GET', location);
    expect(result.status).toBe(200);
    expect((result.body as { properties: { description: string } }).properties.description).toBe('patched');
  });

  it('stops a compute instance through computeOperations.beginStopAndWait and records lastOperation', async () => {
    expect(inner(CI_ID).state).toBe('Running');
    await mlClient(sandbox).computeOperations.beginStopAndWait(RG, 'testworkspace', 'compute123', POLL);
    expect(inner(CI_ID)).toMatchObject({
      state: 'Stopped',
      lastOperation: { operationName: 'Stop', operationStatus: 'Succeeded', operationTrigger: 'User', operationTime: expect.any(String) },
    });
    await mlClient(sandbox).computeOperations.beginStartAndWait(RG, 'testworkspace', 'compute123', POLL);
    expect(inner(CI_ID)).toMatchObject({ state: 'Running', lastOperation: { operationName: 'Start' } });
  });

  it('refuses stop on an AmlCompute cluster', async () => {
    const error = await mlClient(sandbox).computeOperations.beginStopAndWait(RG, 'testworkspace', 'cluster1', POLL).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 400, code: 'BadRequest' });
  });

  it('creates a compute with PUT (201 + operation) and deletes it', async () => {
    const client = mlClient(sandbox);
    const created = await client.computeOperations.beginCreateOrUpdateAndWait(
      RG,
      'testworkspace',
      'ci2',
      { location: 'eastus2', properties: { computeType: 'ComputeInstance', properties: { vmSize: 'STANDARD_DS3_V2' } } },
      POLL,
    );
    expect(created.id).toBe(`${WS_ID}/computes/ci2`);
    expect(created.properties?.provisioningState).toBe('Succeeded');
    expect(sandbox.requests.find((r) => r.method === 'PUT' && r.path.endsWith('/computes/ci2'))?.status).toBe(201);
    await client.computeOperations.beginDeleteAndWait(RG, 'testworkspace', 'ci2', 'Delete', POLL);
    expect(sandbox.getResource(`${WS_ID}/computes/ci2`)).toBeUndefined();
  });
});

describe('POST actions without an SDK method', () => {
  it('updateIdleShutdownSetting answers 200 synchronously and sets idleTimeBeforeShutdown', async () => {
    const res = await raw(sandbox, 'POST', `${CI_ID}/updateIdleShutdownSetting?api-version=2025-12-01`, { body: { idleTimeBeforeShutdown: 'PT120M' } });
    expect(res.status).toBe(200);
    expect(inner(CI_ID).idleTimeBeforeShutdown).toBe('PT120M');
    const bad = await raw(sandbox, 'POST', `${CI_ID}/updateIdleShutdownSetting?api-version=2025-12-01`, { body: { idleTimeBeforeShutdown: 'two hours' } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'InvalidRequestContent' } } });
  });

  it('answers an unknown action with 404 InvalidResourceType', async () => {
    const res = await raw(sandbox, 'POST', `${CI_ID}/explode?api-version=2025-12-01`);
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'InvalidResourceType' } } });
  });
});

describe('events', () => {
  it('emits ResourceActionSuccess with the caller claims when a stop completes', async () => {
    const received: string[] = [];
    const off = sandbox.onEvent((e) => {
      received.push(e.data.operationName);
    });
    const start = sandbox.events.length;
    await mlClient(sandbox, USER_PRINCIPAL).computeOperations.beginStopAndWait(RG.toLowerCase(), 'testworkspace', 'compute123', POLL);
    const emitted = sandbox.events.slice(start);
    expect(emitted).toHaveLength(1);
    const e = emitted[0]!;
    expect(e).toMatchObject({
      eventType: 'Microsoft.Resources.ResourceActionSuccess',
      subject: CI_ID.replace(RG, RG.toLowerCase()),
      topic: `/subscriptions/${SUB}`,
      dataVersion: '2',
      metadataVersion: '1',
      data: {
        operationName: 'Microsoft.MachineLearningServices/workspaces/computes/stop/action',
        authorization: { action: 'Microsoft.MachineLearningServices/workspaces/computes/stop/action', scope: e.subject },
        resourceProvider: 'Microsoft.MachineLearningServices',
        resourceUri: e.subject,
        status: 'Succeeded',
        subscriptionId: SUB,
        httpRequest: { method: 'POST', url: expect.stringMatching(/\/computes\/compute123\/stop\?api-version=2025-12-01$/), clientRequestId: expect.any(String) },
        claims: {
          'http://schemas.microsoft.com/identity/claims/objectidentifier': USER_PRINCIPAL.oid,
          'http://schemas.microsoft.com/identity/claims/tenantid': e.data.tenantId,
          appid: USER_PRINCIPAL.appId,
          name: USER_PRINCIPAL.name,
        },
      },
    });
    expect(e.data.correlationId).toBe(e.data.httpRequest.clientRequestId);
    expect(new Date(e.eventTime).toISOString()).toBe(e.eventTime);
    await new Promise((r) => setImmediate(r));
    expect(received).toEqual(['Microsoft.MachineLearningServices/workspaces/computes/stop/action']);
    off();

    const [parsed] = parseEventMessage([e]);
    expect(parsed && !isIgnoredEvent(parsed) && parsed).toMatchObject({ kind: 'action', resourceId: e.subject, caller: { objectId: USER_PRINCIPAL.oid } });
  });

  it('emits ResourceWriteSuccess for a PATCH and nothing for reads or no-op deletes', async () => {
    const start = sandbox.events.length;
    await raw(sandbox, 'GET', `${WS_ID}?api-version=2025-12-01`);
    await raw(sandbox, 'DELETE', `${WS_ID}/computes/never-existed?api-version=2025-12-01`).then((r) => expect(r.status).toBe(204));
    expect(sandbox.events.length).toBe(start);
    await mlClient(sandbox).workspaces.beginUpdateAndWait(RG, 'testworkspace', { description: 'x' }, POLL);
    expect(sandbox.events.slice(start).map((e) => [e.eventType, e.data.operationName])).toEqual([
      ['Microsoft.Resources.ResourceWriteSuccess', 'Microsoft.MachineLearningServices/workspaces/write'],
    ]);
  });
});
