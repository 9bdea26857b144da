/** Runs an app entry under the worker emulator (emulator.cjs) in a child process and returns what it reported. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';

const EMULATOR = path.join(__dirname, 'emulator.cjs');

export const bindingSchema = z.looseObject({ type: z.string(), direction: z.string(), name: z.string() });
const reportSchema = z.object({
  registrations: z.array(z.object({ name: z.string(), bindings: z.record(z.string(), bindingSchema) })),
  results: z.array(
    z.object({
      function: z.string(),
      ok: z.boolean().optional(),
      output: z.unknown().optional(),
      extraOutputs: z.record(z.string(), z.unknown()).optional(),
      error: z.string().optional(),
      logs: z.array(z.string()).optional(),
    }),
  ),
  stderr: z.array(z.string()),
});
export type HostReport = z.infer<typeof reportSchema>;

export type Invocation =
  | { readonly function: string; readonly input: unknown; readonly triggerMetadata?: Record<string, unknown> }
  | { readonly function: string; readonly http: { method: string; url: string; headers?: Record<string, string>; body?: string } };

/** `env` replaces the environment (plus PATH), as app settings do for a worker. */
export function runUnderHost(entry: string, env: Record<string, string>, invocations: readonly Invocation[] = []): Promise<HostReport> {
  const dir = mkdtempSync(path.join(tmpdir(), 'aml-guard-host-'));
  const file = path.join(dir, 'invocations.json');
  writeFileSync(file, JSON.stringify(invocations));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [EMULATOR, entry, file], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: dir, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (error && !line.startsWith('{')) return reject(new Error(`host emulator failed: ${error.message}\n${stderr}`));
      try {
        resolve(reportSchema.parse(JSON.parse(line)));
      } catch (e) {
        reject(new Error(`host emulator output unreadable: ${(e as Error).message}\n${stdout}\n${stderr}`));
      }
    });
  });
}

/** A registered function's trigger binding and all its bindings. */
export function triggerOf(report: HostReport, name: string) {
  const reg = report.registrations.find((r) => r.name === name);
  if (!reg) throw new Error(`${name} is not registered`);
  const bindings = Object.values(reg.bindings);
  const trigger = bindings.find((b) => b.direction === 'in');
  if (!trigger) throw new Error(`${name} has no trigger binding`);
  return { trigger, bindings };
}
