/**
 * Which ARM a run talks to, decided and checked before anything starts: a sandbox of its own
 * (`--sandbox`), a running `aml-guard sandbox` (`--sandbox-url` + `--sandbox-ca`), or Azure.
 * Every path it will write at the end is checked now, so a long run never fails at its last step.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ArmResource } from '../model';
import { loadEstateFile } from '../sandbox';
import type { SandboxFlags } from './options';
import { UsageError } from './usage-error';

export type SandboxChoice =
  | { readonly kind: 'azure' }
  | { readonly kind: 'own'; readonly estateFile: string; readonly estate: ArmResource[]; readonly out?: string; readonly log?: string }
  | { readonly kind: 'remote'; readonly endpoint: string; readonly ca: string };

export async function chooseSandbox(flags: SandboxFlags): Promise<SandboxChoice> {
  if (flags.sandboxUrl !== undefined || flags.sandboxCa !== undefined) {
    if (flags.sandboxUrl === undefined) throw new UsageError('--sandbox-ca needs --sandbox-url URL (the endpoint `aml-guard sandbox` printed)');
    if (flags.sandboxCa === undefined) throw new UsageError('--sandbox-url needs --sandbox-ca FILE (the "ca" `aml-guard sandbox` printed)');
    for (const [flag, value] of [['--sandbox-out', flags.sandboxOut], ['--sandbox-log', flags.sandboxLog]] as const) {
      if (value !== undefined) throw new UsageError(`${flag} applies to a sandbox of the run's own (--sandbox); a running \`aml-guard sandbox\` writes its own --out / --log`);
    }
    return { kind: 'remote', endpoint: flags.sandboxUrl, ca: await readCa(flags.sandboxCa) };
  }
  if (flags.sandbox === undefined) {
    for (const [flag, value] of [['--sandbox-out', flags.sandboxOut], ['--sandbox-log', flags.sandboxLog]] as const) {
      if (value !== undefined) throw new UsageError(`${flag} needs --sandbox ESTATE.json`);
    }
    return { kind: 'azure' };
  }
  if (flags.sandboxOut !== undefined) writableFile('--sandbox-out', flags.sandboxOut);
  if (flags.sandboxLog !== undefined) writableFile('--sandbox-log', flags.sandboxLog);
  let estate: ArmResource[];
  try {
    estate = await loadEstateFile(flags.sandbox);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    kind: 'own',
    estateFile: flags.sandbox,
    estate,
    ...(flags.sandboxOut !== undefined ? { out: flags.sandboxOut } : {}),
    ...(flags.sandboxLog !== undefined ? { log: flags.sandboxLog } : {}),
  };
}

/** The folder of `file` exists and `file` is not a folder; else a UsageError naming the path. */
export function writableFile(flag: string, file: string): void {
  const dir = path.dirname(path.resolve(file));
  const folder = statSync(dir, { throwIfNoEntry: false });
  if (!folder?.isDirectory()) throw new UsageError(`${flag} ${file}: the folder ${dir} does not exist`);
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${flag} ${file}: is a folder, expected a file name`);
}

async function readCa(file: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--sandbox-ca ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--sandbox-ca ${file}: not a PEM certificate`);
  return pem;
}
