import { AUTH_SETTINGS, authSettingsFromEnv, jwtAuthenticator, type Authenticator } from '../../auth';
import { reconcileExceptions } from '../../engine/expiry';
import { sweep } from '../../engine/sweep';
import { flag, parseCommandArgs, single } from '../args';
import type { CliIo } from '../io';
import { DEFAULT_API_PORT, startLocalApi, type LocalApi } from '../local-api';
import { DEFAULT_ISSUER_PORT } from '../local-issuer';
import { openRuntime } from '../runtime';
import { UsageError } from '../usage-error';
import { consoleSignInFromEnv, type ConsoleSignIn } from '../../web/console-settings';

export const serveUsage =
  'aml-guard serve [--sandbox ESTATE.json [--sandbox-out FILE]] [--port N] [--local-issuer [--issuer-port N]] [--reconcile-every SECONDS] [--sweep-every SECONDS]';

export interface ServeOptions {
  /** Stops the server when aborted (tests); by default SIGINT / SIGTERM. */
  readonly signal?: AbortSignal;
  readonly onReady?: (api: LocalApi) => void;
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--${name}: ${JSON.stringify(value)} is not a port number`);
  return n;
}

function seconds(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name}: ${JSON.stringify(value)} is not a whole number of seconds (0 = off)`);
  return n;
}

function processSignal(): AbortSignal {
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  ac.signal.addEventListener('abort', () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  });
  return ac.signal;
}

/**
 * The HTTP API on loopback, over the same engine and store as the CLI. Authentication: the local
 * token issuer (default with --sandbox when no AMLGUARD_AUTH_* is set; explicit --local-issuer
 * otherwise, since anyone on this machine can mint its tokens), or Entra ID from AMLGUARD_AUTH_*.
 */
export async function runServe(argv: readonly string[], io: CliIo, options: ServeOptions = {}): Promise<number> {
  const args = parseCommandArgs(
    argv,
    {
      sandbox: { type: 'string' },
      'sandbox-out': { type: 'string' },
      port: { type: 'string' },
      'local-issuer': { type: 'boolean' },
      'issuer-port': { type: 'string' },
      'reconcile-every': { type: 'string' },
      'sweep-every': { type: 'string' },
    },
    serveUsage,
  );
  if (args.positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[0])}\nusage: ${serveUsage}`);
  const apiPort = port(single(args, 'port'), DEFAULT_API_PORT, 'port');
  const issuerPort = port(single(args, 'issuer-port'), DEFAULT_ISSUER_PORT, 'issuer-port');
  const reconcileEvery = seconds(single(args, 'reconcile-every'), 900, 'reconcile-every');
  const sweepEvery = seconds(single(args, 'sweep-every'), 0, 'sweep-every');
  const sandbox = single(args, 'sandbox');

  let auth: 'local' | Authenticator;
  const anyAuthSetting = AUTH_SETTINGS.some((k) => io.env[k]);
  if (flag(args, 'local-issuer')) auth = 'local';
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

  const runtime = await openRuntime(io, { sandbox, sandboxOut: single(args, 'sandbox-out') });
  let api: LocalApi | undefined;
  const timers: NodeJS.Timeout[] = [];
  try {
    try {
      api = await startLocalApi(runtime.ctx, { port: apiPort, auth, issuerPort, ...(auth === 'local' ? {} : { consoleSignIn: consoleSignInOrUsage(io.env) }) });
    } catch (error) {
      if ((error as { code?: string }).code === 'EADDRINUSE') throw new UsageError(`port in use: ${(error as Error).message} (pick another with --port / --issuer-port)`);
      throw error;
    }
    io.stdout(`AML Guard API on ${api.url}/api (exceptions, findings, kpis)${sandbox ? `, over the sandbox estate ${sandbox}` : ''}\n`);
    io.stdout(`Approval console on ${api.url}/\n`);
    if (api.issuer) {
      io.stdout(`Local token issuer on ${api.issuer.url} (key generated at start; its tokens are trusted only by this process)\n`);
      io.stdout(`  export AMLGUARD_API_URL=${api.url}\n`);
      io.stdout(`  export AMLGUARD_TOKEN=$(aml-guard token --issuer ${api.issuer.url} --as alice --roles Requester)\n`);
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
    options.onReady?.(api);
    io.stderr('Ctrl+C stops the server.\n');
    const signal = options.signal ?? processSignal();
    if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
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

export function serveCommand(argv: readonly string[], io: CliIo): Promise<number> {
  return runServe(argv, io);
}
