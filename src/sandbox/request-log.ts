import { rename, writeFile } from 'node:fs/promises';
import type { RecordedRequest } from './types';

/** The request log as JSON lines (no bodies): what `--log` / `--sandbox-log` write. */
export function requestLogLines(requests: readonly RecordedRequest[]): string {
  return requests
    .map((r) =>
      JSON.stringify({
        at: r.at,
        method: r.method,
        path: r.path,
        apiVersion: r.apiVersion ?? null,
        status: r.status,
        armAction: r.armAction,
        ...(r.principalOid ? { principalOid: r.principalOid } : {}),
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** Writes the request log atomically (a reader never sees half a file). */
export async function writeRequestLog(path: string, requests: readonly RecordedRequest[]): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, requestLogLines(requests), 'utf8');
  await rename(tmp, path);
}
