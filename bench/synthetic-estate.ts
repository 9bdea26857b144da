import type { ArmResource } from '../src/model';

/** The i-th subscription of a synthetic estate. */
export function syntheticSubscription(i: number): string {
  return `b0b0b0b0-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
}

/**
 * `n` workspaces spread evenly over `subscriptions` subscriptions, each with a linked storage
 * account and one compute instance; one in every `exposedEvery` (default 2: half) exposed, none with 0.
 */
export function syntheticEstate(n: number, subscriptions = 1, options: { readonly exposedEvery?: number } = {}): ArmResource[] {
  const out: ArmResource[] = [];
  const every = options.exposedEvery ?? 2;
  for (let i = 0; i < n; i++) {
    const subscriptionId = syntheticSubscription(i % subscriptions);
    const rg = `/subscriptions/${subscriptionId}/resourceGroups/rg-team-${i % 10}`;
    const ws = `${rg}/providers/Microsoft.MachineLearningServices/workspaces/ws-${i}`;
    const st = `${rg}/providers/Microsoft.Storage/storageAccounts/st${i}`;
    const exposed = every > 0 && i % every === 0;
    out.push({
      id: ws,
      name: `ws-${i}`,
      type: 'Microsoft.MachineLearningServices/workspaces',
      location: 'westeurope',
      tags: { owner: 'team' },
      identity: { type: 'SystemAssigned', principalId: `c0c0c0c0-0000-4000-8000-${String(i).padStart(12, '0')}` },
      properties: { publicNetworkAccess: exposed ? 'Enabled' : 'Disabled', storageAccount: st, provisioningState: 'Succeeded' },
    });
    out.push({
      id: st,
      name: `st${i}`,
      type: 'Microsoft.Storage/storageAccounts',
      location: 'westeurope',
      tags: { owner: 'team' },
      kind: 'StorageV2',
      properties: { publicNetworkAccess: exposed ? 'Enabled' : 'Disabled', allowSharedKeyAccess: false, networkAcls: { defaultAction: 'Deny' } },
    });
    out.push({
      id: `${ws}/computes/ci-${i}`,
      name: `ci-${i}`,
      type: 'Microsoft.MachineLearningServices/workspaces/computes',
      location: 'westeurope',
      properties: {
        computeType: 'ComputeInstance',
        disableLocalAuth: true,
        properties: {
          state: 'Running',
          enableNodePublicIp: exposed,
          idleTimeBeforeShutdown: 'PT2H',
          sshSettings: { sshPublicAccess: 'Disabled' },
          lastOperation: { operationName: 'Start', operationTime: '2026-11-24T08:00:00Z', operationStatus: 'Succeeded' },
        },
      },
    });
  }
  return out;
}
