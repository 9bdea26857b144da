import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { ArmResource } from '../src/model';

export interface ChildSandbox {
  readonly endpoint: string;
  readonly ca: string;
  /** Stops it (SIGTERM) and returns the estate it held. */
  stop(): Promise<ArmResource[]>;
}

/**
 * `aml-guard sandbox` in a process of its own, so the bench's memory and CPU figures are the
 * engine's (and Azurite's, also a child), not the sandbox's.
 */
export async function startChildSandbox(estate: readonly ArmResource[], rateLimit?: string): Promise<ChildSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'amlguard-bench-'));
  const estateFile = join(dir, 'estate.json');
  const outFile = join(dir, 'out.json');
  writeFileSync(estateFile, JSON.stringify(estate));
  const bin = resolve(__dirname, '../bin/aml-guard.js');
  const child = spawn(process.execPath, [bin, 'sandbox', '--estate', estateFile, '--out', outFile, ...(rateLimit ? ['--rate-limit', rateLimit] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AMLGUARD_SANDBOX_ENFORCE_ROLE: '' },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const line = await new Promise<string>((ok, fail) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', ok);
    child.once('exit', (code) => fail(new Error(`aml-guard sandbox exited ${code}: ${stderr}`)));
  });
  const ready = JSON.parse(line) as { endpoint: string; ca: string };
  return {
    endpoint: ready.endpoint,
    ca: readFileSync(ready.ca, 'utf8'),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      const out = JSON.parse(readFileSync(outFile, 'utf8')) as ArmResource[];
      rmSync(dir, { recursive: true, force: true });
      return out;
    },
  };
}
