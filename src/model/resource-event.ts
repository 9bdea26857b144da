/**
 * A resource-change notification, normalised from Event Grid schema or CloudEvents 1.0
 * (Microsoft.Resources.Resource{Write,Delete,Action}{Success,Failure,Cancel}).
 */
export interface ResourceChangeEvent {
  /** Event id: the de-duplication key. */
  readonly id: string;
  readonly eventType: string;
  readonly kind: 'write' | 'delete' | 'action';
  /** `Succeeded`, `Failed`, `Canceled` (from data.status, or the event type's suffix). */
  readonly status: string;
  /** The resource id the event is about (data.resourceUri, else subject). */
  readonly resourceId: string;
  readonly subscriptionId: string;
  /** e.g. `Microsoft.MachineLearningServices/workspaces/write`. */
  readonly operationName: string;
  readonly eventTime: string;
  readonly correlationId?: string;
  /** Who made the change (object id / app id from the claims), for the audit trail and echo detection. */
  readonly caller: { readonly objectId?: string; readonly appId?: string; readonly name?: string };
}

/** Why an incoming message was not processed further. */
export type EventDisposition =
  | { readonly kind: 'evaluate'; readonly event: ResourceChangeEvent; readonly targetId: string }
  | { readonly kind: 'ignore'; readonly event?: ResourceChangeEvent; readonly reason: string };
