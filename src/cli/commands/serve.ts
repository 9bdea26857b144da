import { Option, type Command } from 'commander';
import { AUTH_SETTINGS, authSettingsFromEnv, jwtAuthenticator, type Authenticator } from '../../auth';
import { reconcileExceptions } from '../../engine/expiry';
import { sweep } from '../../engine/sweep';
import type { CommandEnv } from '../io';
import { DEFAULT_API_PORT, startLocalApi, type LocalApi } from '../local-api';
import { stopSignal, untilAborted } from '../stop-signal';
import { DEFAULT_ISSUER_PORT } from '../local-issuer';
import { addSandboxOptions, port, remediateOption, wholeNumber, type SandboxFlags } from '../options';
import { openRuntime } from '../runtime';
import { chooseSandbox } from '../sandbox-choice';
import { UsageError } from '../usage-error';
import { consoleSignInFromEnv, type ConsoleSignIn } from '../../web/console-settings';

interface ServeFlags extends SandboxFlags {
  readonly port: number;
  readonly localIssuer?: boolean;
  readonly issuerPort: number;
  readonly reconcileEvery: number;
  readonly sweepEvery: number;
  readonly remediate?: boolean;
}

export function registerServe(parent: Command, env: CommandEnv): void {
  const cmd = parent
    .command('serve')
    .summary('run the HTTP API on loopback (local token issuer by default with --sandbox)')
    .description(
      'The HTTP API on loopback, over the same engine and store as the CLI. Authentication: the local token issuer (default with --sandbox when no AMLGUARD_AUTH_* is set; --local-issuer otherwise, since anyone on this machine can mint its tokens), or Entra ID from AMLGUARD_AUTH_*. Its sweeps and expiry re-evaluations write to ARM only with --remediate.',
    );
  addSandboxOptions(cmd)
    .addOption(new Option('--port <n>', 'API port (0: any free one)').argParser(port).default(DEFAULT_API_PORT))
    .option('--local-issuer', 'trust a local token issuer (anyone on this machine can mint its tokens)')
    .addOption(new Option('--issuer-port <n>', 'local issuer port (0: any free one)').argParser(port).default(DEFAULT_ISSUER_PORT))
    .addOption(new Option('--reconcile-every <seconds>', 'run the exception expiry job every N seconds (0: off)').argParser(wholeNumber(0, 'seconds')).default(900))
    .addOption(new Option('--sweep-every <seconds>', 'sweep every N seconds (0: off)').argParser(wholeNumber(0, 'seconds')).default(0))
    .addOption(remediateOption('let the periodic sweep and expiry job fix what they find'))
    .action(async (flags: ServeFlags) => env.exit(await serve(flags, env)));
}

async function serve(flags: ServeFlags, env: CommandEnv): Promise<number> {
  const { io } = env;
  const apiPort = flags.port;
  const issuerPort = flags.issuerPort;
  const reconcileEvery = flags.reconcileEvery;
  const sweepEvery = flags.sweepEvery;
  const choice = await chooseSandbox(flags);
  const sandbox = choice.kind === 'own' ? choice.estateFile : choice.kind === 'remote' ? choice.endpoint : undefined;

  let auth: 'local' | Authenticator;
  const anyAuthSetting = AUTH_SETTINGS.some((k) => io.env[k]);
  if (flags.localIssuer) auth = 'local';
  else if (!anyAuthSetting) {
    if (!sandbox) {
      throw new UsageError(
        `no ${AUTH_SETTINGS.join(' / ')} set: configure Entra ID, or pass --local-issuer to trust a local token issuer (anyone on this machine can mint its tokens; for local stores only)`,
      );
    }
    auth = 'local';
  } else {
    const settings = authSettingsFromEnv(io.env);
    if (!settings.ok) throw new UsageError(settings.reason);
    auth = jwtAuthenticator(settings.config);
  }

  const runtime = await openRuntime(io, { sandbox: choice, remediate: flags.remediate === true });
  let api: LocalApi | undefined;
  const timers: NodeJS.Timeout[] = [];
  try {
    try {
      api = await startLocalApi(runtime.ctx, { port: apiPort, auth, issuerPort, ...(auth === 'local' ? {} : { consoleSignIn: consoleSignInOrUsage(io.env) }) });
    } catch (error) {
      if ((error as { code?: string }).code === 'EADDRINUSE') throw new UsageError(`port in use: ${(error as Error).message} (pick another with --port / --issuer-port)`);
      throw error;
    }
    io.stdout(`AML Guard API on ${api.url}/api (exceptions, findings, kpis)${sandbox ? `, over the sandbox ${sandbox}` : ''}\n`);
    io.stdout(`Approval console on ${api.url}/\n`);
    if (api.issuer) {
      io.stdout(`Local token issuer on ${api.issuer.url} (key generated at start; its tokens are trusted only by this process)\n`);
      io.stdout(`  export AMLGUARD_API_URL=${api.url}\n`);
      io.stdout(`  export AMLGUARD_TOKEN=$(npx aml-guard token --issuer ${api.issuer.url} --as alice --roles Requester)\n`);
    }
    const every = (secs: number, what: string, job: () => Promise<string>) => {
      if (secs <= 0) return;
      let running = false;
      timers.push(
        setInterval(() => {
          if (running) return;
          running = true;
          job()
            .then((m) => io.stderr(`${what}: ${m}\n`))
            .catch((e: unknown) => io.stderr(`${what} failed: ${e instanceof Error ? e.message : String(e)}\n`))
            .finally(() => (running = false));
        }, secs * 1000),
      );
    };
    every(reconcileEvery, 'exception expiry', async () => {
      const r = await reconcileExceptions(runtime.ctx, {});
      return `${r.ended.length} ended, ${r.reevaluated.length} resource(s) re-evaluated, ${r.actions.filter((a) => a.outcome === 'applied').length} fix(es)`;
    });
    every(sweepEvery, 'sweep', async () => {
      const r = await sweep(runtime.ctx, { subscriptions: runtime.subscriptions });
      return `${r.findings.length} finding(s), ${r.actions.filter((a) => a.outcome === 'applied').length} fix(es)`;
    });
    env.hooks.onServeReady?.(api);
    io.stderr('Ctrl+C stops the server.\n');
    const signal = env.hooks.signal ?? stopSignal();
    await untilAborted(signal);
    return 0;
  } finally {
    for (const t of timers) clearInterval(t);
    await api?.close();
    await runtime.close();
  }
}

function consoleSignInOrUsage(env: Readonly<Record<string, string | undefined>>): ConsoleSignIn {
  try {
    return consoleSignInFromEnv(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
