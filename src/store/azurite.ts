/**
 * Starts Azurite (the Azure Storage emulator, npm `azurite`, a devDependency) for the local
 * default and for tests: one table and one queue service on free loopback ports.
 *
 * The services are separate child processes running the package's own CLI entry points
 * (`azurite-table`, `azurite-queue`, found through the package's `bin` map). Each child also
 * runs a small watchdog that stops it when this process goes away, so even a parent killed
 * with SIGKILL leaves no orphan behind; `stop()` and this process's `exit` stop them too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, type WriteStream } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface AzuriteOptions {
  /** Directory that persists the data across runs (created if missing); omit to keep everything in memory. */
  readonly location?: string;
  /** Default true: Azurite's access log is off. False keeps the access log and also copies Azurite's output to stderr. */
  readonly silent?: boolean;
  /** How long each service may take to accept connections. Default 30 s. */
  readonly startTimeoutMs?: number;
}

export interface RunningAzurite {
  /** e.g. `http://127.0.0.1:49152/devstoreaccount1`. */
  readonly tableEndpoint: string;
  readonly queueEndpoint: string;
  /** Connection string for the well-known Azurite development account (table + queue endpoints). */
  readonly connectionString: string;
  /** Where each service writes its output. */
  readonly logs: { readonly table: string; readonly queue: string };
  /** Stops both services (gracefully, so a persisted location is saved); idempotent. */
  stop(): Promise<void>;
}

/** Azurite's well-known development account (public, documented; never a production secret). */
export const AZURITE_ACCOUNT_NAME = 'devstoreaccount1';
export const AZURITE_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export const AZURITE_NOT_INSTALLED =
  'Azurite is not installed: run `npm ci` (it is a devDependency) or set AMLGUARD_STORAGE_ACCOUNT to use Azure Storage';

type Service = 'table' | 'queue';
const BIN: Record<Service, string> = { table: 'azurite-table', queue: 'azurite-queue' };
const HOST = '127.0.0.1';
const PORT_ATTEMPTS = 5;
const STOP_GRACE_MS = 10_000;

/**
 * Runs inside each child (`node -e WATCHDOG <bin> <args...>`): polls the parent pid and shuts the service down (SIGINT = Azurite's graceful close) when
 * the parent is gone, then requires the CLI entry point.
 */
const WATCHDOG = `
const bin = process.argv[1]; // argv is already [node, bin, ...args], as the CLI expects
const parent = process.ppid;
const timer = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(timer);
  setTimeout(() => process.exit(0), 5000).unref();
  process.kill(process.pid, 'SIGINT');
}, 500);
timer.unref();
require(bin);
`;

/** Resolves a CLI entry point of the installed azurite package through its package.json `bin` map. */
export function azuriteBin(name: string): string {
  let pkgJson: string;
  try {
    pkgJson = require.resolve('azurite/package.json', { paths: [__dirname, process.cwd()] });
  } catch {
    throw new Error(AZURITE_NOT_INSTALLED);
  }
  const pkg: unknown = JSON.parse(readFileSync(pkgJson, 'utf8'));
  const bins = typeof pkg === 'object' && pkg !== null && 'bin' in pkg ? pkg.bin : undefined;
  const rel = typeof bins === 'object' && bins !== null && name in bins ? (bins as Record<string, unknown>)[name] : undefined;
  if (typeof rel !== 'string') throw new Error(`${AZURITE_NOT_INSTALLED} (the installed azurite package has no \`${name}\` bin)`);
  return path.resolve(path.dirname(pkgJson), rel);
}

/** A port that was free a moment ago (bind 0, read, close). Azurite accepts port 0 but never reports the port it got. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not pick a free loopback port'))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function tail(file: string, lines = 8): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

// ---- children alive in this process, stopped on exit -------------------------------------

const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous: no waiting here. SIGINT lets Azurite save a persisted location and exit by itself.
  process.on('exit', () => {
    for (const c of live) c.kill('SIGINT');
    for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  });
}

function track(child: ChildProcess): void {
  installExitHook();
  live.add(child);
  child.once('exit', () => live.delete(child));
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.ref();
  const gone = exited(child);
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await gone;
  clearTimeout(timer);
}

// ---- one service ---------------------------------------------------------------------------

interface ServiceProcess {
  readonly port: number;
  readonly child: ChildProcess;
  readonly log: WriteStream;
}

async function spawnService(service: Service, dataDir: string, logFile: string, opts: AzuriteOptions): Promise<ServiceProcess> {
  const bin = azuriteBin(BIN[service]);
  const timeoutMs = opts.startTimeoutMs ?? 30_000;
  const silent = opts.silent ?? true;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = [
      `--${service}Host`, HOST,
      `--${service}Port`, String(port),
      // In memory, Azurite refuses --location; it then works in its cwd, which is our temp dir.
      ...(opts.location === undefined ? ['--inMemoryPersistence'] : ['--location', dataDir]),
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--loose',
      ...(silent ? ['--silent'] : []),
    ];
    const log = createWriteStream(logFile, { flags: 'a' });
    log.write(`--- ${new Date().toISOString()} ${BIN[service]} on ${HOST}:${port}\n`);
    const child = spawn(process.execPath, ['-e', WATCHDOG, bin, ...args], { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    track(child);
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        log.write(chunk);
        if (!silent) process.stderr.write(chunk);
      });
    }
    let exitCode: number | string | null | undefined;
    child.once('exit', (code, signal) => {
      exitCode = code ?? signal;
    });
    let spawnError: Error | undefined;
    child.once('error', (e) => {
      spawnError = e;
    });

    const deadline = Date.now() + timeoutMs;
    let ready = false;
    while (!ready && exitCode === undefined && spawnError === undefined && Date.now() < deadline) {
      ready = await canConnect(port);
      if (!ready) await sleep(100);
    }
    if (ready && exitCode === undefined) {
      child.unref();
      for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
      return { port, child, log };
    }
    await stopChild(child);
    await new Promise<void>((r) => log.end(r));
    const output = tail(logFile);
    if (exitCode !== undefined && /EADDRINUSE/.test(output) && attempt < PORT_ATTEMPTS) continue; // lost the port race
    const why = spawnError
      ? `could not be started (${spawnError.message})`
      : exitCode !== undefined
        ? `exited (${exitCode}) before accepting connections`
        : `did not accept connections on ${HOST}:${port} within ${timeoutMs} ms`;
    throw new Error(`Azurite ${service} service ${why}; see its log: ${logFile}${output ? `\n${output}` : ''}`);
  }
}

/** Starts Azurite's table and queue services on free loopback ports and waits until both accept connections. */
export async function startAzurite(opts: AzuriteOptions = {}): Promise<RunningAzurite> {
  azuriteBin(BIN.table); // fail fast with the install hint
  const tempDir = opts.location === undefined ? mkdtempSync(path.join(os.tmpdir(), 'amlguard-azurite-')) : undefined;
  const dataDir = opts.location === undefined ? tempDir! : path.resolve(opts.location);
  if (tempDir) {
    installExitHook();
    tempDirs.add(tempDir);
  }
  mkdirSync(dataDir, { recursive: true });
  const logs = { table: path.join(dataDir, 'azurite-table.log'), queue: path.join(dataDir, 'azurite-queue.log') };

  const started = await Promise.allSettled([spawnService('table', dataDir, logs.table, opts), spawnService('queue', dataDir, logs.queue, opts)]);
  const ok = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(ok.map((s) => stopChild(s.child)));
    if (tempDir) tempDirs.delete(tempDir); // kept: the error message names the log inside it
    throw failed.reason;
  }
  const [table, queue] = ok as [ServiceProcess, ServiceProcess];

  const tableEndpoint = `http://${HOST}:${table.port}/${AZURITE_ACCOUNT_NAME}`;
  const queueEndpoint = `http://${HOST}:${queue.port}/${AZURITE_ACCOUNT_NAME}`;
  let stopping: Promise<void> | undefined;
  return {
    tableEndpoint,
    queueEndpoint,
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT_NAME};AccountKey=${AZURITE_ACCOUNT_KEY};` +
      `TableEndpoint=${tableEndpoint};QueueEndpoint=${queueEndpoint};`,
    logs,
    stop() {
      stopping ??= (async () => {
        await Promise.all([table, queue].map(async (s) => {
          await stopChild(s.child);
          await new Promise<void>((r) => s.log.end(r));
        }));
        if (tempDir) {
          rmSync(tempDir, { recursive: true, force: true });
          tempDirs.delete(tempDir);
        }
      })();
      return stopping;
    },
  };
}
