import type { ArmResource, JsonValue } from '../../model';
import { ArmError, methodNotAllowed } from '../arm-error';
import { embeddedIndex, type JsonRecord } from '../embedded';
import { mergePatch } from '../merge-patch';
import type { ProviderPath } from '../route';
import type { ResourceStore } from '../store';
import type { Reply, RequestContext, SandboxState } from './context';
import { locate, type EmbeddedSlot } from './locate';
import { isLongRunningType, pollingTypesFor } from './long-running';
import { buildElement, buildResource, requireObject, validResource } from './resource-body';
import { regionOf, runWrite, type PlannedWrite } from './run-write';

/** PUT, PATCH or DELETE of a resource or of an element embedded in its parent. */
export function handleResourceWrite(state: SandboxState, ctx: RequestContext, target: ProviderPath): Reply {
  const plan = ctx.method === 'PUT' ? planPut(state.store, ctx, target) : ctx.method === 'PATCH' ? planPatch(state.store, ctx, target) : planDelete(state.store, target);
  return plan ? runWrite(state, ctx, plan) : { status: 204 };
}

function longRunning(target: ProviderPath, initial: Reply, location: unknown): PlannedWrite['longRunning'] {
  return isLongRunningType(target.type) ? { initial, namespace: target.namespace, location: regionOf(location), polling: pollingTypesFor(target.type) } : undefined;
}

/**
 * Types whose PUT answers 200 when it creates, as their REST specs declare (no 201): diagnostic
 * settings (Azure/azure-rest-api-specs, monitor DiagnosticSettings_CreateOrUpdate). An SDK
 * refuses the 201 other types answer. Lower case.
 */
const CREATE_ANSWERS_200 = new Set(['microsoft.insights/diagnosticsettings']);

function createdStatus(target: ProviderPath): 200 | 201 {
  return CREATE_ANSWERS_200.has(target.type.toLowerCase()) ? 200 : 201;
}

function planPut(store: ResourceStore, ctx: RequestContext, target: ProviderPath): PlannedWrite {
  const body = requireObject(ctx.body);
  const found = locate(store, target);
  const base = { kind: 'write' as const, subject: target.path, subscriptionId: target.subscriptionId };
  const slot = found.kind === 'embedded' ? found.slot : found.kind === 'missing' ? found.slot : undefined;
  if (slot) {
    if (!slot.writable) throw methodNotAllowed('PUT', target.path);
    return { ...base, apply: () => putElement(store, target, slot, body) };
  }
  if (found.kind === 'missing' && found.createError) throw found.createError;
  const existing = found.kind === 'resource' ? found.resource : undefined;
  const preview = buildResource(target, body, existing, existing ? 'Updating' : 'Creating');
  return {
    ...base,
    apply: () => {
      const current = store.get(target.path);
      const resource = buildResource(target, body, current, 'Succeeded');
      const outcome = store.put(resource);
      return { status: outcome === 'created' ? createdStatus(target) : 200, body: resource };
    },
    longRunning: longRunning(target, { status: existing ? 200 : createdStatus(target), body: preview }, preview.location),
  };
}

function putElement(store: ResourceStore, target: ProviderPath, slot: EmbeddedSlot, body: JsonRecord): Reply {
  const parent = currentParent(store, slot);
  const properties: JsonRecord = { ...(parent.properties ?? {}) };
  const list = Array.isArray(properties[slot.property]) ? [...(properties[slot.property] as unknown[])] : [];
  const index = embeddedIndex(parent, slot.property, slot.name);
  const existing = index >= 0 ? (list[index] as JsonRecord) : undefined;
  const element = buildElement(`${parent.id}/${slot.property}`, slot.name, body, existing);
  if (index >= 0) list[index] = element;
  else list.push(element);
  properties[slot.property] = list;
  store.put(validResource({ ...parent, properties }));
  return { status: index >= 0 ? 200 : 201, body: element };
}

function planPatch(store: ResourceStore, ctx: RequestContext, target: ProviderPath): PlannedWrite {
  const patch = requireObject(ctx.body) as JsonValue;
  const found = locate(store, target);
  if (found.kind === 'missing') throw found.error;
  const base = { kind: 'write' as const, subject: target.path, subscriptionId: target.subscriptionId };
  if (found.kind === 'embedded') {
    const slot = found.slot;
    return {
      ...base,
      apply: () => {
        const parent = currentParent(store, slot);
        const index = embeddedIndex(parent, slot.property, slot.name);
        if (index < 0) throw new ArmError(404, 'NotFound', `Resource ${target.path} not found.`);
        const list = [...(parent.properties![slot.property] as JsonRecord[])];
        const merged = { ...(mergePatch(list[index], patch) as JsonRecord), id: list[index]!.id, name: list[index]!.name };
        list[index] = merged;
        store.put(validResource({ ...parent, properties: { ...parent.properties, [slot.property]: list } }));
        return { status: 200, body: merged };
      },
    };
  }
  return {
    ...base,
    apply: () => {
      const current = store.get(target.path);
      if (!current) throw new ArmError(404, 'ResourceNotFound', `The Resource '${target.typeAndName}' was deleted while the operation ran.`);
      const merged = mergePatch(current, patch) as JsonRecord;
      const resource = validResource({ ...merged, id: current.id, name: current.name, type: current.type });
      store.put(resource);
      return { status: 200, body: resource };
    },
    longRunning: longRunning(target, { status: 202 }, found.resource.location),
  };
}

function planDelete(store: ResourceStore, target: ProviderPath): PlannedWrite | undefined {
  const found = locate(store, target);
  if (found.kind === 'missing') return undefined;
  const base = { kind: 'delete' as const, subject: target.path, subscriptionId: target.subscriptionId };
  if (found.kind === 'embedded') {
    const slot = found.slot;
    if (!slot.writable) throw methodNotAllowed('DELETE', target.path);
    return {
      ...base,
      apply: () => {
        const parent = store.get(slot.parent.id);
        const index = parent ? embeddedIndex(parent, slot.property, slot.name) : -1;
        if (parent && index >= 0) {
          const list = (parent.properties![slot.property] as unknown[]).filter((_, i) => i !== index);
          store.put(validResource({ ...parent, properties: { ...parent.properties, [slot.property]: list } }));
        }
        return { status: 200 };
      },
    };
  }
  return {
    ...base,
    apply: () => {
      store.delete(target.path);
      return { status: 200 };
    },
    longRunning: longRunning(target, { status: 202 }, found.resource.location),
  };
}

function currentParent(store: ResourceStore, slot: EmbeddedSlot): ArmResource {
  const parent = store.get(slot.parent.id);
  if (!parent) throw new ArmError(404, 'ParentResourceNotFound', `Parent resource '${slot.parent.id}' was deleted.`);
  return parent;
}
