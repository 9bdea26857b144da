import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleQueueMessage } from '../../src/engine';
import { MAX_JSON_DEPTH, parseArmId } from '../../src/model';
import { runCli } from '../support/cli';
import { startHarness, workspace, type Harness } from '../support/harness';
import { egEvent } from '../events/helpers';

/**
 * Ids are canonical and input depth is bounded: an event subject or estate id that is not in
 * ARM's canonical form, or JSON nested beyond reason, is bad input — refused with what and where
 * (CLI exit 2; a queue message kept in poisonMessages with its reason), never evaluated as some
 * other resource and never a stack overflow.
 */
const ESTATE = path.join(__dirname, '../../examples/demo-estate.json');
const WS_ID = (JSON.parse(readFileSync(ESTATE, 'utf8')) as { id: string; type: string }[]).find((r) => r.type === 'Microsoft.MachineLearningServices/workspaces')!.id;
const dir = mkdtempSync(path.join(tmpdir(), 'aml-guard-bad-input-'));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** Ids that read as another resource than they name, or that are not ARM's spelling of any. */
const NOT_CANONICAL: ReadonlyArray<readonly [string, string, RegExp]> = [
  ['parent via ..', `${WS_ID}/computes/..`, /"\.\." segment/],
  ['dot segment', `${WS_ID}/./computes/ci1`, /"\." segment/],
  ['empty segment', WS_ID.replace('/providers/', '//providers/'), /empty/],
  ['trailing slash', `${WS_ID}/`, /trailing slash/],
  ['encoded slash', `${WS_ID}%2Fcomputes%2Fci1`, /encoded character/],
  ['encoded dots', `${WS_ID}/computes/%2E%2E`, /encoded character/],
  ['backslash', `${WS_ID}/computes\\ci1`, /backslash/],
];

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('canonical ids', () => {
  for (const [what, id, reason] of NOT_CANONICAL) {
    it(`replay: an event whose subject has ${what} exits 2 naming the file and the id`, async () => {
      const events = file(`event-${what.replace(/\W+/g, '-')}.json`, JSON.stringify([egEvent({ subject: id, data: { resourceUri: id, operationName: 'Microsoft.MachineLearningServices/workspaces/computes/write' } })]));
      const run = await runCli(['replay', events, '--sandbox', ESTATE]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(events);
      expect(run.stderr).toMatch(reason);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  it('scan: an estate id with a ".." segment exits 2 naming the file and the JSON path', async () => {
    const estate = JSON.parse(readFileSync(ESTATE, 'utf8')) as { id: string }[];
    const i = estate.findIndex((r) => r.id === WS_ID);
    estate[i] = { ...estate[i]!, id: `${WS_ID}/computes/..` };
    const bad = file('estate-dots.json', JSON.stringify(estate));
    const run = await runCli(['scan', '--sandbox', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(bad);
    expect(run.stderr).toContain(`$[${i}].id`);
    expect(run.stderr).toMatch(/"\.\." segment/);
  });

  it('every id the project parses is refused the same way (exception scopes, API input)', () => {
    for (const [, id, reason] of NOT_CANONICAL.filter(([w]) => w !== 'trailing slash')) expect(() => parseArmId(id)).toThrow(reason);
  });
});

describe('JSON depth', () => {
  it(`an events file nested deeper than ${MAX_JSON_DEPTH} levels exits 2 naming the file, no stack overflow`, async () => {
    const events = file('deep-events.json', deep(200_000));
    const run = await runCli(['replay', events, '--sandbox', ESTATE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(events);
    expect(run.stderr).toMatch(new RegExp(`nested deeper than ${MAX_JSON_DEPTH} levels \\(line 1, column ${MAX_JSON_DEPTH + 1}\\)`));
  });

  it('an estate file nested deeply inside a resource exits 2 naming the file', async () => {
    const estate = JSON.parse(readFileSync(ESTATE, 'utf8')) as Record<string, unknown>[];
    const text = JSON.stringify(estate).replace('"properties":{', `"properties":{"deep":${deep(100_000)},`);
    const bad = file('estate-deep.json', text);
    const run = await runCli(['scan', '--sandbox', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(bad);
    expect(run.stderr).toMatch(/nested deeper than/);
  });

  it('a document exactly at the limit still parses', async () => {
    const events = file('at-limit.json', `[${deep(MAX_JSON_DEPTH - 1)}]`);
    const run = await runCli(['replay', events, '--sandbox', ESTATE]);
    // parsed, then refused as events (not as JSON): the depth bound does not cut legitimate input
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/nested deeper/);
  });
});

describe('queue delivery', () => {
  const SUB = '6d6d6d6d-0000-4000-8000-000000000006';
  const WS = workspace(SUB, 'rg-q', 'ws-canon', { publicNetworkAccess: 'Enabled' });
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness([WS]);
  });
  afterAll(() => h.close());

  it('a message whose event subject is not canonical is kept in poisonMessages with the reason, and nothing is read or written', async () => {
    const subject = `${WS.id}/computes/..`;
    const body = Buffer.from(JSON.stringify([egEvent({ subject, data: { resourceUri: subject, subscriptionId: SUB } })])).toString('base64');
    h.sandbox.clearRequests();
    const result = await handleQueueMessage(h.ctx, body, { source: 'test', messageId: 'm-dots' });
    expect(result.errors).toEqual([{ error: expect.stringMatching(/"\.\." segment/) }]);
    expect(await h.store.poison.list({})).toEqual([expect.objectContaining({ messageId: 'm-dots', reason: expect.stringMatching(/"\.\." segment/), body })]);
    expect(h.sandbox.requests).toEqual([]);
  });

  it(`a message nested deeper than ${MAX_JSON_DEPTH} levels is kept too, with its reason`, async () => {
    const body = Buffer.from(`[{"data":${deep(50_000)}}]`).toString('base64');
    const result = await handleQueueMessage(h.ctx, body, { source: 'test', messageId: 'm-deep' });
    expect(result.errors).toEqual([{ error: expect.stringMatching(/nested deeper than/) }]);
  });
});
