import { describe, expect, it } from 'vitest';
import { EventParseError, isIgnoredEvent, parseEventMessage, tryParseEventMessage, type ParsedEvent } from '../../src/events';
import type { ResourceChangeEvent } from '../../src/model';
import { APP, FIXTURES, OID, SUB, fixtureFiles, readFixture, withRealIds } from './helpers';

const files = fixtureFiles();

function resourceEvents(events: ParsedEvent[]): ResourceChangeEvent[] {
  return events.map((e) => {
    if (isIgnoredEvent(e)) throw new Error(`unexpectedly ignored: ${e.reason}`);
    return e;
  });
}

function parseError(input: unknown): EventParseError {
  try {
    parseEventMessage(input);
  } catch (e) {
    if (e instanceof EventParseError) return e;
    throw e;
  }
  throw new Error('expected an EventParseError');
}

interface FixtureEvent {
  id: string;
  eventType?: string;
  type?: string;
  subject: string;
  data: { resourceUri: string; operationName: string; correlationId: string; claims: Record<string, string> | string };
}

describe(`fixtures in ${FIXTURES}`, () => {
  it('finds the fixtures (Event Grid schema, CloudEvents, sdk-java)', () => {
    expect(files.length).toBeGreaterThanOrEqual(11);
    expect(files.some((f) => f.name.includes('cloudevents'))).toBe(true);
    expect(files.some((f) => f.name.startsWith('sdk-java'))).toBe(true);
  });

  describe.each(files)('$name', ({ path }) => {
    const text = readFixture(path);

    it('as published (placeholder ids): rejected with EventParseError naming the field and the placeholder', () => {
      // every published sample uses {subscription-id} in its resource id
      expect(text).toContain('{subscription-id}');
      const err = parseError(text);
      expect(err.message).toMatch(/^event\[0\]\.data\.resourceUri: not a valid ARM resource id \(placeholder \{subscription-id\} where a real value belongs\): "\/subscriptions\/\{subscription-id\}\//);
      expect(err.message).not.toMatch(/\n\s+at /);
      expect(tryParseEventMessage(text)).toEqual({ error: err.message });
    });

    it('with real ids: parses into kind, status, resourceId, operationName, caller', () => {
      const variant = withRealIds(text);
      const raw = JSON.parse(variant) as FixtureEvent[];
      const events = resourceEvents(parseEventMessage(variant));
      expect(events).toHaveLength(raw.length);
      raw.forEach((src, i) => {
        const e = events[i]!;
        const type = src.eventType ?? src.type ?? '';
        const kind = /Resource(Write|Delete|Action)Success$/.exec(type)![1]!.toLowerCase();
        const claims = typeof src.data.claims === 'string' ? (JSON.parse(src.data.claims) as Record<string, string>) : src.data.claims;
        expect(e).toMatchObject({
          id: src.id,
          eventType: type,
          kind,
          status: 'Succeeded',
          resourceId: src.data.resourceUri,
          subscriptionId: SUB,
          operationName: src.data.operationName,
          correlationId: src.data.correlationId,
        });
        expect(e.resourceId).not.toMatch(/[{}]/);
        const objectId = claims['http://schemas.microsoft.com/identity/claims/objectidentifier'];
        expect(e.caller).toEqual({
          ...(objectId && { objectId }),
          ...(claims.appid && { appId: claims.appid }),
          ...(claims.name && { name: claims.name }),
        });
      });
    });
  });

  it('resource-group Event Grid write sample (lower-case resourcegroups, no httpRequest) -> exact event', () => {
    const path = `${FIXTURES}/resource-group/eventgrid-schema/ResourceWriteSuccess.json`;
    expect(parseEventMessage(withRealIds(readFixture(path)))).toEqual([
      {
        id: '4db48cba-50a2-455a-93b4-de41a3b5b7f6',
        eventType: 'Microsoft.Resources.ResourceWriteSuccess',
        kind: 'write',
        status: 'Succeeded',
        resourceId: `/subscriptions/${SUB}/resourcegroups/resource-group/providers/Microsoft.Storage/storageAccounts/storage-name`,
        subscriptionId: SUB,
        operationName: 'Microsoft.Storage/storageAccounts/write',
        eventTime: '2018-07-19T18:38:04.6117357Z',
        correlationId: OID,
        caller: { objectId: OID, appId: OID, name: 'full-name' },
      },
    ]);
  });

  it('resource-group CloudEvents delete sample -> delete event', () => {
    const path = `${FIXTURES}/resource-group/cloudevents-schema/ResourceDeleteSuccess.json`;
    const [e] = resourceEvents(parseEventMessage(withRealIds(readFixture(path), { subscriptionId: SUB, id: APP })));
    expect(e).toMatchObject({ kind: 'delete', eventTime: '2018-07-19T19:24:12.763881Z', caller: { objectId: APP, appId: APP, name: 'full-name' } });
  });

  it('subscription action sample: listKeys on an EventHub authorization rule', () => {
    const path = `${FIXTURES}/subscription/eventgrid-schema/ResourceActionSuccess.json`;
    const [e] = resourceEvents(parseEventMessage(withRealIds(readFixture(path))));
    expect(e).toMatchObject({
      id: OID,
      kind: 'action',
      operationName: 'Microsoft.EventHub/namespaces/AuthorizationRules/listKeys/action',
      resourceId: `/subscriptions/${SUB}/resourceGroups/resource-group/providers/Microsoft.EventHub/namespaces/namespace/AuthorizationRules/RootManageSharedAccessKey`,
      caller: { objectId: OID, appId: OID },
    });
    expect(e!.caller.name).toBeUndefined();
  });

  it('sdk-java delete sample: authorization/claims/httpRequest as JSON strings, empty dataVersion', () => {
    const path = `${FIXTURES}/sdk-java/ResourceDeleteSuccessEvent.json`;
    const text = withRealIds(readFixture(path));
    const raw = JSON.parse(text) as { dataVersion: string; data: { claims: unknown; httpRequest: unknown; authorization: unknown } }[];
    expect(raw[0]!.dataVersion).toBe('');
    expect(typeof raw[0]!.data.claims).toBe('string');
    expect(typeof raw[0]!.data.httpRequest).toBe('string');
    expect(typeof raw[0]!.data.authorization).toBe('string');
    const [e] = resourceEvents(parseEventMessage(text));
    expect(e).toMatchObject({
      kind: 'delete',
      // the sample's operationName says write although the event type is a delete: kind follows the event type
      operationName: 'Microsoft.EventGrid/eventSubscriptions/write',
      resourceId: `/subscriptions/${SUB}/resourceGroups/resource-group/providers/Microsoft.EventGrid/eventSubscriptions/LogicAppdd584bdf-8347-49c9-b9a9-d1f980783501`,
      correlationId: '54ef1e39-6a82-44b3-abc1-bdeb6ce4d3c6',
      caller: {},
    });
  });
});
