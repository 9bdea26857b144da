import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { exampleEstate, mlClient, raw, RG, WS_ID } from './helpers';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ enforceRole: false, estate: exampleEstate(), rateLimit: { reads: { capacity: 2, refillPerSecond: 2 } } });
});
afterAll(() => sandbox.close());

it('answers 429 with Retry-After when the bucket is empty; the SDK retries and succeeds', async () => {
  const client = mlClient(sandbox);
  await Promise.all([client.workspaces.get(RG, 'testworkspace'), client.workspaces.get(RG, 'testworkspace1')]);
  const throttled = await raw(sandbox, 'GET', `${WS_ID}?api-version=2025-12-01`);
  expect(throttled).toMatchObject({ status: 429, body: { error: { code: 'TooManyRequests' } } });
  expect(throttled.headers['retry-after']).toBe('1');
  sandbox.clearRequests();
  await expect(client.workspaces.get(RG, 'testworkspace')).resolves.toMatchObject({ name: 'testworkspace' });
  expect(sandbox.requests.map((r) => r.status)).toEqual([429, 200]);
});

it('reads and writes are throttled apart, as ARM does: an empty write bucket refuses a PATCH while GETs go on', async () => {
  const s = await startSandbox({ enforceRole: false, estate: exampleEstate(), rateLimit: { writes: { capacity: 1, refillPerSecond: 0.5 } } });
  try {
    const patch = () => raw(s, 'PATCH', `${WS_ID}?api-version=2025-12-01`, { body: { properties: { description: 'x' } } });
    expect((await patch()).status).toBeLessThan(300);
    const refused = await patch();
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'TooManyRequests', message: expect.stringContaining('Write_ObservationWindow') } } });
    expect(refused.headers['retry-after']).toBe('2');
    for (let i = 0; i < 5; i++) expect((await raw(s, 'GET', `${WS_ID}?api-version=2025-12-01`)).status).toBe(200);
    // a Resource Graph query is a read sent as POST: answered (here 400, a query the sandbox does not know), not throttled as a write
    const query = await raw(s, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', { body: { subscriptions: [], query: 'Resources | take 1' } });
    expect(query.status).toBe(400);
  } finally {
    await s.close();
  }
});
