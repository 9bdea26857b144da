import type { PipelinePolicy } from '@azure/core-rest-pipeline';

export interface StoreStats {
  /** Table service calls made so far: one per operation, one per page of a query, one per batch (retries not counted). */
  readonly transactions: number;
  /** Of those, the ones that write (anything but a read or a query). */
  readonly writes: number;
}

/** Counts table service calls with a per-call pipeline policy shared by every client of one store. */
export class TransactionCounter {
  private count = 0;
  private writeCount = 0;

  readonly policy: PipelinePolicy = {
    name: 'amlGuardTransactionCounter',
    sendRequest: (request, next) => {
      this.count++;
      if (request.method !== 'GET' && request.method !== 'HEAD') this.writeCount++;
      return next(request);
    },
  };

  stats(): StoreStats {
    return { transactions: this.count, writes: this.writeCount };
  }
}
