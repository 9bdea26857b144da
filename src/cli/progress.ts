import { Presets, SingleBar } from 'cli-progress';
import type { CliIo } from './io';

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
  const bar = new SingleBar(
    { format: `${label} [{bar}] {value}/{total} {status}`, stream: process.stderr, clearOnComplete: true, hideCursor: true, barsize: 24, etaBuffer: 50 },
    Presets.shades_classic,
  );
  let started = false;
  let status = '';
  const ensure = () => {
    if (!started) bar.start(0, 0, { status });
    started = true;
  };
  return {
    message(text) {
      status = text.length > 60 ? `${text.slice(0, 59)}…` : text;
      ensure();
      bar.update({ status });
    },
    advance(done, total) {
      ensure();
      bar.setTotal(total);
      bar.update(done, { status });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
