import type { ArmResource, JsonValue, RemediationAction, RemediationKind } from '../model';
import type { ArmClients } from './clients';

/**
 * One kind of write: how to see the current value, and how to make the change. Which resource
 * types accept it is the resource descriptors' business (`remediations`); `supports` checks only
 * the action's own fields.
 */
export interface Writer<K extends RemediationKind> {
  readonly kind: K;
  supports(action: RemediationAction<K>): boolean;
  /** The value the action would change, from a fresh snapshot of the target. */
  current(action: RemediationAction<K>, resource: ArmResource): JsonValue;
  /** The value after the fix. */
  desired(action: RemediationAction<K>): JsonValue;
  write(clients: ArmClients, action: RemediationAction<K>, resource: ArmResource): Promise<void>;
}

/** A writer for every kind of action: a kind without one does not compile. */
export type WriterTable = { readonly [K in RemediationKind]: Writer<K> };
