import { CommanderError, type Command } from 'commander';
import { CredentialError } from './credential-error';
import { processIo, type CliHooks, type CliIo } from './io';
import { buildProgram } from './program';
import { UsageError } from './usage-error';

/**
 * Entry point: returns the exit code. 0 ran; 1 ran and something failed (a remediation, a read
 * or a listing, the store, the sign-in); 2 bad input (stderr says what and where). `--help` and
 * `--version` exit 0; bare `aml-guard` prints the help on stderr and exits 2 (a usage error).
 */
export async function main(argv: readonly string[], io: CliIo = processIo, hooks: CliHooks = {}): Promise<number> {
  let code = 0;
  let running = 'aml-guard';
  const program = buildProgram({ io, hooks, exit: (c) => (code = c) });
  program.hook('preAction', (_root, action) => {
    running = commandPath(action);
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      io.stderr(`${running}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CredentialError) {
      io.stderr(`${running}: ${error.message}\n`);
      if (io.env.AMLGUARD_DEBUG) io.stderr(`${error.detail instanceof Error ? error.detail.message : String(error.detail)}\n`);
      return 1;
    }
    io.stderr(`${running}: ${error instanceof Error ? error.message : String(error)}\n`);
    if (io.env.AMLGUARD_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 1;
  }
}

/** `aml-guard exceptions approve`: how messages name the command that failed. */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
