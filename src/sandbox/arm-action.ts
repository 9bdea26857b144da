import { canonicalWord } from './canonical-names';
import { isResourceGraphQuery } from './handlers/resource-graph';
import { joinPath, lastProvidersIndex, splitPath } from './path';

/**
 * The ARM authorization action a request needs, as custom role definitions spell it:
 * GET/HEAD `{ns}/{types}/read`, PUT/PATCH `/write`, DELETE `/delete`, POST `.../{x}` `{ns}/{types}/{x}/action`.
 * Paths without a provider belong to `Microsoft.Resources` (`subscriptions`, `resourceGroups`, `resources`).
 * Type segments are the odd positions after the namespace; names are ignored.
 */
export function armActionFor(method: string, path: string): string {
  const m = method.toUpperCase();
  // A Resource Graph query is a POST, but ARM authorizes it as a read.
  if (isResourceGraphQuery(path)) return 'Microsoft.ResourceGraph/resources/read';
  const segments = splitPath(path);
  const p = lastProvidersIndex(segments);
  let namespace: string;
  let rest: string[];
  if (p >= 0) {
    namespace = segments[p + 1]!;
    rest = segments.slice(p + 2);
    if (rest.length === 0) {
      // `/subscriptions/{s}/providers/{ns}`: the resource provider registration itself
      return m === 'POST' ? `${canonicalWord(namespace)}/action` : `Microsoft.Resources/subscriptions/providers/${verbOf(m)}`;
    }
  } else {
    namespace = 'Microsoft.Resources';
    rest = segments;
    if (rest.length === 0) return `Microsoft.Resources/${verbOf(m)}`;
  }
  let action: string | undefined;
  if (m === 'POST' && rest.length % 2 === 1) {
    action = rest[rest.length - 1];
    rest = rest.slice(0, -1);
  }
  const types = rest.filter((_, i) => i % 2 === 0);
  const tail = action !== undefined ? [action, 'action'] : [verbOf(m)];
  return [namespace, ...types, ...tail].map(canonicalWord).join('/');
}

/**
 * The scope an authorization decision is made over: the path without its query and,
 * for a POST action, without the action segment.
 */
export function armScopeFor(method: string, path: string): string {
  const segments = splitPath(path);
  if (method.toUpperCase() !== 'POST') return joinPath(segments);
  const p = lastProvidersIndex(segments);
  const rest = p >= 0 ? segments.length - (p + 2) : segments.length;
  return rest % 2 === 1 ? joinPath(segments.slice(0, -1)) : joinPath(segments);
}

function verbOf(method: string): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return 'read';
    case 'PUT':
    case 'PATCH':
      return 'write';
    case 'DELETE':
      return 'delete';
    default:
      return 'action';
  }
}
