import { parseArmId } from '../model';
import { descriptorOfId } from '../resources';
import { pollInterval } from './poll-interval';
import { readProperty } from './property-path';
import { setPropertyByPut } from './put-as-read';
import type { Writer } from './writer';

/** `set-property`: only the properties a resource descriptor declares patchable can be written, the way it declares. */
export const setPropertyWriter: Writer<'set-property'> = {
  kind: 'set-property',
  supports: () => true,
  current: (a, resource) => readProperty(resource, a.path),
  desired: (a) => a.value,
  write: async (clients, a, resource) => {
    const descriptor = descriptorOfId(a.resourceId);
    const property = a.path.join('.');
    const patch = descriptor?.remediations?.properties?.[property];
    if (!descriptor || !patch) throw new Error(`no PATCH for ${property} of ${a.resourceId}`);
    if (patch.how === 'put-as-read') await setPropertyByPut(clients, descriptor, patch, resource, property, a.value);
    else await patch.apply(clients, parseArmId(a.resourceId), a.value, { updateIntervalInMs: pollInterval(clients.connection) });
  },
};
