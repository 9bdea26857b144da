import { resourceTypeOf } from '../model';
import { readProperty } from './property-path';
import { patchKey, PROPERTY_PATCHES, type SetProperty } from './property-patches';
import type { Writer } from './remediation-executor';

const keyOf = (a: SetProperty) => patchKey(resourceTypeOf(a.resourceId), a.path);

/** `set-property`: only properties listed in PROPERTY_PATCHES can be written. */
export const setPropertyWriter: Writer<'set-property'> = {
  kind: 'set-property',
  supports: (a) => keyOf(a) in PROPERTY_PATCHES,
  current: (a, resource) => readProperty(resource, a.path),
  desired: (a) => a.value,
  write: async (clients, a, resource) => {
    const patch = PROPERTY_PATCHES[keyOf(a)];
    if (!patch) throw new Error(`no PATCH for ${keyOf(a)}`);
    await patch(clients, a, resource);
  },
};

export { pollInterval } from './poll-interval';
