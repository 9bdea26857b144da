import type { ArmConnection } from './connection';

/** LRO poll interval: ARM's Retry-After wins when present; this is the floor between polls. */
export function pollInterval(connection: ArmConnection): number {
  return connection.pollIntervalMs ?? 2000;
}
