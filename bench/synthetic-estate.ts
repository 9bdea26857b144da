import type { ArmResource } from '../src/model';

/** `n` workspaces, each with a linked storage account and one compute instance; half of them exposed. */
export function syntheticEstate(n: number, subscriptionId = 'b0b0b0b0-0000-4000-8000-000000000001'): ArmResource[] {
  const out: ArmResource[] = [];
  for (let i = 0; i < n; i++) {
    const rg = `/subscriptions/${subscriptionId}/resourceGroups/rg-team-${i % 10}`;
    const ws = `${rg}/providers/Microsoft.MachineLearningServices/workspaces/ws-${i}`;
    const st = `${rg}/providers/Microsoft.Storage/storageAccounts/st${i}`;
    const exposed = i % 2 === 0;
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
