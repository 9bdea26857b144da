import { parseArmId, type ArmResource, type JsonValue } from '../model';
import { pollInterval } from './poll-interval';
import type { Writer } from './writer';

/** The value of a tag, its name compared case-insensitively as ARM does; null when absent. */
export function tagValue(resource: ArmResource, tag: string): JsonValue {
  const wanted = tag.toLowerCase();
  for (const [name, value] of Object.entries(resource.tags ?? {})) if (name.toLowerCase() === wanted) return value;
  return null;
}

/**
 * `set-tag`: PATCH `{resource}/providers/Microsoft.Resources/tags/default` with operation `Merge`
 * and the one tag (Tags_UpdateAtScope, long-running from 2025-04-01: the SDK polls). Merge adds or
 * updates that tag only; every other tag stays as it is. Needs `Microsoft.Resources/tags/write`,
 * not write access to the resource itself.
 */
export const setTagWriter: Writer<'set-tag'> = {
  kind: 'set-tag',
  supports: (a) => a.tag.trim() !== '',
  current: (a, resource) => tagValue(resource, a.tag),
  desired: (a) => a.value,
  write: async (clients, a) => {
    const p = parseArmId(a.resourceId);
    // The SDK's path template is `/{+scope}/providers/...`: the scope goes in without its leading slash.
    const scope = p.id.replace(/^\/+/, '');
    await clients
      .resources(p.subscriptionId)
      .tagsOperations.updateAtScope(scope, { operation: 'Merge', properties: { tags: { [a.tag]: a.value } } }, { updateIntervalInMs: pollInterval(clients.connection) });
  },
};
