import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { API_VERSIONS } from '../../src/resources/api-versions';
import { createGuardContext, type GuardContext } from '../../src/engine';
import { guardConfigSchema, parseArmId, type ArmResource, type GuardConfig, type Rule } from '../../src/model';
import { isWriteRequest, startSandbox, USER_PRINCIPAL, type Sandbox, type SandboxOptions } from '../../src/sandbox';
import type { GuardStore } from '../../src/store';
import { testStore } from './store';

export interface Harness {
  readonly sandbox: Sandbox;
  readonly store: GuardStore;
  readonly ctx: GuardContext;
  /** An SDK client acting as a data scientist (USER_PRINCIPAL): their writes emit events. */
  userMl(subscriptionId: string): AzureMachineLearningWorkspaces;
  /** Non-GET requests the sandbox served since the last clearRequests(). */
  writes(): readonly { method: string; path: string; body: unknown }[];
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<SandboxOptions, 'estate'>> {
  readonly config?: Partial<GuardConfig>;
  readonly now?: Date;
  /** Restricts the catalog (tests of the engine's mechanics use one rule). */
  readonly rules?: readonly Rule[];
}

/** A sandbox ARM seeded with `estate`, a fresh store on the run's Azurite, and the engine wired over both. */
export async function startHarness(estate: readonly ArmResource[], options: HarnessOptions = {}): Promise<Harness> {
  const { config: configOverrides, now, rules, ...sandboxOptions } = options;
  const sandbox = await startSandbox({ estate, ...sandboxOptions });
  const store = await testStore();
  const config = guardConfigSchema.parse(configOverrides ?? {});
  const ctx = createGuardContext({
    arm: { endpoint: sandbox.endpoint, credential: sandbox.credential(), ca: sandbox.ca, pollIntervalMs: 5 },
    store,
    config,
    ...(now ? { clock: () => now } : {}),
    ...(rules ? { rules } : {}),
  });
  return {
    sandbox,
    store,
    ctx,
    userMl: (subscriptionId) =>
      new AzureMachineLearningWorkspaces(sandbox.credential(USER_PRINCIPAL), subscriptionId, {
        endpoint: sandbox.endpoint,
        apiVersion: API_VERSIONS.machineLearning,
        tlsOptions: { ca: sandbox.ca },
      }),
    writes: () => sandbox.requests.filter(isWriteRequest),
    close: () => sandbox.close(),
  };
}

/** A workspace in wire shape, with the given properties. */
export function workspace(subscriptionId: string, resourceGroup: string, name: string, properties: Record<string, unknown>): ArmResource {
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${name}`,
    name,
    type: 'Microsoft.MachineLearningServices/workspaces',
    location: 'westeurope',
    tags: { owner: 'ml-platform' },
    properties: { provisioningState: 'Succeeded', ...properties },
  };
}

export function rgAndName(id: string): [string, string] {
  const p = parseArmId(id);
  return [p.resourceGroup!, p.names[0]!];
}
