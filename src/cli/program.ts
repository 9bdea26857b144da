import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { registerDemo } from './commands/demo';
import { registerExceptions } from './commands/exceptions';
import { registerIdleShutdown } from './commands/idle-shutdown';
import { registerPoison } from './commands/poison';
import { registerReplay } from './commands/replay';
import { registerReport } from './commands/report';
import { registerRules } from './commands/rules';
import { registerSandbox } from './commands/sandbox';
import { registerScan } from './commands/scan';
import { registerServe } from './commands/serve';
import { registerToken } from './commands/token';
import { terminalColumns, type CommandEnv } from './io';
import { packageRoot } from '../package-root';

/** Every command, in the order `aml-guard --help` lists them. */
const COMMANDS: readonly ((parent: Command, env: CommandEnv) => void)[] = [
  registerScan,
  registerReplay,
  registerIdleShutdown,
  registerReport,
  registerRules,
  registerExceptions,
  registerPoison,
  registerServe,
  registerToken,
  registerSandbox,
  registerDemo,
];

const EXIT_CODES = `
Exit codes: 0 ran; 1 ran and something failed (a remediation, an ARM read or listing, the
store, the sign-in); 2 bad input.
Nothing is written to ARM without --remediate: without it scan, replay and idle-shutdown
print the plan (outcome "planned").`;

/** The `aml-guard` command line: commander, writing through `env.io`, never exiting the process itself. */
export function buildProgram(env: CommandEnv): Command {
  const { io } = env;
  const program = new Command('aml-guard')
    .description('Keep Azure Machine Learning private: find and fix public exposure, on events and in sweeps.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      getOutHelpWidth: () => terminalColumns(io),
      getErrHelpWidth: () => terminalColumns(io),
    })
    .exitOverride()
    .showSuggestionAfterError(true)
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODES);
  for (const register of COMMANDS) register(program, env);
  return program;
}

function packageVersion(): string {
  const json: unknown = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8'));
  return z.object({ version: z.string() }).parse(json).version;
}
