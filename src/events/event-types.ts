import type { KnownSystemEventTypes } from '@azure/eventgrid';
import type { ResourceChangeEvent } from '../model';

/** Microsoft.Resources.Resource{Write,Delete,Action}{Success,Failure,Cancel}; checked against the SDK's list. */
export const RESOURCE_EVENT_TYPES = [
  'Microsoft.Resources.ResourceWriteSuccess',
  'Microsoft.Resources.ResourceWriteFailure',
  'Microsoft.Resources.ResourceWriteCancel',
  'Microsoft.Resources.ResourceDeleteSuccess',
  'Microsoft.Resources.ResourceDeleteFailure',
  'Microsoft.Resources.ResourceDeleteCancel',
  'Microsoft.Resources.ResourceActionSuccess',
  'Microsoft.Resources.ResourceActionFailure',
  'Microsoft.Resources.ResourceActionCancel',
] as const satisfies readonly KnownSystemEventTypes[];
export type ResourceEventType = (typeof RESOURCE_EVENT_TYPES)[number];

/** The event types routing acts on. */
export const SUCCESS_EVENT_TYPES: ReadonlySet<string> = new Set<ResourceEventType>([
  'Microsoft.Resources.ResourceWriteSuccess',
  'Microsoft.Resources.ResourceDeleteSuccess',
  'Microsoft.Resources.ResourceActionSuccess',
]);

export const SUBSCRIPTION_VALIDATION_EVENT_TYPE = 'Microsoft.EventGrid.SubscriptionValidationEvent' satisfies KnownSystemEventTypes;

export interface ResourceEventTypeInfo {
  /** The canonical spelling (event types are matched case-insensitively). */
  readonly eventType: ResourceEventType;
  readonly kind: ResourceChangeEvent['kind'];
  /** `Succeeded` | `Failed` | `Canceled`, implied by the suffix. */
  readonly impliedStatus: string;
}

const PATTERN = /^Microsoft\.Resources\.Resource(Write|Delete|Action)(Success|Failure|Cancel)$/i;
const STATUS = { success: 'Succeeded', failure: 'Failed', cancel: 'Canceled' } as const;

/** Kind and implied status of a Microsoft.Resources resource event type; undefined for any other type. */
export function resourceEventType(type: string): ResourceEventTypeInfo | undefined {
  const m = PATTERN.exec(type.trim());
  if (!m) return undefined;
  const kind = m[1]!.toLowerCase() as ResourceChangeEvent['kind'];
  const outcome = m[2]!.toLowerCase() as keyof typeof STATUS;
  const eventType = RESOURCE_EVENT_TYPES.find((t) => t.toLowerCase() === type.trim().toLowerCase())!;
  return { eventType, kind, impliedStatus: STATUS[outcome] };
}
