import { describe, expect, it } from 'vitest';
import { EventParseError, isIgnoredEvent, parseEventMessage, tryParseEventMessage } from '../../src/events';
import { APP, COMPUTE, OID, SUB, WS, cloudEvent, egEvent } from './helpers';

function errorOf(input: unknown): string {
  const r = tryParseEventMessage(input);
  if ('events' in r) throw new Error(`expected an error, got ${JSON.stringify(r.events)}`);
  expect(() => parseEventMessage(input)).toThrow(EventParseError);
  return r.error;
}

const expected = {
  id: 'evt-1',
  eventType: 'Microsoft.Resources.ResourceWriteSuccess',
  kind: 'write',
  status: 'Succeeded',
  resourceId: COMPUTE,
  subscriptionId: SUB,
  operationName: 'Microsoft.MachineLearningServices/workspaces/computes/write',
  eventTime: '2025-05-01T10:00:00.1234567Z',
  correlationId: 'corr-1',
  caller: { objectId: OID, appId: APP, name: 'Ada Lovelace' },
};

describe('parseEventMessage: message forms', () => {
  it('a parsed single event and a parsed array give the same events', () => {
    expect(parseEventMessage(egEvent())).toEqual([expected]);
    expect(parseEventMessage([egEvent(), egEvent({ id: 'evt-2' })])).toEqual([expected, { ...expected, id: 'evt-2' }]);
    expect(parseEventMessage([])).toEqual([]);
  });

  it('JSON text, base64 JSON (storage queue encoding), Buffer and Uint8Array', () => {
    const json = JSON.stringify([egEvent()]);
    expect(parseEventMessage(json)).toEqual([expected]);
    expect(parseEventMessage(`\uFEFF  ${json}\n`)).toEqual([expected]);
    expect(parseEventMessage(Buffer.from(json).toString('base64'))).toEqual([expected]);
    expect(parseEventMessage(Buffer.from(JSON.stringify(egEvent())).toString('base64'))).toEqual([expected]);
    expect(parseEventMessage(Buffer.from(json))).toEqual([expected]);
    expect(parseEventMessage(new TextEncoder().encode(json))).toEqual([expected]);
    expect(parseEventMessage(Buffer.from(Buffer.from(json).toString('base64')))).toEqual([expected]);
  });

  it('a JSON string holding the JSON (double-encoded) is unwrapped', () => {
    expect(parseEventMessage(JSON.stringify(JSON.stringify(egEvent())))).toEqual([expected]);
  });

  it('CloudEvents 1.0, single and array, and mixed with the Event Grid schema', () => {
    expect(parseEventMessage(cloudEvent())).toEqual([expected]);
    expect(parseEventMessage(JSON.stringify([cloudEvent(), egEvent({ id: 'evt-2' })]))).toEqual([expected, { ...expected, id: 'evt-2' }]);
  });

  it('CloudEvents with data_base64 instead of data', () => {
    const { data, ...ce } = cloudEvent();
    expect(parseEventMessage({ ...ce, data_base64: Buffer.from(JSON.stringify(data)).toString('base64') })).toEqual([expected]);
  });
});

describe('parseEventMessage: normalisation', () => {
  it('kind and status from the event type; data.status wins', () => {
    const cases = [
      ['Microsoft.Resources.ResourceWriteSuccess', 'write', 'Succeeded'],
      ['Microsoft.Resources.ResourceDeleteSuccess', 'delete', 'Succeeded'],
      ['Microsoft.Resources.ResourceActionSuccess', 'action', 'Succeeded'],
      ['Microsoft.Resources.ResourceWriteFailure', 'write', 'Failed'],
      ['Microsoft.Resources.ResourceDeleteCancel', 'delete', 'Canceled'],
      ['microsoft.resources.resourceactionfailure', 'action', 'Failed'],
    ] as const;
    for (const [eventType, kind, status] of cases) {
      const [e] = parseEventMessage(egEvent({ eventType, data: { status: undefined } }));
      expect(e).toMatchObject({ kind, status });
    }
    expect(parseEventMessage(egEvent({ eventType: 'microsoft.resources.resourceactionfailure' }))[0]).toMatchObject({ eventType: 'Microsoft.Resources.ResourceActionFailure' });
    expect(parseEventMessage(egEvent({ data: { status: 'Failed' } }))[0]).toMatchObject({ kind: 'write', status: 'Failed' });
  });

  it('claims, authorization and httpRequest as JSON-encoded strings', () => {
    const base = egEvent();
    const data = base.data as Record<string, unknown>;
    const e = egEvent({ data: { claims: JSON.stringify(data.claims), authorization: JSON.stringify(data.authorization), httpRequest: JSON.stringify(data.httpRequest) } });
    expect(parseEventMessage(e)).toEqual([expected]);
  });

  it('data itself as a JSON-encoded string', () => {
    const e = egEvent();
    expect(parseEventMessage({ ...e, data: JSON.stringify(e.data) })).toEqual([expected]);
  });

  it('empty dataVersion, no metadataVersion, no topic', () => {
    expect(parseEventMessage(egEvent({ dataVersion: '', metadataVersion: undefined, topic: undefined }))).toEqual([expected]);
  });

  it('httpRequest, authorization, claims, correlationId absent', () => {
    const e = egEvent({ data: { httpRequest: undefined, authorization: undefined, claims: undefined, correlationId: undefined } });
    const { correlationId: _, ...rest } = expected;
    expect(parseEventMessage(e)).toEqual([{ ...rest, caller: {} }]);
  });

  it('resourceUri missing or empty: falls back to the subject', () => {
    expect(parseEventMessage(egEvent({ data: { resourceUri: undefined } }))).toEqual([expected]);
    expect(parseEventMessage(egEvent({ data: { resourceUri: '' } }))).toEqual([expected]);
  });

  it('operationName missing: falls back to authorization.action', () => {
    expect(parseEventMessage(egEvent({ data: { operationName: undefined } }))).toEqual([expected]);
  });

  it('lower-case resourcegroups are accepted and the id kept as sent; a trailing slash (an empty segment) is not canonical', () => {
    const id = `/subscriptions/${SUB}/resourcegroups/rg-ml/providers/microsoft.machinelearningservices/workspaces/ws1`;
    expect(parseEventMessage(egEvent({ subject: id }))[0]).toMatchObject({ resourceId: id, subscriptionId: SUB });
    expect(() => parseEventMessage(egEvent({ subject: `${id}/`, data: { resourceUri: `${id}/` } }))).toThrow(/empty segment \(trailing slash\)/);
  });

  it('caller: oid / azp / upn claims (v2 tokens) when the long claim names are absent', () => {
    const [e] = parseEventMessage(egEvent({ data: { claims: { oid: OID, azp: APP, 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': 'ada@contoso.com' } } }));
    expect(e).toMatchObject({ caller: { objectId: OID, appId: APP, name: 'ada@contoso.com' } });
  });

  it('action event whose id ends in the action verb: the verb is dropped', () => {
    const [e] = parseEventMessage(
      egEvent({ eventType: 'Microsoft.Resources.ResourceActionSuccess', subject: `${COMPUTE}/stop`, data: { operationName: 'Microsoft.MachineLearningServices/workspaces/computes/stop/action' } }),
    );
    expect(e).toMatchObject({ kind: 'action', resourceId: COMPUTE });
  });

  it('subscription and resource-group scoped events parse (routing ignores them)', () => {
    expect(parseEventMessage(egEvent({ subject: `/subscriptions/${SUB}/resourcegroups/rg-ml` }))[0]).toMatchObject({ resourceId: `/subscriptions/${SUB}/resourcegroups/rg-ml` });
    expect(parseEventMessage(egEvent({ subject: `/subscriptions/${SUB}` }))[0]).toMatchObject({ resourceId: `/subscriptions/${SUB}` });
  });
});

describe('parseEventMessage: events that are not resource changes', () => {
  it('a blob event and the subscription validation event are returned ignored, not errors', () => {
    const blob = { id: 'b1', eventType: 'Microsoft.Storage.BlobCreated', subject: '/blobServices/default/containers/c/blobs/x', eventTime: '2025-05-01T10:00:00Z', data: { api: 'PutBlob' }, dataVersion: '', metadataVersion: '1' };
    const validation = { id: 'v1', eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', subject: '', eventTime: '2025-05-01T10:00:00Z', data: { validationCode: 'abc' }, dataVersion: '2' };
    const ceBlob = { specversion: '1.0', id: 'b2', type: 'Microsoft.Storage.BlobCreated', source: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Storage/storageAccounts/z', data: {} };
    const events = parseEventMessage([blob, validation, ceBlob, egEvent()]);
    expect(events.map(isIgnoredEvent)).toEqual([true, true, true, false]);
    expect(events[0]).toEqual({ ignored: true, id: 'b1', eventType: 'Microsoft.Storage.BlobCreated', reason: 'not a Microsoft.Resources resource event (Microsoft.Storage.BlobCreated)' });
    expect(events[1]).toMatchObject({ ignored: true, id: 'v1', reason: expect.stringMatching(/subscription validation/) });
  });
});

describe('parseEventMessage: errors say what and where', () => {
  it('garbage messages', () => {
    expect(errorOf('not json at all!')).toMatch(/^message is not JSON or base64 JSON/);
    expect(errorOf('{"id": ')).toMatch(/^message is not JSON or base64 JSON/);
    expect(errorOf(Buffer.from('{"id": ').toString('base64'))).toMatch(/^message is not JSON or base64 JSON/);
    expect(errorOf('')).toBe('message is empty');
    expect(errorOf(42)).toBe('message is a number, expected an event object, an array of events, JSON text or base64 JSON');
    expect(errorOf('42')).toMatch(/^message is a number/);
    expect(errorOf(null)).toMatch(/^message is null/);
    expect(errorOf('null')).toMatch(/^message is null/);
    expect(errorOf(undefined)).toMatch(/^message is undefined, expected/);
    expect(errorOf(true)).toMatch(/^message is a boolean/);
  });

  it('array items that are not objects', () => {
    expect(errorOf([egEvent(), 7])).toBe('event[1]: expected an event object, got a number');
    expect(errorOf([null])).toBe('event[0]: expected an event object, got null');
  });

  it('neither schema', () => {
    expect(errorOf({ id: 'x', subject: COMPUTE, data: {} })).toBe('event[0]: neither an Event Grid event (eventType) nor a CloudEvent (specversion)');
  });

  it('missing or bad envelope fields', () => {
    expect(errorOf(egEvent({ id: undefined }))).toBe('event[0].id: is required');
    expect(errorOf(egEvent({ id: '  ' }))).toBe('event[0].id: must not be empty');
    expect(errorOf({ ...egEvent(), eventType: 7 })).toBe('event[0].eventType: must be a string, got 7');
    expect(errorOf(egEvent({ eventTime: 'yesterday' }))).toBe('event[0].eventTime: is not an ISO 8601 date-time: "yesterday"');
    expect(errorOf(egEvent({ eventTime: undefined }))).toBe('event[0].eventTime: is required');
    expect(errorOf(egEvent({ subject: undefined, data: { resourceUri: undefined } }))).toBe('event[0].subject: is required');
    expect(errorOf([egEvent(), { ...cloudEvent(), time: 'soon' }])).toBe('event[1].time: is not an ISO 8601 date-time: "soon"');
    expect(errorOf({ ...cloudEvent(), specversion: '0.3' })).toBe('event[0].specversion: "0.3" is not supported (expected "1.0")');
    const { time: _, ...noTime } = cloudEvent();
    expect(errorOf(noTime)).toBe('event[0].time: is required for a resource event');
  });

  it('bad data', () => {
    const { data: _, ...noData } = egEvent();
    expect(errorOf(noData)).toBe('event[0].data: is required for a resource event');
    expect(errorOf({ ...egEvent(), data: 'nope' })).toBe('event[0].data: must be an object, got "nope"');
    expect(errorOf(egEvent({ data: { claims: '{not json' } }))).toBe('event[0].data.claims: must be an object (or a JSON-encoded object), got "{not json"');
    expect(errorOf(egEvent({ data: { resourceUri: 12 } }))).toBe('event[0].data.resourceUri: must be a string, got 12');
    expect(errorOf(egEvent({ data: { operationName: undefined, authorization: undefined } }))).toMatch(/^event\[0\]\.data\.operationName: is required/);
  });

  it('invalid resource ids name the field and the reason', () => {
    const bad = `/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w`;
    expect(errorOf([egEvent(), egEvent(), egEvent({ data: { resourceUri: bad } })])).toBe(
      `event[2].data.resourceUri: not a valid ARM resource id (subscription id is not a GUID): ${JSON.stringify(bad)}`,
    );
    expect(errorOf(egEvent({ subject: 'storage-account-1', data: { resourceUri: undefined } }))).toMatch(/^event\[0\]\.subject: not a valid ARM resource id \(must start with/);
    expect(errorOf(egEvent({ data: { resourceUri: `${WS}/computes` } }))).toMatch(/^event\[0\]\.data\.resourceUri: not a valid ARM resource id \(type without a name\)/);
    expect(errorOf(egEvent({ data: { resourceUri: `/subscriptions/{subscription-id}/resourceGroups/rg` } }))).toBe(
      'event[0].data.resourceUri: not a valid ARM resource id (placeholder {subscription-id} where a real value belongs): "/subscriptions/{subscription-id}/resourceGroups/rg"',
    );
  });

  it('never a stack trace, and tryParseEventMessage never throws', () => {
    for (const input of ['x', 1, null, [1], { eventType: 'Microsoft.Resources.ResourceWriteSuccess' }, egEvent({ eventTime: 'bad' })]) {
      const r = tryParseEventMessage(input);
      expect('error' in r && r.error).toBeTruthy();
      if ('error' in r) expect(r.error).not.toMatch(/\n\s+at /);
    }
  });
});
