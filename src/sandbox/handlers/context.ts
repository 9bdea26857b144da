import type { EventGridEvent, WriteOrigin } from '../events';
import type { FaultInjector } from '../faults';
import type { OperationRegistry } from '../operations';
import type { Route } from '../route';
import type { ResourceStore } from '../store';

/** What a handler answers: status, JSON body (absent for none) and extra headers. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One authenticated, validated request. */
export interface RequestContext {
  /** Upper case. */
  readonly method: string;
  /** Absolute URL on the sandbox endpoint. */
  readonly url: URL;
  readonly route: Route;
  readonly apiVersion: string;
  /** Parsed JSON body, undefined when empty. */
  readonly body: unknown;
  /** For events. */
  readonly origin: WriteOrigin;
}

/** The sandbox's mutable state, shared by the handlers. */
export interface SandboxState {
  readonly store: ResourceStore;
  readonly operations: OperationRegistry;
  readonly faults: FaultInjector;
  readonly pageSize: number;
  /** Rows per Resource Graph page at most (the request's `$top` may ask for fewer). */
  readonly resourceGraphPageSize: number;
  readonly tenantId: string;
  /** `https://127.0.0.1:<port>`. */
  readonly endpoint: string;
  emit(event: EventGridEvent): void;
}
