import { describe, expect, it } from 'vitest';
import { decodeKey, encodeKey, invertedTime, monthKey, monthsBetween, prefixEnd } from '../../src/store/keys';
import { findingRowKey, parseFindingRowKey } from '../../src/store/findings';
import { planBatches, type Entity } from '../../src/store/table';
import { COMPUTE, RG, WS, WS10 } from './fixtures';

const FORBIDDEN = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

describe('encodeKey / decodeKey', () => {
  const samples = [
    WS,
    COMPUTE,
    WS.toLowerCase(),
    `/subscriptions/X/resourceGroups/My%20RG!/providers/A.B/c/d|e`,
    'tab\there\nnewline\u0000nul\u007fdel\u0085nel',
    'back\\slash#hash?query',
    '100%!!%21',
    'ünïcødé/名前/😀',
    '',
  ];

  it.each(samples)('round-trips %j and leaves no forbidden character', (s) => {
    const k = encodeKey(s);
    expect(k).not.toMatch(FORBIDDEN);
    expect(decodeKey(k)).toBe(s);
  });

  it('keeps case (the store lower-cases ids before encoding)', () => {
    expect(decodeKey(encodeKey(COMPUTE))).toBe(COMPUTE);
    expect(encodeKey(COMPUTE)).not.toBe(encodeKey(COMPUTE.toLowerCase()));
  });

  it("puts a child's key right after its parent's key and '!'", () => {
    expect(encodeKey(COMPUTE).startsWith(`${encodeKey(WS)}!`)).toBe(true);
    expect(encodeKey(WS).startsWith(`${encodeKey(RG)}!`)).toBe(true);
    // a sibling whose name merely starts with the same characters is not a child
    expect(encodeKey(WS10).startsWith(`${encodeKey(WS)}!`)).toBe(false);
  });

  it('findings RowKeys: lower-case resource + rule, reversible', () => {
    const rk = findingRowKey(COMPUTE, 'AML-CMP|001');
    expect(rk).toBe(findingRowKey(COMPUTE.toUpperCase(), 'AML-CMP|001'));
    expect(rk).not.toMatch(FORBIDDEN);
    expect(parseFindingRowKey(rk)).toEqual({ resourceKey: COMPUTE.toLowerCase(), ruleId: 'AML-CMP|001' });
  });
});

describe('time keys', () => {
  it('inverted time sorts newest first, fixed width', () => {
    const a = invertedTime(Date.parse('2025-01-01T00:00:00Z'));
    const b = invertedTime(Date.parse('2025-01-01T00:00:00.001Z'));
    expect(a).toHaveLength(16);
    expect(b < a).toBe(true);
    expect(invertedTime(0)).toBe('8640000000000000');
    expect(() => invertedTime(-1)).toThrow(RangeError);
  });

  it('months', () => {
    expect(monthKey(Date.parse('2025-03-31T23:59:59.999Z'))).toBe('2025-03');
    expect(monthsBetween(Date.parse('2024-11-15T00:00:00Z'), Date.parse('2025-02-01T00:00:00Z'))).toEqual(['2025-02', '2025-01', '2024-12', '2024-11']);
    expect(monthsBetween(Date.parse('2025-02-15T00:00:00Z'), Date.parse('2025-01-01T00:00:00Z'))).toEqual([]);
  });

  it('prefixEnd bounds a prefix range', () => {
    expect(prefixEnd('abc!')).toBe('abc"');
    expect('abc!zzz' < prefixEnd('abc!')).toBe(true);
    expect(() => prefixEnd('')).toThrow();
  });
});

describe('planBatches', () => {
  const e = (pk: string, rk: string, extra: Record<string, string> = {}): Entity => ({ partitionKey: pk, rowKey: rk, ...extra });

  it('cuts one partition into transactions of at most 100', () => {
    const batches = planBatches(Array.from({ length: 250 }, (_, i) => e('p', String(i))));
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
  });

  it('never mixes partitions and keeps the last write of a duplicate key', () => {
    const batches = planBatches([e('a', '1', { v: 'old' }), e('b', '1'), e('a', '2'), e('a', '1', { v: 'new' })]);
    expect(batches).toHaveLength(2);
    for (const b of batches) expect(new Set(b.map((x) => x.partitionKey)).size).toBe(1);
    const a = batches.find((b) => b[0]!.partitionKey === 'a')!;
    expect(a.map((x) => x.rowKey)).toEqual(['2', '1']);
    expect(a[1]!.v).toBe('new');
  });

  it('keeps a transaction under 4 MiB', () => {
    const big = 'x'.repeat(30_000);
    const batches = planBatches(Array.from({ length: 100 }, (_, i) => e('p', String(i), { a: big, b: big })));
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) expect(Buffer.byteLength(JSON.stringify(b))).toBeLessThan(4 * 1024 * 1024);
  });
});
