import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEstateFile, startSandbox, writeEstateFile, type Sandbox } from '../../src/sandbox';
import { exampleEstate, NSG_ID, raw } from './helpers';

let dir: string;
let sandbox: Sandbox;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aml-guard-estate-'));
  sandbox = await startSandbox({ enforceRole: false, estate: exampleEstate() });
});
afterAll(() => sandbox.close());

describe('estate files', () => {
  it('round-trips: write, load, serve, change, write again', async () => {
    const file = join(dir, 'estate.json');
    await writeEstateFile(file, exampleEstate());
    const loaded = await loadEstateFile(file);
    expect(loaded).toEqual(exampleEstate());
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(exampleEstate()));
    expect(sandbox.estate()).toEqual(loaded);

    await raw(sandbox, 'DELETE', `${NSG_ID}/securityRules/rule1?api-version=2026-01-01`);
    const out = join(dir, 'after.json');
    await writeEstateFile(out, sandbox.estate());
    const after = await loadEstateFile(out);
    expect(after.map((r) => r.id)).toEqual(loaded.map((r) => r.id));
    expect(after.find((r) => r.id === NSG_ID)?.properties?.securityRules).toEqual([]);
    expect((await readFile(out, 'utf8')).endsWith('\n')).toBe(true);
  });

  it('estate() is a deep copy', () => {
    const copy = sandbox.estate();
    copy[0]!.name = 'mutated';
    expect(sandbox.estate()[0]!.name).not.toBe('mutated');
  });

  it('names the file and the JSON path of a bad resource', async () => {
    const file = join(dir, 'bad.json');
    const estate = exampleEstate();
    (estate[4] as { id: string }).id = '/subscriptions/not-a-guid/resourceGroups/x';
    await writeFile(file, JSON.stringify(estate));
    await expect(loadEstateFile(file)).rejects.toThrow(`estate file ${file}: $[4].id: not a valid ARM resource id`);
    await writeFile(file, JSON.stringify([{ ...exampleEstate()[0], tags: { 'cost center': 1 } }]));
    await expect(loadEstateFile(file)).rejects.toThrow(/\$\[0\]\.tags\["cost center"\]: /);
  });

  it('reports duplicate ids, invalid JSON and missing files without a stack', async () => {
    const file = join(dir, 'dup.json');
    const [first] = exampleEstate();
    await writeFile(file, JSON.stringify([first, { ...first, id: first!.id.toUpperCase() }]));
    await expect(loadEstateFile(file)).rejects.toThrow(/\$\[1\]\.id: duplicate id/);
    await writeFile(file, '[\n  {"id": }\n]');
    await expect(loadEstateFile(file)).rejects.toThrow(/^estate file .*dup.json: not valid JSON \(/);
    await expect(loadEstateFile(join(dir, 'missing.json'))).rejects.toThrow(/cannot read it \(ENOENT\)/);
    await expect(loadEstateFile(join(dir, 'missing.json'))).rejects.toMatchObject({ name: 'EstateError' });
  });

  it('shares the generated certificate between sandboxes of one process, and serves an empty estate', async () => {
    const other = await startSandbox({ enforceRole: false, estate: [] });
    try {
      expect(other.ca).toBe(sandbox.ca);
      expect(other.endpoint).not.toBe(sandbox.endpoint);
      expect((await raw(other, 'GET', '/subscriptions?api-version=2022-12-01')).body).toEqual({ value: [] });
    } finally {
      await other.close();
    }
  });

  it('validates what startSandbox is given', async () => {
    await expect(startSandbox({ estate: [{ id: 'nope', name: 'x', type: 't' }] })).rejects.toThrow(/SandboxOptions\.estate: \$\[0\]\.id/);
  });
});
