import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES as SHARED_FIXTURES } from '../support/fixtures';

export const FIXTURES = join(SHARED_FIXTURES, 'event-grid');
export const SUB = '3f2c1a9e-7b4d-4e8a-9c61-2d5f0b7e4a13';
export const OID = 'a1b2c3d4-0000-4000-8000-000000000001';
export const APP = 'a1b2c3d4-0000-4000-8000-000000000002';
export const RG = `/subscriptions/${SUB}/resourceGroups/rg-ml`;
export const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws1`;
export const COMPUTE = `${WS}/computes/ci1`;

/** Every .json file under the fixtures directory, read at test time. */
export function fixtureFiles(dir = FIXTURES): { name: string; path: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: false })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: relative(dir, join(dir, f)), path: join(dir, f) }));
}

/**
 * The fixture text with its `{placeholder}`s filled in: `{subscription-id}` with a GUID, `{ID}` with
 * a GUID, any other `{name}` with `name`. Braces inside JSON-encoded claim values are left alone.
 */
export function withRealIds(text: string, ids: { subscriptionId: string; id: string } = { subscriptionId: SUB, id: OID }): string {
  return text.replace(/\{([A-Za-z][\w-]*)\}/g, (_, name: string) => (name === 'subscription-id' ? ids.subscriptionId : name === 'ID' ? ids.id : name));
}

export function readFixture(path: string): string {
  return readFileSync(path, 'utf8');
}

/** A Microsoft.Resources event in the Event Grid schema, with real ids; `data` fields merge over the defaults. */
export function egEvent(opts: { id?: string; eventType?: string; subject?: string; data?: Record<string, unknown>; [k: string]: unknown } = {}): Record<string, unknown> {
  const { data, ...rest } = opts;
  const subject = opts.subject ?? COMPUTE;
  return {
    id: 'evt-1',
    eventType: 'Microsoft.Resources.ResourceWriteSuccess',
    subject,
    eventTime: '2025-05-01T10:00:00.1234567Z',
    dataVersion: '2',
    metadataVersion: '1',
    topic: `/subscriptions/${SUB}`,
    ...rest,
    data: {
      authorization: { scope: subject, action: 'Microsoft.MachineLearningServices/workspaces/computes/write', evidence: { role: 'Contributor' } },
      claims: { 'http://schemas.microsoft.com/identity/claims/objectidentifier': OID, appid: APP, name: 'Ada Lovelace' },
      correlationId: 'corr-1',
      httpRequest: { clientRequestId: 'c', clientIpAddress: '10.0.0.1', method: 'PUT', url: `https://management.azure.com${subject}?api-version=2025-12-01` },
      resourceProvider: 'Microsoft.MachineLearningServices',
      resourceUri: subject,
      operationName: 'Microsoft.MachineLearningServices/workspaces/computes/write',
      status: 'Succeeded',
      subscriptionId: SUB,
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      ...data,
    },
  };
}

/** The same event as a CloudEvent 1.0. */
export function cloudEvent(opts: Parameters<typeof egEvent>[0] = {}): Record<string, unknown> {
  const eg = egEvent(opts);
  return {
    specversion: '1.0',
    id: eg.id,
    type: eg.eventType,
    source: `/subscriptions/${SUB}`,
    subject: eg.subject,
    time: eg.eventTime,
    data: eg.data,
  };
}
