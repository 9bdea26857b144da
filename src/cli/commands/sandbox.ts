import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import type { ArmResource } from '../../model';
import { loadEstateFile, startSandbox, writeEstateFile, writeRequestLog, type Sandbox } from '../../sandbox';
import { loadFaultsFile } from '../faults-file';
import type { CommandEnv } from '../io';
import { port, wholeNumber } from '../options';
import { parseRateLimit } from '../rate-limit-arg';
import { writableFile } from '../sandbox-choice';
import { stopSignal, untilAborted } from '../stop-signal';
import { UsageError } from '../usage-error';

interface SandboxServerOptions {
  readonly estate: string;
  readonly port: number;
  readonly out?: string;
  readonly log?: string;
  readonly latency?: number;
  readonly rateLimit?: ReturnType<typeof parseRateLimit>;
  readonly faults?: string;
}

export function registerSandbox(parent: Command, env: CommandEnv): void {
  parent
    .command('sandbox')
    .summary('serve a local ARM sandbox that several processes can share')
    .description(
      'Serves the ARM sandbox on https://127.0.0.1 until SIGINT / SIGTERM. When ready it prints one JSON line on stdout, {"endpoint":"https://127.0.0.1:PORT","ca":"PATH"}: pass them to other commands as --sandbox-url and --sandbox-ca. On stop it writes the estate to --out and the request log (JSON lines: method, path, apiVersion, status, ...) to --log.',
    )
    .requiredOption('--estate <estate.json>', 'the initial state: ARM resources as GET returns them')
    .addOption(new Option('--port <n>', 'port on 127.0.0.1 (0: any free one)').argParser(port).default(0))
    .option('--out <file>', 'write the estate here on stop')
    .option('--log <file>', 'write the request log here on stop (JSON lines)')
    .addOption(new Option('--latency <ms>', 'delay every response').argParser(wholeNumber(0, 'milliseconds')))
    .addOption(new Option('--rate-limit <RB:RPS[:WB:WPS]>', "ARM's throttling: read burst and refill per second [, write burst and refill]; 429 + Retry-After beyond").argParser(parseRateLimit))
    .option('--faults <file>', 'faults to inject: a JSON array of {method, pathPattern, status, code, message, times}')
    .action(async (options: SandboxServerOptions) => env.exit(await serveSandbox(options, env)));
}

async function serveSandbox(options: SandboxServerOptions, env: CommandEnv): Promise<number> {
  const { io } = env;
  if (options.out !== undefined) writableFile('--out', options.out);
  if (options.log !== undefined) writableFile('--log', options.log);
  const faults = options.faults !== undefined ? await loadFaultsFile(options.faults) : [];
  let estate: ArmResource[];
  try {
    estate = await loadEstateFile(options.estate);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ estate, port: options.port, ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`--port ${options.port}: in use (pick another, or 0 for any free port)`);
    throw error;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'aml-guard-sandbox-'));
  try {
    for (const fault of faults) sandbox.injectFault(fault);
    if (options.latency) sandbox.setLatency(options.latency);
    const ca = path.join(dir, 'ca.pem');
    await writeFile(ca, sandbox.ca, 'utf8');
    const signal = env.hooks.signal ?? stopSignal();
    io.stdout(`${JSON.stringify({ endpoint: sandbox.endpoint, ca })}\n`);
    io.stderr(`ARM sandbox on ${sandbox.endpoint}: ${estate.length} resource(s) from ${options.estate}${faults.length ? `, ${faults.length} fault(s)` : ''}. SIGINT / SIGTERM stops it.\n`);
    await untilAborted(signal);
    if (options.out !== undefined) await writeEstateFile(options.out, sandbox.estate());
    if (options.log !== undefined) await writeRequestLog(options.log, sandbox.requests);
    io.stderr(`sandbox stopped after ${sandbox.requests.length} request(s)${options.out ? `; estate in ${options.out}` : ''}${options.log ? `; log in ${options.log}` : ''}\n`);
    return 0;
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}
