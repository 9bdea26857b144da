import { tryParseArmId, type ArmResource } from '../../model';
import { ArmError, invalidRequestContent, methodNotAllowed, resourceNotFound } from '../arm-error';
import { isJsonObject } from '../merge-patch';
import type { ProviderPath } from '../route';
import { findResourceGroup } from '../scopes';
import type { Reply, RequestContext, SandboxState } from './context';
import { requireObject, validResource } from './resource-body';
import { runWrite } from './run-write';

/**
 * The Tags API at a scope: `{scope}/providers/Microsoft.Resources/tags/default` (Tags_GetAtScope,
 * _CreateOrUpdateAtScope, _UpdateAtScope, _DeleteAtScope) on a resource or a resource group.
 * PATCH takes `{ operation: Merge | Replace | Delete, properties: { tags } }`: Merge adds or
 * updates the given names only, Delete removes the given names (when a value is given, only if it
 * matches). Tag names compare case-insensitively, as in ARM. Synchronous here (200).
 */
export function isTagsAtScope(target: ProviderPath): boolean {
  return target.namespace.toLowerCase() === 'microsoft.resources' && target.types.length === 1 && target.types[0]!.toLowerCase() === 'tags' && target.names[0]!.toLowerCase() === 'default';
}

type Tags = Record<string, string>;

export function handleTagsAtScope(state: SandboxState, ctx: RequestContext, target: ProviderPath): Reply {
  const owner = () => scopeObject(state, target);
  const reply = (r: ArmResource): Reply => ({ status: 200, body: tagsResource(target, r.tags ?? {}) });
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return reply(owner());
  let next: (current: Tags) => Tags;
  if (ctx.method === 'PUT') {
    const given = tagsOf(requireObject(ctx.body));
    next = () => given;
  } else if (ctx.method === 'PATCH') {
    const body = requireObject(ctx.body);
    const given = tagsOf(body);
    const operation = typeof body.operation === 'string' ? body.operation.toLowerCase() : '';
    if (operation === 'merge') next = (current) => merge(current, given);
    else if (operation === 'replace') next = () => given;
    else if (operation === 'delete') next = (current) => remove(current, given);
    else throw invalidRequestContent(`operation must be Merge, Replace or Delete, not ${JSON.stringify(body.operation ?? null)}.`);
  } else if (ctx.method === 'DELETE') {
    next = () => ({});
  } else throw methodNotAllowed(ctx.method, target.path);
  owner(); // 404 before anything else when the scope does not exist
  return runWrite(state, ctx, {
    kind: ctx.method === 'DELETE' ? 'delete' : 'write',
    subject: target.path,
    subscriptionId: target.subscriptionId,
    apply: () => {
      const current = owner();
      const updated = validResource({ ...current, tags: next(current.tags ?? {}) });
      state.store.put(updated);
      return ctx.method === 'DELETE' ? { status: 200 } : reply(updated);
    },
  });
}

/** The resource or resource group the tags belong to; subscription tags are not modelled. */
function scopeObject(state: SandboxState, target: ProviderPath): ArmResource {
  const scope = tryParseArmId(target.scope);
  if (!scope || (scope.resourceGroup === undefined && scope.provider === undefined)) {
    throw new ArmError(400, 'UnsupportedScope', `The sandbox keeps tags on resources and resource groups only, not on '${target.scope}'.`);
  }
  const found = scope.provider === undefined ? findResourceGroup(state.store, scope.subscriptionId, scope.resourceGroup!) : state.store.get(target.scope);
  if (!found) throw resourceNotFound(target.scope, scope.resourceGroup);
  return found;
}

function tagsOf(body: Record<string, unknown>): Tags {
  const properties = body.properties;
  const tags = isJsonObject(properties) ? properties.tags : undefined;
  if (tags === undefined || tags === null) return {};
  if (!isJsonObject(tags) || Object.values(tags).some((v) => typeof v !== 'string')) throw invalidRequestContent('properties.tags must map names to string values.');
  return tags as Tags;
}

function merge(current: Tags, given: Tags): Tags {
  const out: Tags = { ...current };
  for (const [name, value] of Object.entries(given)) {
    for (const existing of Object.keys(out)) if (existing.toLowerCase() === name.toLowerCase()) delete out[existing];
    out[name] = value;
  }
  return out;
}

function remove(current: Tags, given: Tags): Tags {
  const out: Tags = { ...current };
  for (const [name, value] of Object.entries(given)) {
    for (const existing of Object.keys(out)) if (existing.toLowerCase() === name.toLowerCase() && (value === '' || out[existing] === value)) delete out[existing];
  }
  return out;
}

function tagsResource(target: ProviderPath, tags: Tags) {
  return { id: target.path, name: 'default', type: 'Microsoft.Resources/tags', properties: { tags } };
}
