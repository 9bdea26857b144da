import type { ArmResource } from '../../src/model';
import { workspace } from '../support/harness';
import { exampleResource } from '../support/fixtures';

const COMPUTE = 'arm-examples/machinelearningservices/2025-12-01/Compute/get';

/** A compute instance built on the official 2025-12-01 get example, moved under `workspaceId` with the given state / lastOperation. */
export function computeInstance(
  workspaceId: string,
  name: string,
  inner: { state?: string; lastOperation?: Record<string, unknown> | null; [key: string]: unknown },
): ArmResource {
  const base = exampleResource(`${COMPUTE}/ComputeInstance.json`);
  const props = (base.properties ?? {}) as Record<string, unknown>;
  const { lastOperation, ...rest } = inner;
  // the example's subnet id is a placeholder, not an ARM id: leave it out
  const { subnet: _subnet, ...baseInner } = props.properties as Record<string, unknown>;
  return {
    ...base,
    id: `${workspaceId}/computes/${name}`,
    name,
    properties: {
      ...props,
      properties: { ...baseInner, ...rest, ...(lastOperation ? { lastOperation } : {}) },
    },
  };
}

/** An AmlCompute cluster from the official get example, moved under `workspaceId`. */
export function cluster(workspaceId: string, name: string): ArmResource {
  const base = exampleResource(`${COMPUTE}/AmlCompute.json`);
  const props = (base.properties ?? {}) as Record<string, unknown>;
  const { subnet: _subnet, ...inner } = props.properties as Record<string, unknown>;
  return { ...base, id: `${workspaceId}/computes/${name}`, name, properties: { ...props, properties: inner } };
}

export function op(operationName: string, operationTime: string, operationStatus = 'Succeeded', operationTrigger = 'User'): Record<string, unknown> {
  return { operationName, operationTime, operationStatus, operationTrigger };
}

export { workspace };

/** `t - hours` as ISO. */
export function hoursBefore(t: Date, hours: number, extraMs = 0): string {
  return new Date(t.getTime() - hours * 3_600_000 + extraMs).toISOString();
}
