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
