import type { OperationOptions, ServiceClient } from '@azure/core-client';
import type { z } from 'zod';
import { describeZodError, type ArmId, type ArmResource, type JsonValue, type LinkRelation, type RemediationKind } from '../model';
import type { SdkClientSource, SdkClients, SdkKind } from './sdk-clients';

/**
 * How the wire body of a read is kept: through `options.onResponse` (classic clients: Machine
 * Learning, Authorization) or the client's pipeline policy (modular clients, whose pager drops
 * the caller's options after the first page).
 */
export type WireCaptureMode = 'options' | 'pipeline';

/** One typed SDK call that reads a resource by id. Its return value is ignored: the wire body is what counts. */
export interface ResourceRead {
  readonly client: SdkKind;
  readonly capture: WireCaptureMode;
  call(clients: SdkClientSource, id: ArmId, options: OperationOptions): Promise<unknown>;
}

export function sdkRead<K extends SdkKind>(client: K, capture: WireCaptureMode, call: (sdk: SdkClients[K], id: ArmId, options: OperationOptions) => Promise<unknown>): ResourceRead {
  return { client, capture, call: (clients, id, options) => call(clients.sdk(client, id.subscriptionId), id, options) };
}

/** Something the SDK pages through: only its pages matter (their bodies are captured on the wire). */
export interface Pageable {
  byPage(): AsyncIterableIterator<unknown>;
}

/**
 * How resources of a type are listed: under their subscription (`/subscriptions/{id}`) or under
 * their parent resource, one typed SDK list call, every page.
 */
export interface ResourceList {
  readonly under: 'subscription' | 'parent';
  readonly capture: WireCaptureMode;
  call(clients: SdkClientSource, scope: ArmId, options: OperationOptions): Pageable;
}

export function sdkList<K extends SdkKind>(client: K, under: ResourceList['under'], capture: WireCaptureMode, call: (sdk: SdkClients[K], scope: ArmId, options: OperationOptions) => Pageable): ResourceList {
  return { under, capture, call: (clients, scope, options) => call(clients.sdk(client, scope.subscriptionId), scope, options) };
}

/** How long-running writes are polled (the azure layer's floor between polls). */
export interface LroOptions {
  readonly updateIntervalInMs: number;
}

/**
 * How `set-property` changes one property. `sdk`: one typed SDK update whose body holds only
 * that property (its value validated first). `put-as-read`: the type has no PATCH of its
 * properties, so the resource is re-read in wire shape and PUT back with the one property
 * changed, without the properties ARM fills in (`readOnly`), through `pipeline`'s `sendRequest`.
 */
export type PropertyPatch =
  | { readonly how: 'sdk'; apply(clients: SdkClientSource, id: ArmId, value: JsonValue, lro: LroOptions): Promise<unknown> }
  | { readonly how: 'put-as-read'; readonly readOnly: readonly string[]; pipeline(clients: SdkClientSource, subscriptionId: string): ServiceClient };

export function sdkPatch<K extends SdkKind, V>(client: K, value: z.ZodType<V>, call: (sdk: SdkClients[K], id: ArmId, value: V, lro: LroOptions) => Promise<unknown>): PropertyPatch {
  return {
    how: 'sdk',
    apply(clients, id, raw, lro) {
      const parsed = value.safeParse(raw);
      if (!parsed.success) throw new Error(`${JSON.stringify(raw)} is not a value AML Guard sets here: ${describeZodError(parsed.error)}`);
      return call(clients.sdk(client, id.subscriptionId), id, parsed.data, lro);
    },
  };
}

export function putAsRead<K extends SdkKind>(client: K, pipeline: (sdk: SdkClients[K]) => ServiceClient, readOnly: readonly string[]): PropertyPatch {
  return { how: 'put-as-read', readOnly, pipeline: (clients, subscriptionId) => pipeline(clients.sdk(client, subscriptionId)) };
}

/** The remediations that may write to a type (each kind is performed by its writer in the azure layer). */
export interface Remediations {
  /** Kinds of write other than `set-property` it accepts. */
  readonly actions?: readonly Exclude<RemediationKind, 'set-property'>[];
  /** The properties `set-property` may change, keyed by path under `properties` joined with '.', and how. */
  readonly properties?: Readonly<Record<string, PropertyPatch>>;
}

/** Where Azure Resource Graph keeps the type, and its `type` there (lower case). */
export interface ResourceGraphLocation {
  readonly table: 'resources' | 'authorizationresources' | 'resourcecontainers';
  readonly type: string;
}

/**
 * A type no rule evaluates whose changes matter to types rules do: an event about it
 * re-evaluates its targets. `references`: the ids the resource's current state names (re-read
 * first); `links`: the sources of the stored links of `relation` that point at it.
 */
export type Relay = { readonly from: 'references'; targets(resource: ArmResource): string[] } | { readonly from: 'links'; readonly relation: LinkRelation };

/** One RBAC action and what AML Guard uses it for (infra/README.md's table is generated from these). */
export interface Grant {
  readonly action: string;
  readonly for: string;
}

/** The RBAC actions AML Guard's identity needs on a type. */
export interface RbacActions {
  /** Reading it (GET, list). */
  readonly read: readonly Grant[];
  /** Its remediations, including the reads that poll their long-running operations and the linked checks ARM makes. */
  readonly write?: readonly Grant[];
  /** Writes only an opt-in role grants (role assignment deletion: "AML Guard Role Assignment Remover"). */
  readonly optIn?: readonly Grant[];
}

/** Everything AML Guard knows about one ARM resource type, in one place. */
export interface ResourceDescriptor {
  /** As ARM spells it: `Microsoft.Network/networkInterfaces`. */
  readonly armType: string;
  /** Lower case, as `subjectTypeOf` returns it (`resourceTypeOf` gives '' for resource group and subscription ids). */
  readonly type: string;
  /** The api-version its reads and writes speak (one per resource provider SDK client). */
  readonly apiVersion: string;
  /** How a resource of this type is read by id; absent: AML Guard never reads it (tags). */
  readonly read?: ResourceRead;
  /** How resources of this type are listed; absent: they are reached from what points at them. */
  readonly list?: ResourceList;
  /** Azure Resource Graph table and type; absent: not in Resource Graph (embedded children). */
  readonly resourceGraph?: ResourceGraphLocation;
  /**
   * The `data.operationName` prefix (ARM casing) of the events that concern it; absent: its
   * events do not matter. A prefix covers children (`.../workspaces` covers computes).
   */
  readonly eventPrefix?: string;
  readonly rbac: RbacActions;
  readonly relay?: Relay;
  readonly remediations?: Remediations;
}

/** Whether a descriptor accepts a kind of write (for `set-property`, on `property`). */
export function acceptsRemediation(descriptor: ResourceDescriptor | undefined, kind: RemediationKind, property?: string): boolean {
  const r = descriptor?.remediations;
  if (kind === 'set-property') return property !== undefined && r?.properties?.[property] !== undefined;
  return r?.actions?.includes(kind) ?? false;
}

export function describeType(d: Omit<ResourceDescriptor, 'type'>): ResourceDescriptor {
  return { ...d, type: d.armType.toLowerCase() };
}
