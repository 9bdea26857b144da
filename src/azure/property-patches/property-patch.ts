import type { ArmResource, RemediationAction } from '../../model';
import type { ArmClients } from '../clients';

export type SetProperty = Extract<RemediationAction, { kind: 'set-property' }>;

/** One typed SDK update that sets one property: the smallest body the SDK sends for it. `current` is the target as just read. */
export type PropertyPatch = (clients: ArmClients, action: SetProperty, current: ArmResource) => Promise<unknown>;

/** Patches keyed by `${lower-case resource type}|${property path joined with '.'}`. */
export type PropertyPatchTable = Readonly<Record<string, PropertyPatch>>;

export function patchKey(type: string, path: readonly string[]): string {
  return `${type}|${path.join('.')}`;
}
