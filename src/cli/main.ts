import { demoCommand, demoUsage } from './commands/demo';
import { exceptionsCommand, exceptionsUsage } from './commands/exceptions';
import { serveCommand, serveUsage } from './commands/serve';
import { tokenCommand, tokenUsage } from './commands/token';
import { idleShutdownCommand, idleShutdownUsage } from './commands/idle-shutdown';
import { poisonCommand, poisonUsage } from './commands/poison';
import { replayCommand, replayUsage } from './commands/replay';
import { reportCommand, reportUsage } from './commands/report';
import { rulesCommand, rulesUsage } from './commands/rules';
import { scanCommand, scanUsage } from './commands/scan';
import { processIo, type CliIo } from './io';
import { UsageError } from './usage-error';

type Command = { run: (argv: readonly string[], io: CliIo) => Promise<number>; usage: string; summary: string };

const commands: Record<string, Command> = {
  demo: { run: demoCommand, usage: demoUsage, summary: 'run the main job on embedded defaults (sandbox ARM + Azurite), no Azure account' },
  scan: { run: scanCommand, usage: scanUsage, summary: 'evaluate every workspace in scope; --remediate to fix' },
  rules: { run: rulesCommand, usage: rulesUsage, summary: 'print the rule catalog and each rule\'s effective mode' },
  replay: { run: replayCommand, usage: replayUsage, summary: 'process Event Grid events through the onResourceChange handler' },
  exceptions: { run: exceptionsCommand, usage: exceptionsUsage, summary: 'request / approve / reject / revoke / list / show time-boxed exceptions (HTTP API)' },
  serve: { run: serveCommand, usage: serveUsage, summary: 'run the HTTP API on loopback (local token issuer by default with --sandbox)' },
  token: { run: tokenCommand, usage: tokenUsage, summary: 'mint a token from the local issuer of `aml-guard serve` (local use only)' },
  'idle-shutdown': { run: idleShutdownCommand, usage: idleShutdownUsage, summary: 'stop idle compute instances (AML-CMP-007); --now pins the clock' },
  report: { run: reportCommand, usage: reportUsage, summary: 'print the governance KPIs (--format json for the contract fields)' },
  poison: { run: poisonCommand, usage: poisonUsage, summary: 'list the queue messages given up on, with their reason; replay one onto the events queue' },
};

export function registerCommand(name: string, command: Command): void {
  commands[name] = command;
}

function help(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(16)}${c.summary}`);
  return ['aml-guard: keep Azure Machine Learning private', '', 'commands:', ...rows, '', 'usage:', ...Object.values(commands).map((c) => `  ${c.usage}`)].join('\n');
}

/** Entry point: returns the exit code (0 ran, 1 some remediation failed, 2 bad input). */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${help()}\n`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`aml-guard: unknown command ${JSON.stringify(name)}\n\n${help()}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`aml-guard ${name}: ${error.message}\n`);
      return 2;
    }
    io.stderr(`aml-guard ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    if (/^(1|true|yes|on)$/i.test(io.env.AMLGUARD_DEBUG ?? '') && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 1;
  }
}
