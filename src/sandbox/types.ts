import type { TokenCredential } from '@azure/core-auth';
import type { ArmResource } from '../model';
import type { EventGridEvent, SandboxEventListener } from './events';
import type { FaultSpec } from './faults';
import type { Principal } from './principals';
import type { RateLimit } from './rate-limit';
import type { RoleEnforcement } from './role-enforcement';
import type { PublishedCloudEvent } from './topic';

/** Decides whether a principal may perform an ARM action over a scope; false answers 403 AuthorizationFailed. */
export type AuthorizeHook = (principalOid: string, armAction: string, scope: string) => boolean;

export interface SandboxOptions {
  /** The initial state: ARM resources exactly as GET returns them (validated like an estate file). */
  readonly estate: readonly ArmResource[];
  /** Items per list page; default 100. */
  readonly pageSize?: number;
  /** Rows per Resource Graph page at most; default 1000 (Resource Graph's own maximum). */
  readonly resourceGraphPageSize?: number;
  /** Polls answering InProgress before a long-running operation completes; default 1. */
  readonly lroPolls?: number;
  /**
   * Token buckets in ARM's two throttling categories, reads (GET, HEAD, and a read sent as POST:
   * a Resource Graph query) and writes (PUT, PATCH, POST, DELETE): an empty bucket answers 429
   * with Retry-After (seconds). Each off by default.
   */
  readonly rateLimit?: { readonly reads?: RateLimit; readonly writes?: RateLimit };
  /** Tenant of issued tokens and events; default SANDBOX_TENANT_ID. */
  readonly tenantId?: string;
  /** Your own authorization decisions; combined (both must allow) with `enforceRole`. */
  readonly authorize?: AuthorizeHook;
  /**
   * Restrict one principal to its Azure roles (see role-enforcement.ts). Default: the role file
   * named by AMLGUARD_SANDBOX_ENFORCE_ROLE, if set (the test suite sets it for AML Guard's
   * identity from infra/main.json); `false` turns enforcement off for this sandbox.
   */
  readonly enforceRole?: RoleEnforcement | false;
  /** Port on 127.0.0.1; default 0 (any free port). */
  readonly port?: number;
}

/** One request as the sandbox saw it. */
export interface RecordedRequest {
  readonly method: string;
  /** The path as sent (percent-encoding kept), without the query. */
  readonly path: string;
  readonly apiVersion?: string;
  readonly query: Readonly<Record<string, string>>;
  /** Parsed JSON body; undefined when empty or not JSON. */
  readonly body: unknown;
  readonly status: number;
  /** `oid` of the bearer token, when it was valid. */
  readonly principalOid?: string;
  /** The ARM authorization action (see armActionFor). */
  readonly armAction: string;
  /** ISO time the request arrived. */
  readonly at: string;
}

export interface Sandbox {
  /** `https://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** PEM of the self-signed certificate: pass as `tlsOptions: { ca }`. */
  readonly ca: string;
  /** A credential whose tokens carry the principal's oid / appid / name and the sandbox tenant; default GUARD_PRINCIPAL. */
  credential(principal?: Principal): TokenCredential;
  /** Every request so far, oldest first (live, read-only view). */
  readonly requests: readonly RecordedRequest[];
  clearRequests(): void;
  /** Every event so far, oldest first (live, read-only view). */
  readonly events: readonly EventGridEvent[];
  /** Every CloudEvent its Event Grid topic endpoint accepted, oldest first (live view), with the topic name. */
  readonly published: readonly PublishedCloudEvent[];
  /** `{endpoint}/eventgrid/topics/{name}/api/events` (default name `aml-guard`): a topic for EventGridPublisherClient. */
  topicEndpoint(name?: string): string;
  /** Subscribes to events (delivered asynchronously, after the write's response); returns the unsubscribe function. */
  onEvent(listener: SandboxEventListener): () => void;
  /** The current state as an estate: deep copy, store order (a replaced resource keeps its place, new ones at the end). */
  estate(): ArmResource[];
  /** A resource (or embedded child) by id, case-insensitive; deep copy. */
  getResource(id: string): ArmResource | undefined;
  injectFault(fault: FaultSpec): void;
  /** Drops every fault not yet consumed. */
  clearFaults(): void;
  /** Delays every response by `ms`. */
  setLatency(ms: number): void;
  close(): Promise<void>;
}
