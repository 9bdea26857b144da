import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program';
import { writeWarning } from '../../src/cli/write-warning';
import type { GuardContext } from '../../src/engine';
import { guardConfigSchema, type GuardConfig } from '../../src/model';
import { CATALOG } from '../../src/rules/catalog';
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

  it('exceptions with no token and no sign-in: exit 1, and the hint is --token', async () => {
    const run = await runCli(['exceptions', 'list', '--api', 'http://127.0.0.1:9'], { AMLGUARD_AUTH_AUDIENCE: 'api://aml-guard-test' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^aml-guard exceptions list: cannot sign in to Azure/);
    expect(run.stderr).toMatch(/`az login`[\s\S]*--token TOKEN \/ set AMLGUARD_TOKEN/);
    expect(run.stderr).not.toMatch(/EnvironmentCredential|ManagedIdentityCredential|AzureCliCredential/);
  }, 30_000);
});

describe('the warning that opens a --remediate run against Azure', () => {
  const ctx = (config: Partial<GuardConfig>): Pick<GuardContext, 'rules' | 'config'> => ({ rules: CATALOG, config: guardConfigSchema.parse(config) });

  it('names the rules in enforce mode and the subscriptions they may write to', () => {
    const line = writeWarning(ctx({ mode: 'audit', ruleModes: { 'AML-WS-001': 'enforce' } }), ['sub-a', 'sub-b'], undefined);
    expect(line).toBe('aml-guard: WRITING TO AZURE: 1 rule(s) in enforce mode (AML-WS-001) may change resources in subscription(s) sub-a, sub-b');
  });

  it('says nothing will be written when no rule the command writes for is in enforce mode', () => {
    expect(writeWarning(ctx({ ruleModes: { 'AML-CMP-007': 'audit' } }), ['sub-a'], ['AML-CMP-007'])).toMatch(/no rule is in enforce mode: nothing will be written/);
  });
});
