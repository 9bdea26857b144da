import type { JsonValue } from '../../model';
import { resourceGroupNotFound } from '../arm-error';
import { type JsonRecord } from '../embedded';
import { mergePatch } from '../merge-patch';
import { findResourceGroup, resourceGroupId, RESOURCE_GROUP_TYPE } from '../scopes';
import type { Reply, RequestContext, SandboxState } from './context';
import { requireObject, validResource } from './resource-body';
import { runWrite, type PlannedWrite } from './run-write';

/** PUT / PATCH / DELETE of `/subscriptions/{s}/resourceGroups/{rg}` (synchronous, unlike ARM's DELETE). */
export function handleResourceGroupWrite(state: SandboxState, ctx: RequestContext, subscriptionId: string, resourceGroup: string, path: string): Reply {
  const store = state.store;
  const existing = findResourceGroup(store, subscriptionId, resourceGroup);
  const base = { subject: path, subscriptionId };
  let plan: PlannedWrite;
  if (ctx.method === 'DELETE') {
    if (!existing) return { status: 204 };
    plan = { ...base, kind: 'delete', apply: () => (store.delete(existing.id), { status: 200 }) };
  } else if (ctx.method === 'PUT') {
    const body = requireObject(ctx.body);
    plan = {
      ...base,
      kind: 'write',
      apply: () => {
        const current = findResourceGroup(store, subscriptionId, resourceGroup);
        const rg = validResource({
          id: current?.id ?? resourceGroupId(subscriptionId, resourceGroup),
          name: current?.name ?? resourceGroup,
          type: RESOURCE_GROUP_TYPE,
          location: typeof body.location === 'string' ? body.location : (current?.location ?? 'eastus'),
          tags: body.tags ?? {},
          ...(typeof body.managedBy === 'string' ? { managedBy: body.managedBy } : {}),
          properties: { provisioningState: 'Succeeded' },
        });
        const created = store.get(rg.id) === undefined;
        store.put(rg);
        return { status: created ? 201 : 200, body: rg };
      },
    };
  } else {
    if (!existing) throw resourceGroupNotFound(resourceGroup);
    const patch = requireObject(ctx.body) as JsonValue;
    plan = {
      ...base,
      kind: 'write',
      apply: () => {
        const current = findResourceGroup(store, subscriptionId, resourceGroup);
        if (!current) throw resourceGroupNotFound(resourceGroup);
        const merged = mergePatch(current, patch) as JsonRecord;
        const rg = validResource({ ...merged, id: current.id, name: current.name, type: current.type });
        store.put(rg);
        return { status: 200, body: rg };
      },
    };
  }
  return runWrite(state, ctx, plan);
}
