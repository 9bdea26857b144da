import { randomUUID } from 'node:crypto';
import { ArmError } from './arm-error';
import type { PollingTypes } from './handlers/long-running';

export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed';

export interface OperationInit {
  readonly subscriptionId: string;
  readonly namespace: string;
  /** Azure region of the resource (`eastus`), part of the polling URLs. */
  readonly location: string;
  readonly apiVersion: string;
  /** The polling URL types of the resource provider (see handlers/long-running.ts). */
  readonly polling: PollingTypes;
  /**
   * Applies the change when the operation completes; returns the body the Location URL
   * answers with (200), or undefined (204). Throwing an ArmError fails the operation.
   */
  readonly complete: () => unknown;
  /** Set when an injected fault decides the operation fails. */
  readonly failWith?: { readonly status: number; readonly code: string; readonly message: string };
}

export interface Operation {
  readonly id: string;
  readonly init: OperationInit;
  readonly startTime: string;
  status: OperationStatus;
  pollsLeft: number;
  endTime?: string;
  result?: unknown;
  error?: ArmError;
}

/** Long-running operations: each answers InProgress for `polls` polls, then completes on the next. */
export class OperationRegistry {
  private readonly ops = new Map<string, Operation>();

  constructor(private readonly polls: number) {
    if (!(polls >= 0) || !Number.isInteger(polls)) throw new RangeError('lroPolls must be an integer >= 0');
  }

  start(init: OperationInit): Operation {
    const op: Operation = { id: randomUUID(), init, startTime: new Date().toISOString(), status: 'InProgress', pollsLeft: this.polls };
    this.ops.set(op.id, op);
    return op;
  }

  /** One poll (of either URL): counts down, then completes the operation. Undefined for an unknown id. */
  poll(id: string): Operation | undefined {
    const op = this.ops.get(id.toLowerCase());
    if (!op || op.status !== 'InProgress') return op;
    if (op.pollsLeft > 0) {
      op.pollsLeft -= 1;
      return op;
    }
    op.endTime = new Date().toISOString();
    const fail = op.init.failWith;
    if (fail) {
      op.status = 'Failed';
      op.error = new ArmError(fail.status, fail.code, fail.message);
      return op;
    }
    try {
      op.result = op.init.complete();
      op.status = 'Succeeded';
    } catch (error) {
      op.status = 'Failed';
      op.error = error instanceof ArmError ? error : new ArmError(500, 'InternalServerError', error instanceof Error ? error.message : String(error));
    }
    return op;
  }
}

/** The polling URLs ARM hands out for an operation: Azure-AsyncOperation (status) and Location (result). */
export function operationUrls(endpoint: string, op: Operation): { readonly asyncOperation: string; readonly location: string } {
  const { subscriptionId, namespace, location, apiVersion, polling } = op.init;
  const base = `${endpoint}/subscriptions/${subscriptionId}/providers/${namespace}/locations/${encodeURIComponent(location)}`;
  const q = `?api-version=${encodeURIComponent(apiVersion)}`;
  return {
    asyncOperation: `${base}/${polling.status}/${op.id}${q}`,
    // one type for both URLs: the Location URL says which one it is
    location: `${base}/${polling.result}/${op.id}${q}${polling.result === polling.status ? '&type=location' : ''}`,
  };
}

/** The Azure-AsyncOperation body. */
export function operationStatusBody(op: Operation, path: string): Record<string, unknown> {
  return {
    id: path,
    name: op.id,
    status: op.status,
    startTime: op.startTime,
    ...(op.endTime ? { endTime: op.endTime } : {}),
    ...(op.error ? op.error.body() : {}),
  };
}
