import type { PipelinePolicy } from '@azure/core-rest-pipeline';

export interface StoreStats {
  /** Table service calls made so far: one per operation, one per page of a query, one per batch (retries not counted). */
  readonly transactions: number;
}

/** Counts table service calls with a per-call pipeline policy shared by every client of one store. */
export class TransactionCounter {
  private count = 0;

  readonly policy: PipelinePolicy = {
    name: 'amlGuardTransactionCounter',
    sendRequest: (request, next) => {
      this.count++;
      return next(request);
    },
  };

  stats(): StoreStats {
    return { transactions: this.count };
  }
}
