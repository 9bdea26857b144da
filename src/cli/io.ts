import type { Sandbox } from '../sandbox';
import type { LocalApi } from './local-api';

/** Where a command writes, and what environment it sees (tests pass their own). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Terminal width for tables (default: COLUMNS, else the TTY's width, else 100). */
  readonly columns?: number;
  /** stdout / stderr are terminals: colour (unless NO_COLOR) and the progress bar. */
  readonly stdoutIsTty?: boolean;
  readonly stderrIsTty?: boolean;
}

export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
  stdoutIsTty: process.stdout.isTTY === true,
  stderrIsTty: process.stderr.isTTY === true,
};

/** Test seams and lifetime of a run. */
export interface CliHooks {
  /** Runs once a run's own sandbox is up, before the work (tests inject faults). */
  readonly onSandbox?: (sandbox: Sandbox) => void;
  /** Stops the long-running commands (serve, sandbox) when aborted; default SIGINT / SIGTERM. */
  readonly signal?: AbortSignal;
  /** `serve` is listening. */
  readonly onServeReady?: (api: LocalApi) => void;
}

/** What every command's action gets. */
export interface CommandEnv {
  readonly io: CliIo;
  readonly hooks: CliHooks;
  /** The exit code of this run (0 unless set). */
  exit(code: number): void;
}

/** Terminal width for tables: COLUMNS wins, then the terminal's, else 100. */
export function terminalColumns(io: CliIo): number {
  const fromEnv = Number(io.env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv >= 40) return fromEnv;
  return io.columns && io.columns >= 40 ? io.columns : 100;
}
