import type { ArmResource } from '../../model';
import { ArmError, parentResourceNotFound, resourceGroupNotFound, resourceNotFound } from '../arm-error';
import { embeddedIndex, embeddedSpec, type JsonRecord } from '../embedded';
import { parentOf, type ProviderPath } from '../route';
import { findResourceGroup, scopeExists } from '../scopes';
import type { ResourceStore } from '../store';

export interface EmbeddedSlot {
  readonly parent: ArmResource;
  /** `properties.<property>` of the parent. */
  readonly property: string;
  readonly writable: boolean;
  /** The element's name as requested. */
  readonly name: string;
}

export type Located =
  | { readonly kind: 'resource'; readonly resource: ArmResource }
  | { readonly kind: 'embedded'; readonly slot: EmbeddedSlot; readonly index: number; readonly element: JsonRecord }
  /** Absent. `slot` is set when the path names an element of an existing parent; `createError` says why a PUT cannot create it. */
  | { readonly kind: 'missing'; readonly error: ArmError; readonly slot?: EmbeddedSlot; readonly createError?: ArmError };

/** Finds what a resource path names: a stored resource, an element embedded in its parent, or nothing (with ARM's 404). */
export function locate(store: ResourceStore, target: ProviderPath): Located {
  const stored = store.get(target.path);
  if (stored) return { kind: 'resource', resource: stored };
  const rg = target.resourceGroup;
  const parent = parentOf(target);
  if (parent) {
    const parentResource = store.get(parent.path);
    const name = target.names[target.names.length - 1]!;
    const spec = embeddedSpec(parent.type, target.types[target.types.length - 1]!);
    if (!parentResource) {
      const error = rg !== undefined && !findResourceGroup(store, target.subscriptionId, rg) ? resourceGroupNotFound(rg) : resourceNotFound(parent.typeAndName, rg);
      return { kind: 'missing', error, createError: error.code === 'ResourceGroupNotFound' ? error : parentResourceNotFound(parent.path) };
    }
    if (spec) {
      const slot: EmbeddedSlot = { parent: parentResource, property: spec.property, writable: spec.writable, name };
      const index = embeddedIndex(parentResource, spec.property, name);
      const element = index >= 0 ? (parentResource.properties?.[spec.property] as JsonRecord[])[index] : undefined;
      if (element) return { kind: 'embedded', slot, index, element };
      return { kind: 'missing', slot, error: new ArmError(404, 'NotFound', `Resource ${target.path} not found.`) };
    }
    return { kind: 'missing', error: resourceNotFound(target.typeAndName, rg) };
  }
  if (rg !== undefined && !findResourceGroup(store, target.subscriptionId, rg)) {
    const error = resourceGroupNotFound(rg);
    return { kind: 'missing', error, createError: error };
  }
  if (!scopeExists(store, target.scope)) {
    return { kind: 'missing', error: resourceNotFound(target.typeAndName, rg), createError: parentResourceNotFound(target.scope) };
  }
  return { kind: 'missing', error: resourceNotFound(target.typeAndName, rg) };
}
