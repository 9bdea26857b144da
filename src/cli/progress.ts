import { Writable } from 'node:stream';
import { SingleBar, type Params } from 'cli-progress';
import { terminalColumns, type CliIo } from './io';

/** Progress of a long run, on stderr: a bar on a terminal, plain lines otherwise (logs, CI, pipes). */
export interface ProgressReporter {
  /** What is happening now. */
  readonly message: (text: string) => void;
  /** `done` of `total` items. */
  readonly advance: (done: number, total: number) => void;
  stop(): void;
}

export function progressReporter(io: CliIo, label: string): ProgressReporter {
  if (io.stderrIsTty !== true) {
    return { message: (text) => io.stderr(`${text}\n`), advance: () => {}, stop: () => {} };
  }
  let status = '';
  const width = Math.max(20, terminalColumns(io) - 1);
  const line = (params: Params) => {
    const head = params.total > 0 ? `${label} [${barOf(params.progress)}] ${params.value}/${params.total} ` : `${label}: `;
    const text = `${head}${status}`;
    return text.length > width ? `${text.slice(0, width - 1)}…` : text;
  };
  const bar = new SingleBar({ format: (_options, params) => line(params), stream: terminalOf(io), clearOnComplete: true, hideCursor: true, linewrap: false });
  let started = false;
  const ensure = () => {
    if (!started) bar.start(0, 0, {});
    started = true;
  };
  return {
    message(text) {
      status = text;
      ensure();
      bar.update({});
    },
    advance(done, total) {
      ensure();
      bar.setTotal(total);
      bar.update(done, {});
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** stderr as the terminal stream cli-progress draws on (it moves the cursor only on a TTY). */
function terminalOf(io: CliIo): NodeJS.WritableStream {
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      io.stderr(chunk.toString());
      done();
    },
  });
  return Object.assign(stream, { isTTY: true, columns: terminalColumns(io) });
}

const BAR_CELLS = 24;

function barOf(progress: number): string {
  const full = Math.round(Math.min(1, Math.max(0, progress)) * BAR_CELLS);
  return `${'█'.repeat(full)}${'░'.repeat(BAR_CELLS - full)}`;
}
