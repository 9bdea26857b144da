import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFixture } from '../support/fixtures';
import { startHarness, type Harness } from '../support/harness';
import { cluster, computeId, instance, ML, withoutInner } from '../support/compute-estate';

const NONE = computeId('rg-ml', 'ws', 'ci-none');
const LONG = computeId('rg-ml', 'ws', 'ci-long');
const SHORTER = computeId('rg-ml', 'ws', 'ci-short');
const SAME = computeId('rg-ml', 'ws', 'ci-same');
const CLUSTER = computeId('rg-ml', 'ws', 'cc-1');
const set = (resourceId: string, idleTimeBeforeShutdown = 'PT4H') => ({ kind: 'set-idle-shutdown' as const, resourceId, idleTimeBeforeShutdown });
const idle = (id: string) => (h.sandbox.getResource(id)?.properties?.properties as Record<string, unknown>).idleTimeBeforeShutdown;
const withIdle = (id: string, value: string) => instance(id, { properties: { properties: { idleTimeBeforeShutdown: value } } });

let h: Harness;
beforeAll(async () => {
  h = await startHarness([withoutInner(instance(NONE), 'idleTimeBeforeShutdown'), withIdle(LONG, 'P3D'), withIdle(SHORTER, 'PT1H'), withIdle(SAME, 'PT240M'), cluster(CLUSTER)]);
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.clearRequests());

describe("'set-idle-shutdown' writer", () => {
  it('POSTs updateIdleShutdownSetting with the official body shape, then reads the value back', async () => {
    const official = readFixture(`${ML}/Compute/updateIdleShutdownSetting.json`) as { parameters: { parameters: unknown } };
    expect(official.parameters.parameters).toEqual({ idleTimeBeforeShutdown: 'PT120M' });
    const result = await h.ctx.executor.execute(set(NONE));
    expect(result).toMatchObject({ outcome: 'applied', before: null, after: 'PT4H', wrote: true });
    expect(h.sandbox.requests.map((r) => `${r.method} ${r.path.split('/').slice(-2).join('/')} ${r.apiVersion}`)).toEqual([
      'GET computes/ci-none 2025-12-01',
      'POST ci-none/updateIdleShutdownSetting 2025-12-01',
      'GET computes/ci-none 2025-12-01',
    ]);
    const [post] = h.writes();
    expect(post).toMatchObject({ method: 'POST', path: `${NONE}/updateIdleShutdownSetting`, body: { idleTimeBeforeShutdown: 'PT4H' } });
    expect(h.writes()).toHaveLength(1);
    expect(idle(NONE)).toBe('PT4H');
  });

  it('shortens a longer setting', async () => {
    const result = await h.ctx.executor.execute(set(LONG));
    expect(result).toMatchObject({ outcome: 'applied', before: 'P3D', after: 'PT4H' });
    expect(idle(LONG)).toBe('PT4H');
  });

  it('never lengthens a stricter setting, nor rewrites an equal one spelled differently', async () => {
    expect(await h.ctx.executor.execute(set(SHORTER))).toMatchObject({ outcome: 'already-compliant', wrote: false });
    expect(await h.ctx.executor.execute(set(SAME))).toMatchObject({ outcome: 'already-compliant', wrote: false });
    expect(h.writes()).toEqual([]);
    expect([idle(SHORTER), idle(SAME)]).toEqual(['PT1H', 'PT240M']);
  });

  it('refuses a cluster without sending anything, and skips a deleted instance', async () => {
    const refused = await h.ctx.executor.execute(set(CLUSTER));
    expect(refused).toMatchObject({ outcome: 'failed' });
    expect(refused.error).toMatch(/compute instances only/);
    expect(await h.ctx.executor.execute(set(computeId('rg-ml', 'ws', 'gone')))).toMatchObject({ outcome: 'already-compliant', wrote: false });
    expect(h.writes()).toEqual([]);
  });

  it('an ARM error fails with its code, and the value stays', async () => {
    h.sandbox.injectFault({ method: 'POST', pathPattern: /updateIdleShutdownSetting$/, status: 409, code: 'Conflict', message: 'Compute is busy' });
    const failed = await h.ctx.executor.execute(set(LONG, 'PT1H'));
    expect(failed).toMatchObject({ outcome: 'failed', before: 'PT4H' });
    expect(failed.error).toMatch(/409.*Conflict/);
    expect(idle(LONG)).toBe('PT4H');
  });
});
