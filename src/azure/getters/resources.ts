import { parseArmId, tryParseArmId } from '../../model';
import { captureWire } from '../wire-scope';
import type { GetterTable } from './getter';

/**
 * `resourceTypeOf` gives '' for `/subscriptions/{s}/resourceGroups/{rg}` (no provider), so the
 * reader looks resource groups up under this key (see `readTypeOf`). Resource groups are read
 * for their tags (AML-GOV-001); no rule evaluates them and the sweep never visits them.
 */
export const RESOURCE_GROUP_READ_TYPE = 'microsoft.resources/resourcegroups';

/** The getter key of an id: its resource type, or RESOURCE_GROUP_READ_TYPE for a resource group id. */
export function readTypeOf(id: string, resourceType: string): string {
  if (resourceType !== '') return resourceType;
  const p = tryParseArmId(id);
  return p?.resourceGroup !== undefined && p.provider === undefined ? RESOURCE_GROUP_READ_TYPE : '';
}

/** Resource groups through @azure/arm-resources (modular): bodies captured by its pipeline policy. */
export const resourcesGetters: GetterTable = {
  [RESOURCE_GROUP_READ_TYPE]: (c, id, cap) => {
    const p = parseArmId(id);
    return captureWire(cap, () => c.resources(p.subscriptionId).resourceGroups.get(p.resourceGroup!));
  },
};
