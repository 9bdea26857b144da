import { isAboveSubscriptionResourceId, isGuid } from '../model';
import { ArmError } from './arm-error';
import { POLLING_TYPE_FLAVORS } from './handlers/long-running';
import { joinPath, lastProvidersIndex, splitPath } from './path';

/** A path below `/providers/{namespace}`: a resource (`types.length === names.length`) or a collection (one more type than names). */
export interface ProviderPath {
  /** The decoded path, as requested (casing kept). */
  readonly path: string;
  readonly subscriptionId: string;
  readonly resourceGroup?: string;
  /** What comes before `/providers/{namespace}`: the subscription, the group, or (extension resources) another resource. */
  readonly scope: string;
  readonly namespace: string;
  readonly types: readonly string[];
  readonly names: readonly string[];
  /** `{namespace}/{types...}` as requested, e.g. `Microsoft.MachineLearningServices/workspaces/computes`. */
  readonly type: string;
  /** `{namespace}/{type}/{name}/...` for ARM's messages. */
  readonly typeAndName: string;
}

export type Route =
  | { readonly kind: 'subscriptions' }
  | { readonly kind: 'subscription'; readonly subscriptionId: string }
  | { readonly kind: 'resourceGroups'; readonly subscriptionId: string }
  | { readonly kind: 'resourceGroup'; readonly subscriptionId: string; readonly resourceGroup: string; readonly id: string }
  | { readonly kind: 'genericResources'; readonly subscriptionId: string; readonly resourceGroup?: string }
  | {
      readonly kind: 'operation';
      readonly subscriptionId: string;
      readonly namespace: string;
      /** `operationStatuses`, `workspaceOperationsStatus`, ... (see handlers/long-running.ts). */
      readonly pollingType: string;
      /** From the type; a URL whose type serves both says `type=location` in its query for the result. */
      readonly flavor: 'status' | 'result';
      readonly operationId: string;
    }
  | { readonly kind: 'resource'; readonly target: ProviderPath }
  | { readonly kind: 'collection'; readonly target: ProviderPath }
  /** A resource above every subscription the estate may hold (built-in or management-group policy set definitions): read only. */
  | { readonly kind: 'aboveSubscription'; readonly path: string; readonly typeAndName: string }
  | { readonly kind: 'unsupported'; readonly path: string };

/** Classifies a request path. Throws ArmError 400 for a malformed subscription id. */
export function parseRoute(rawPath: string): Route {
  const segs = splitPath(rawPath);
  const path = joinPath(segs);
  const lower = segs.map((s) => s.toLowerCase());
  if (isAboveSubscriptionResourceId(path)) return { kind: 'aboveSubscription', path, typeAndName: segs.slice(lastProvidersIndex(segs) + 1).join('/') };
  if (lower[0] !== 'subscriptions') return { kind: 'unsupported', path };
  if (segs.length === 1) return { kind: 'subscriptions' };
  const subscriptionId = segs[1]!;
  if (!isGuid(subscriptionId)) throw new ArmError(400, 'InvalidSubscriptionId', `The provided subscription identifier '${subscriptionId}' is malformed or invalid.`);
  if (segs.length === 2) return { kind: 'subscription', subscriptionId };
  if (lower[2] === 'resources' && segs.length === 3) return { kind: 'genericResources', subscriptionId };
  let resourceGroup: string | undefined;
  if (lower[2] === 'resourcegroups') {
    if (segs.length === 3) return { kind: 'resourceGroups', subscriptionId };
    resourceGroup = segs[3]!;
    if (segs.length === 4) return { kind: 'resourceGroup', subscriptionId, resourceGroup, id: joinPath(segs.slice(0, 4)) };
    if (lower[4] === 'resources' && segs.length === 5) return { kind: 'genericResources', subscriptionId, resourceGroup };
    if (lower[4] !== 'providers') return { kind: 'unsupported', path };
  } else if (lower[2] !== 'providers') return { kind: 'unsupported', path };

  const p = lastProvidersIndex(segs);
  if (p < 0) return { kind: 'unsupported', path };
  const namespace = segs[p + 1]!;
  const rest = segs.slice(p + 2);
  if (rest.length === 0) return { kind: 'unsupported', path };
  const restLower = rest.map((s) => s.toLowerCase());
  const pollFlavor = rest.length === 4 && restLower[0] === 'locations' ? POLLING_TYPE_FLAVORS.get(restLower[2]!) : undefined;
  if (resourceGroup === undefined && p === 2 && pollFlavor) {
    return { kind: 'operation', subscriptionId, namespace, pollingType: rest[2]!, flavor: pollFlavor, operationId: rest[3]! };
  }
  const types = rest.filter((_, i) => i % 2 === 0);
  const names = rest.filter((_, i) => i % 2 === 1);
  const target: ProviderPath = {
    path,
    subscriptionId,
    ...(resourceGroup !== undefined ? { resourceGroup } : {}),
    scope: joinPath(segs.slice(0, p)),
    namespace,
    types,
    names,
    type: [namespace, ...types].join('/'),
    typeAndName: [namespace, ...rest].join('/'),
  };
  return { kind: rest.length % 2 === 0 ? 'resource' : 'collection', target };
}

/** The parent resource of a resource or collection path (`.../workspaces/w` of `.../workspaces/w/computes[/c]`), if below a resource of the same provider. */
export function parentOf(target: ProviderPath): ProviderPath | undefined {
  const isResource = target.types.length === target.names.length;
  const keep = target.types.length - 1;
  if (keep < 1) return undefined;
  const types = target.types.slice(0, keep);
  const names = target.names.slice(0, keep);
  const segments = splitPath(target.path);
  return {
    ...target,
    path: joinPath(segments.slice(0, segments.length - (isResource ? 2 : 1))),
    types,
    names,
    type: [target.namespace, ...types].join('/'),
    typeAndName: [target.namespace, ...types.flatMap((t, i) => [t, names[i]!])].join('/'),
  };
}

/** For a POST to `{resource}/{action}`: the resource and the action name. */
export function actionTarget(target: ProviderPath): { readonly resource: ProviderPath; readonly action: string } | undefined {
  if (target.types.length < 2 || target.types.length !== target.names.length + 1) return undefined;
  const action = target.types[target.types.length - 1]!;
  const types = target.types.slice(0, -1);
  return {
    action,
    resource: {
      ...target,
      path: joinPath(splitPath(target.path).slice(0, -1)),
      types,
      type: [target.namespace, ...types].join('/'),
      typeAndName: [target.namespace, ...types.flatMap((t, i) => [t, target.names[i]!])].join('/'),
    },
  };
}
