import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program';
import { runCli } from '../support/cli';

/** Every command path: ['scan'], ['exceptions', 'approve'], ... */
function commandPaths(): string[][] {
  const program = buildProgram({ io: { stdout: () => {}, stderr: () => {}, env: {} }, hooks: {}, exit: () => {} });
  const walk = (cmd: Command, prefix: string[]): string[][] => cmd.commands.flatMap((c) => [[...prefix, c.name()], ...walk(c, [...prefix, c.name()])]);
  return walk(program, []);
}

describe('the command line', () => {
  it('lists every command', () => {
    expect(commandPaths().filter((p) => p.length === 1).map((p) => p[0])).toEqual(
      expect.arrayContaining(['scan', 'replay', 'idle-shutdown', 'report', 'rules', 'exceptions', 'serve', 'token', 'sandbox', 'demo']),
    );
  });

  it.each(commandPaths().map((p) => [p.join(' '), p]))('`%s --help` prints its usage on stdout and exits 0, within 100 columns', async (_name, path) => {
    const run = await runCli([...path, '--help'], { COLUMNS: '100' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: aml-guard ${path.join(' ')}`));
    expect(run.stderr).toBe('');
    for (const line of run.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it('--help and help list the commands and the exit codes; --version prints the version', async () => {
    for (const argv of [['--help'], ['help'], ['-h']]) {
      const run = await runCli(argv, { COLUMNS: '100' });
      for (const line of run.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
      expect(run.code, argv.join(' ')).toBe(0);
      expect(run.stdout).toMatch(/idle-shutdown/);
      expect(run.stdout).toMatch(/Exit codes: 0 ran; 1 ran and something failed/);
      expect(run.stdout).toMatch(/Nothing is written to ARM without --remediate/);
    }
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('bare aml-guard is a usage error: the help on stderr, exit 2', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Usage: aml-guard/);
  });
});

describe('signing in to Azure', () => {
  it('no sandbox and no sign-in: exit 1, one message saying what to do, no credential chain dump', async () => {
    const run = await runCli(['scan']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^aml-guard scan: cannot sign in to Azure/);
    expect(run.stderr).toMatch(/`az login`/);
    expect(run.stderr).toMatch(/--sandbox examples\/demo-estate\.json/);
    expect(run.stderr).not.toMatch(/EnvironmentCredential|ManagedIdentityCredential|AzureCliCredential/);
    expect(run.stderr.trim().split('\n')).toHaveLength(4);
  }, 30_000);
});
