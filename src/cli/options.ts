/**
 * The options several commands share, declared once: how each is spelled, described and checked.
 * A parser throws InvalidArgumentError; commander then names the option and the value (exit 2).
 */
import { statSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseArmId } from '../model';

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function formatOption(formats: readonly string[] = OUTPUT_FORMATS): Option {
  return new Option('--format <format>', 'output format').choices(formats).default('table');
}

/** `--subscription ID`, repeatable; each must be a subscription GUID. */
export function subscriptionOption(): Option {
  return new Option('--subscription <id>', 'a subscription in scope (repeatable; default AMLGUARD_SUBSCRIPTIONS, else every one the identity can read)')
    .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), subscriptionId(value)])
    .default([]);
}

/** `--output-dir DIR` (with --format csv): an existing folder, checked before the run. */
export function outputDirOption(): Option {
  return new Option('--output-dir <dir>', 'with --format csv: write findings.csv and actions.csv there instead of stdout').argParser((dir: string) => {
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new InvalidArgumentError('no such folder.');
    return dir;
  });
}

export function remediateOption(what = 'write to ARM'): Option {
  return new Option('--remediate', `${what} (without it: print the plan, each write with outcome "planned")`);
}

/** `--sandbox E.json [--sandbox-out F] [--sandbox-log F]` or `--sandbox-url URL --sandbox-ca F`. */
export interface SandboxFlags {
  readonly sandbox?: string;
  readonly sandboxOut?: string;
  readonly sandboxLog?: string;
  readonly sandboxUrl?: string;
  readonly sandboxCa?: string;
}

export function addSandboxOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--sandbox <estate.json>', 'run against a local ARM sandbox of its own, seeded from this estate file'))
    .addOption(new Option('--sandbox-out <file>', "write the sandbox's estate here when the run ends (needs --sandbox)"))
    .addOption(new Option('--sandbox-log <file>', "write the sandbox's request log here, JSON lines (needs --sandbox)"))
    .addOption(new Option('--sandbox-url <url>', 'use a running `aml-guard sandbox` at this endpoint (with --sandbox-ca)').argParser(httpsUrl).conflicts('sandbox'))
    .addOption(new Option('--sandbox-ca <file>', "the running sandbox's CA certificate (PEM; the \"ca\" it printed)"));
}

export function subscriptionId(value: string): string {
  try {
    parseArmId(`/subscriptions/${value}`);
  } catch {
    throw new InvalidArgumentError('not a subscription GUID.');
  }
  return value;
}

export function isoTime(value: string): Date {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) throw new InvalidArgumentError('not an ISO 8601 time (e.g. 2026-11-25T01:00:00Z).');
  return new Date(ms);
}

export function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n > 65535) throw new InvalidArgumentError('not a port number (0-65535; 0 = any free port).');
  return n;
}

/** A whole number >= `min`. */
export function wholeNumber(min: number, unit: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number of ${unit} >= ${min}.`);
    return n;
  };
}

function httpsUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('not a URL.');
  }
  if (url.protocol !== 'https:') throw new InvalidArgumentError('the sandbox serves HTTPS: expected https://127.0.0.1:PORT.');
  return url.origin;
}
