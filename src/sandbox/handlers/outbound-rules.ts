import { ArmError, methodNotAllowed, resourceNotFound } from '../arm-error';
import { parentOf, type ProviderPath } from '../route';
import type { Reply, RequestContext, SandboxState } from './context';
import { pollingTypesFor } from './long-running';
import { requireObject, validResource } from './resource-body';
import { regionOf, runWrite } from './run-write';
import { paginate } from '../paging';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `.../workspaces/{w}/outboundRules[/{rule}]`: a workspace managed network's outbound rules. */
export function isOutboundRulePath(target: ProviderPath): boolean {
  const types = target.types.map((t) => t.toLowerCase());
  return target.namespace.toLowerCase() === 'microsoft.machinelearningservices' && types.length === 2 && types[0] === 'workspaces' && types[1] === 'outboundrules';
}

function rulesOf(workspace: { properties?: Json | null }): Json {
  const network = workspace.properties?.managedNetwork;
  return isRecord(network) && isRecord(network.outboundRules) ? network.outboundRules : {};
}

/** A rule as ManagedNetworkSettingsRule_Get returns it (official getRule example): the embedded value under `properties`. */
function asResource(workspaceId: string, name: string, rule: unknown): Json {
  return { id: `${workspaceId}/outboundRules/${name}`, name, type: 'Microsoft.MachineLearningServices/workspaces/outboundRules', properties: rule };
}

/**
 * The outbound rules ARM embeds in the workspace as a map (`properties.managedNetwork.outboundRules`,
 * keyed by rule name) and serves as children: list, GET, PUT and DELETE (long-running, polled
 * like the workspace). Writes change the workspace's map and emit the rule's event.
 */
export function handleOutboundRule(state: SandboxState, ctx: RequestContext, target: ProviderPath): Reply {
  const isCollection = target.types.length !== target.names.length;
  const workspacePath = parentOf(target)!.path;
  const workspace = state.store.get(workspacePath);
  if (!workspace) throw resourceNotFound(parentOf(target)!.typeAndName, target.resourceGroup);
  const rules = rulesOf(workspace);
  if (isCollection) {
    if (ctx.method !== 'GET') throw methodNotAllowed(ctx.method, target.path);
    return { status: 200, body: paginate(Object.entries(rules).map(([n, r]) => asResource(workspace.id, n, r)), ctx.url, state.pageSize) };
  }
  const requested = target.names[target.names.length - 1]!;
  const name = Object.keys(rules).find((k) => k.toLowerCase() === requested.toLowerCase());
  const notFound = () => new ArmError(404, 'NotFound', `Outbound rule ${requested} of ${workspace.name} not found.`);
  if (ctx.method === 'GET' || ctx.method === 'HEAD') {
    if (name === undefined) throw notFound();
    return { status: 200, body: asResource(workspace.id, name, rules[name]) };
  }
  if (ctx.method !== 'PUT' && ctx.method !== 'DELETE') throw methodNotAllowed(ctx.method, target.path);
  if (ctx.method === 'DELETE' && name === undefined) return { status: 204 };
  const body = ctx.method === 'PUT' ? requireObject(ctx.body) : undefined;
  const key = name ?? requested;
  const apply = (): Reply => {
    const current = state.store.get(workspace.id);
    if (!current) throw resourceNotFound(parentOf(target)!.typeAndName, target.resourceGroup);
    const next: Json = { ...rulesOf(current) };
    if (body) next[key] = isRecord(body.properties) ? body.properties : {};
    else delete next[key];
    const network = isRecord(current.properties?.managedNetwork) ? current.properties.managedNetwork : {};
    state.store.put(validResource({ ...current, properties: { ...current.properties, managedNetwork: { ...network, outboundRules: next } } }));
    return body ? { status: 200, body: asResource(current.id, key, next[key]) } : { status: 200 };
  };
  return runWrite(state, ctx, {
    kind: ctx.method === 'PUT' ? 'write' : 'delete',
    subject: target.path,
    subscriptionId: target.subscriptionId,
    apply,
    longRunning: { initial: { status: 202 }, namespace: target.namespace, location: regionOf(workspace.location), polling: pollingTypesFor('microsoft.machinelearningservices/workspaces') },
  });
}
