import type { ArmResource } from '../../model';
import { ArmError, invalidRequestContent } from '../arm-error';
import type { JsonRecord } from '../embedded';
import { isJsonObject } from '../merge-patch';
import type { ProviderPath } from '../route';
import type { ResourceStore } from '../store';
import { requireObject, validResource } from './resource-body';
import { pollingTypesFor } from './long-running';
import { regionOf, type PlannedWrite } from './run-write';

export type ActionPlanner = (store: ResourceStore, target: ProviderPath, resource: ArmResource, body: unknown) => PlannedWrite;

const ISO_DURATION = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

function requireComputeInstance(resource: ArmResource, action: string): void {
  const type = resource.properties?.computeType;
  if (type !== undefined && type !== 'ComputeInstance') {
    throw new ArmError(400, 'BadRequest', `${action} is supported only for compute instances; '${resource.name}' is a ${String(type)}.`);
  }
}

/** Changes `properties.properties` of the compute as it is now; throws 404 if it was deleted meanwhile. */
function updateInner(store: ResourceStore, target: ProviderPath, change: (inner: JsonRecord) => void): ArmResource {
  const current = store.get(target.path);
  if (!current) throw new ArmError(404, 'ResourceNotFound', `The Resource '${target.typeAndName}' was deleted while the operation ran.`);
  const properties: JsonRecord = { ...(current.properties ?? {}) };
  const inner: JsonRecord = isJsonObject(properties.properties) ? { ...properties.properties } : {};
  change(inner);
  properties.properties = inner;
  const next = validResource({ ...current, properties });
  store.put(next);
  return next;
}

/** stop / start / restart: long-running; on completion sets `state` and `lastOperation`. */
export function powerAction(operationName: 'Stop' | 'Start' | 'Restart', state: 'Stopped' | 'Running'): ActionPlanner {
  return (store, target, resource) => {
    requireComputeInstance(resource, operationName);
    return {
      kind: 'action',
      subject: target.path,
      subscriptionId: target.subscriptionId,
      apply: () => {
        updateInner(store, target, (inner) => {
          inner.state = state;
          inner.lastOperation = { operationName, operationTime: new Date().toISOString(), operationStatus: 'Succeeded', operationTrigger: 'User' };
        });
        return { status: 200 };
      },
      longRunning: { initial: { status: 202 }, namespace: target.namespace, location: regionOf(resource.location), polling: pollingTypesFor(target.type) },
    };
  };
}

/** updateIdleShutdownSetting: synchronous 200 with no body (as the 2025-12-01 example); sets `idleTimeBeforeShutdown`. */
export const updateIdleShutdownSetting: ActionPlanner = (store, target, resource, body) => {
  requireComputeInstance(resource, 'updateIdleShutdownSetting');
  const value = requireObject(body).idleTimeBeforeShutdown;
  if (typeof value !== 'string' || !ISO_DURATION.test(value)) {
    throw invalidRequestContent(`idleTimeBeforeShutdown must be an ISO 8601 duration such as PT30M, got ${JSON.stringify(value ?? null)}.`);
  }
  return {
    kind: 'action',
    subject: target.path,
    subscriptionId: target.subscriptionId,
    apply: () => {
      updateInner(store, target, (inner) => {
        inner.idleTimeBeforeShutdown = value;
      });
      return { status: 200 };
    },
  };
};
