import { createHttpHeaders, createPipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { ArmThrottle, parseArmLimits, retryAfterMs, throttlePolicy, withDeadline } from '../../src/azure/arm-throttle';

const response = (status: number, headers: Record<string, string> = {}): PipelineResponse => ({
  status,
  headers: createHttpHeaders(headers),
  request: createPipelineRequest({ url: 'https://management.azure.com/subscriptions/s1/resourceGroups/rg?api-version=1' }),
});

describe('client-side ARM limits', () => {
  it('parses READS_BURST:READS_PER_S:WRITES_BURST:WRITES_PER_S and names a bad value', () => {
    expect(parseArmLimits('250:25:200:10')).toEqual({ reads: { burst: 250, perSecond: 25 }, writes: { burst: 200, perSecond: 10 } });
    expect(() => parseArmLimits('250:25')).toThrow(/"250:25".*READS_BURST/);
    expect(() => parseArmLimits('250:0:200:10')).toThrow(/> 0/);
  });

  it('reads Retry-After in seconds or as a date, and Resource Graph quota resets', () => {
    expect(retryAfterMs(response(429, { 'retry-after': '7' }))).toBe(7000);
    expect(retryAfterMs(response(429, { 'retry-after': new Date(Date.now() + 5000).toUTCString() }))).toBeGreaterThan(3000);
    expect(retryAfterMs(response(429, { 'x-ms-user-quota-resets-after': '00:00:03' }))).toBe(3000);
    expect(retryAfterMs(response(429))).toBeUndefined();
  });

  it('retries a 429 after its Retry-After, and gives the last answer back once the deadline would pass', async () => {
    const throttle = new ArmThrottle(parseArmLimits('10:10:10:10'));
    const policy = throttlePolicy(throttle);
    const answers = [response(429, { 'retry-after': '1' }), response(200)];
    const sent: number[] = [];
    const next = async () => {
      sent.push(Date.now());
      return answers.shift() ?? response(200);
    };
    const request = createPipelineRequest({ url: 'https://management.azure.com/subscriptions/s1/x?api-version=1' });
    expect((await withDeadline(Date.now() + 10_000, () => policy.sendRequest(request, next))).status).toBe(200);
    expect(sent).toHaveLength(2);
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(950);
    expect(throttle.stats).toMatchObject({ throttled: 1, retries: 1 });

    const always429 = async () => response(429, { 'retry-after': '5' });
    expect((await withDeadline(Date.now() + 1000, () => policy.sendRequest(request, always429))).status).toBe(429);
  });

  it('never sends more than the bucket allows, and lowers it to what ARM says remains', async () => {
    const throttle = new ArmThrottle(parseArmLimits('3:20:3:20'));
    const policy = throttlePolicy(throttle);
    const sent: number[] = [];
    const next = async () => {
      sent.push(Date.now());
      return response(200, { 'x-ms-ratelimit-remaining-subscription-reads': '0' });
    };
    const request = createPipelineRequest({ url: 'https://management.azure.com/subscriptions/s1/x?api-version=1' });
    for (let i = 0; i < 3; i++) await policy.sendRequest(request, next);
    // a burst of 3 would send at once; the first answer said 0 remain, so the next two each waited for a refilled token
    expect(sent).toHaveLength(3);
    expect(throttle.stats.waitedMs).toBeGreaterThan(0);
  });
});
