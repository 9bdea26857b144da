/**
 * One parameters file for every deployment of infra/main.json: each README snippet that deploys
 * the template passes `-p @infra/main.parameters.json` and nothing else, so no redeploy resets a
 * parameter (authAudience, mode, additionalSubscriptionIds) to its default.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');
type Param = { type: string; allowedValues?: unknown[]; minLength?: number; maxLength?: number };
const template = JSON.parse(read('infra/main.json')) as { parameters: Record<string, Param> };
const file = JSON.parse(read('infra/main.parameters.json')) as { $schema: string; parameters: Record<string, { value: unknown }> };

/** Shell commands (backslash continuations joined) from the fenced code blocks of a markdown file. */
function commands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```(?:bash|sh)?\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks.flatMap((b) => b.replace(/\\\n\s*/g, ' ').split('\n')).map((l) => l.trim());
}

describe('infra/main.parameters.json', () => {
  it('is a deployment parameters file naming only template parameters, with values of the right type and allowed', () => {
    expect(file.$schema).toMatch(/deploymentParameters\.json#$/);
    for (const [name, { value }] of Object.entries(file.parameters)) {
      const p = template.parameters[name];
      expect(p, `${name} is not a parameter of infra/main.json`).toBeDefined();
      const type = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value === 'number' ? 'int' : typeof value;
      expect(type, name).toBe(p!.type);
      if (p!.allowedValues) expect(p!.allowedValues, name).toContain(value);
      if (typeof value === 'string' && p!.minLength !== undefined) expect(value.length, name).toBeGreaterThanOrEqual(p!.minLength);
    }
    // The values a redeploy must never lose are in the file.
    expect(Object.keys(file.parameters)).toEqual(expect.arrayContaining(['namePrefix', 'mode', 'authAudience', 'additionalSubscriptionIds']));
  });

  it('every README snippet that deploys infra/main.json passes the parameters file, and only it', () => {
    const deploys = ['README.md', 'infra/README.md'].flatMap((f) => commands(read(f)).filter((c) => /az deployment sub (create|what-if)/.test(c) && /-f infra\/main\.json/.test(c)).map((c) => ({ f, c })));
    expect(deploys.length).toBeGreaterThanOrEqual(4);
    for (const { f, c } of deploys) {
      const params = [...c.matchAll(/(?:^|\s)(?:-p|--parameters)\s+(\S+)/g)].map((m) => m[1]);
      expect(params, `${f}: ${c}`).toEqual(['@infra/main.parameters.json']);
    }
  });
});
