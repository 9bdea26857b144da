import { randomUUID } from 'node:crypto';
import { lastProvidersIndex, splitPath } from './path';
import type { TokenClaims } from './token';

export type ResourceEventType =
  | 'Microsoft.Resources.ResourceWriteSuccess'
  | 'Microsoft.Resources.ResourceDeleteSuccess'
  | 'Microsoft.Resources.ResourceActionSuccess';

/** `data` of a Microsoft.Resources.Resource*Success event (Event Grid schema, dataVersion 2). */
export interface ResourceEventData {
  readonly authorization: {
    readonly scope: string;
    readonly action: string;
    readonly evidence: { readonly role: string; readonly principalId: string; readonly principalType: string };
  };
  readonly claims: Readonly<Record<string, string>>;
  readonly correlationId: string;
  readonly resourceProvider: string;
  readonly resourceUri: string;
  readonly operationName: string;
  readonly status: 'Succeeded';
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly httpRequest: {
    readonly clientRequestId: string;
    readonly clientIpAddress: string;
    readonly method: string;
    readonly url: string;
  };
}

/** An Event Grid schema event, as a subscription-scoped system topic delivers it. */
export interface EventGridEvent {
  readonly id: string;
  readonly topic: string;
  readonly subject: string;
  readonly eventType: ResourceEventType;
  readonly eventTime: string;
  readonly data: ResourceEventData;
  readonly dataVersion: string;
  readonly metadataVersion: string;
}

export type SandboxEventListener = (event: EventGridEvent) => void | Promise<void>;

/** What the sandbox knows about the request that caused a write. */
export interface WriteOrigin {
  readonly method: string;
  /** Absolute URL as requested. */
  readonly url: string;
  readonly armAction: string;
  readonly claims: TokenClaims;
  readonly correlationId: string;
  readonly clientRequestId: string;
  readonly clientIpAddress: string;
}

const EVENT_TYPES: Readonly<Record<'write' | 'delete' | 'action', ResourceEventType>> = {
  write: 'Microsoft.Resources.ResourceWriteSuccess',
  delete: 'Microsoft.Resources.ResourceDeleteSuccess',
  action: 'Microsoft.Resources.ResourceActionSuccess',
};

/** The event ARM publishes for a successful write to `resourceId` (spelled as requested). */
export function resourceEvent(kind: 'write' | 'delete' | 'action', resourceId: string, subscriptionId: string, origin: WriteOrigin): EventGridEvent {
  const segments = splitPath(resourceId);
  const p = lastProvidersIndex(segments);
  const resourceProvider = p >= 0 ? segments[p + 1]! : 'Microsoft.Resources';
  return {
    id: randomUUID(),
    topic: `/subscriptions/${subscriptionId}`,
    subject: resourceId,
    eventType: EVENT_TYPES[kind],
    eventTime: new Date().toISOString(),
    data: {
      authorization: {
        scope: resourceId,
        action: origin.armAction,
        evidence: {
          role: 'Contributor',
          principalId: origin.claims.oid,
          principalType: origin.claims.idtyp === 'user' ? 'User' : 'ServicePrincipal',
        },
      },
      claims: eventClaims(origin.claims),
      correlationId: origin.correlationId,
      resourceProvider,
      resourceUri: resourceId,
      operationName: origin.armAction,
      status: 'Succeeded',
      subscriptionId,
      tenantId: origin.claims.tid,
      httpRequest: {
        clientRequestId: origin.clientRequestId,
        clientIpAddress: origin.clientIpAddress,
        method: origin.method,
        url: origin.url,
      },
    },
    dataVersion: '2',
    metadataVersion: '1',
  };
}

/** Token claims the way ARM copies them into events (long claim names, string values). */
function eventClaims(c: TokenClaims): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(c)) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  delete out.oid;
  delete out.tid;
  delete out.sub;
  out['http://schemas.microsoft.com/identity/claims/objectidentifier'] = c.oid;
  out['http://schemas.microsoft.com/identity/claims/tenantid'] = c.tid;
  out['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier'] = c.oid;
  if (c.upn) {
    delete out.upn;
    out['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn'] = c.upn;
  }
  return out;
}
