/** Errors the store throws. Writes never fail silently: the caller fails so the queue retries. */

/** The entity changed since it was read (HTTP 412 on an ETag-conditional write). */
export class ConcurrencyError extends Error {
  override name = 'ConcurrencyError';
  constructor(
    readonly table: string,
    readonly partitionKey: string,
    readonly rowKey: string,
    options?: { cause?: unknown },
  ) {
    super(`${table} entity (${partitionKey}, ${rowKey}) was changed by someone else (ETag mismatch): read it again and retry`, options);
  }
}

/** A row read back from a table does not hold what the store wrote there. */
export class CorruptEntityError extends Error {
  override name = 'CorruptEntityError';
  constructor(
    readonly table: string,
    readonly partitionKey: string,
    readonly rowKey: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`corrupt ${table} entity (PartitionKey=${JSON.stringify(partitionKey)}, RowKey=${JSON.stringify(rowKey)}): ${detail}`, options);
  }
}

/** A write the service refused (anything but an ETag mismatch). `statusCode` / `code` come from the service. */
export class StoreWriteError extends Error {
  override name = 'StoreWriteError';
  constructor(
    readonly table: string,
    readonly operation: string,
    readonly statusCode: number | undefined,
    readonly code: string | undefined,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${operation} on table ${table} failed${statusCode ? ` (${statusCode}${code ? ` ${code}` : ''})` : ''}: ${detail}`, options);
  }
}

/** HTTP status of an Azure SDK error (RestError), if any. */
export function statusOf(e: unknown): number | undefined {
  if (typeof e === 'object' && e !== null && 'statusCode' in e && typeof e.statusCode === 'number') return e.statusCode;
  return undefined;
}

export function codeOf(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
  return undefined;
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e);
}
