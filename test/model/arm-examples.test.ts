import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { armResourceSchema, idKey, parseArmId, resourceTypeOf } from '../../src/model';
import { FIXTURES, listFiles, readFixture } from '../support/fixtures';

/** Every resource body in the official examples: single GET/PUT/PATCH bodies and list `value` items. */
function resourcesIn(file: string): { where: string; body: Record<string, unknown> }[] {
  const example = readFixture(path.relative(FIXTURES, file)) as { responses?: Record<string, { body?: unknown }> };
  const out: { where: string; body: Record<string, unknown> }[] = [];
  for (const [code, response] of Object.entries(example.responses ?? {})) {
    const body = response.body as Record<string, unknown> | undefined;
    if (!code.startsWith('2') || !body || typeof body !== 'object') continue;
    if (Array.isArray(body.value)) (body.value as Record<string, unknown>[]).forEach((v, i) => out.push({ where: `${code}.value[${i}]`, body: v }));
    else if (typeof body.id === 'string' && typeof body.type === 'string') out.push({ where: code, body });
  }
  return out;
}

const files = listFiles(path.join(FIXTURES, 'arm-examples')).filter((f) => f.endsWith('.json'));

describe('official ARM example payloads', () => {
  it('are present beside the clone', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  const ml = files.filter((f) => f.includes(`${path.sep}machinelearningservices${path.sep}`));
  it.each(ml.map((f) => [path.relative(FIXTURES, f), f]))('%s: every resource body is a valid snapshot', (_name, file) => {
    for (const { where, body } of resourcesIn(file)) {
      if (!body.name) continue; // e.g. outbound-rule list items carry no ARM envelope
      const parsed = armResourceSchema.safeParse(body);
      if (!String(body.id).startsWith('/subscriptions/')) {
        // The spec authors' placeholder ids ("string") must be refused, naming the field.
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues[0]?.path).toEqual(['id']);
        continue;
      }
      expect(parsed.success, `${where}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
      const id = String(body.id);
      expect(idKey(id)).toBe(id.toLowerCase());
      expect(parseArmId(id).subscriptionId).toMatch(/^[0-9a-f-]{36}$/i);
    }
  });

  it('the workspace examples are workspaces by id and by type', () => {
    const ws = ml.filter((f) => /Workspace[\\/](get|create|update|list\w+)\.json$/.test(f)).flatMap(resourcesIn);
    expect(ws.length).toBeGreaterThanOrEqual(4);
    for (const { body } of ws) expect(resourceTypeOf(String(body.id))).toBe(String(body.type).toLowerCase());
  });
});
