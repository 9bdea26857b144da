import { describe, expect, it } from 'vitest';
import { armActionFor, armScopeFor } from '../../src/sandbox';

const S = '/subscriptions/00000000-1111-2222-3333-444444444444';
const RG = `${S}/resourceGroups/rg1`;
const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/w1`;
const NSG = `${RG}/providers/Microsoft.Network/networkSecurityGroups/n1`;

describe('armActionFor', () => {
  it.each([
    ['GET', '/subscriptions', 'Microsoft.Resources/subscriptions/read'],
    ['GET', S, 'Microsoft.Resources/subscriptions/read'],
    ['GET', `${S}/resourcegroups`, 'Microsoft.Resources/subscriptions/resourceGroups/read'],
    ['GET', RG, 'Microsoft.Resources/subscriptions/resourceGroups/read'],
    ['HEAD', `${S}/resourcegroups/rg1`, 'Microsoft.Resources/subscriptions/resourceGroups/read'],
    ['PUT', RG, 'Microsoft.Resources/subscriptions/resourceGroups/write'],
    ['DELETE', RG, 'Microsoft.Resources/subscriptions/resourceGroups/delete'],
    ['GET', `${S}/resources`, 'Microsoft.Resources/subscriptions/resources/read'],
    ['GET', `${RG}/resources?$filter=x`, 'Microsoft.Resources/subscriptions/resourceGroups/resources/read'],
    ['GET', WS, 'Microsoft.MachineLearningServices/workspaces/read'],
    ['GET', `${S}/providers/Microsoft.MachineLearningServices/workspaces`, 'Microsoft.MachineLearningServices/workspaces/read'],
    ['GET', `${RG}/providers/Microsoft.MachineLearningServices/workspaces?api-version=2025-12-01`, 'Microsoft.MachineLearningServices/workspaces/read'],
    ['PUT', WS, 'Microsoft.MachineLearningServices/workspaces/write'],
    ['PATCH', WS, 'Microsoft.MachineLearningServices/workspaces/write'],
    ['DELETE', WS, 'Microsoft.MachineLearningServices/workspaces/delete'],
    ['GET', `${WS}/computes`, 'Microsoft.MachineLearningServices/workspaces/computes/read'],
    ['GET', `${WS}/computes/c1`, 'Microsoft.MachineLearningServices/workspaces/computes/read'],
    ['POST', `${WS}/computes/c1/stop`, 'Microsoft.MachineLearningServices/workspaces/computes/stop/action'],
    ['POST', `${WS}/computes/c1/start?api-version=2025-12-01`, 'Microsoft.MachineLearningServices/workspaces/computes/start/action'],
    ['POST', `${WS}/computes/c1/restart`, 'Microsoft.MachineLearningServices/workspaces/computes/restart/action'],
    ['POST', `${WS}/computes/c1/updateIdleShutdownSetting`, 'Microsoft.MachineLearningServices/workspaces/computes/updateIdleShutdownSetting/action'],
    ['PUT', `${WS}/onlineEndpoints/e1`, 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/write'],
    ['GET', NSG, 'Microsoft.Network/networkSecurityGroups/read'],
    ['PUT', NSG, 'Microsoft.Network/networkSecurityGroups/write'],
    ['GET', `${NSG}/securityRules/r1`, 'Microsoft.Network/networkSecurityGroups/securityRules/read'],
    ['DELETE', `${NSG}/securityRules/r1`, 'Microsoft.Network/networkSecurityGroups/securityRules/delete'],
    ['PUT', `${RG}/providers/Microsoft.Network/networkInterfaces/nic1`, 'Microsoft.Network/networkInterfaces/write'],
    ['GET', `${RG}/providers/Microsoft.Network/virtualNetworks/v/subnets/s`, 'Microsoft.Network/virtualNetworks/subnets/read'],
    ['GET', `${S}/providers/Microsoft.MachineLearningServices/locations/eastus/operationStatuses/op1`, 'Microsoft.MachineLearningServices/locations/operationStatuses/read'],
    ['GET', `${S}/providers/Microsoft.MachineLearningServices/locations/eastus/operationResults/op1`, 'Microsoft.MachineLearningServices/locations/operationResults/read'],
    // the polling URLs the ML provider (and the sandbox) hand out, named as its operations list names them
    ['GET', `${S}/providers/Microsoft.MachineLearningServices/locations/eastus/workspaceOperationsStatus/op1?api-version=x&type=location`, 'Microsoft.MachineLearningServices/locations/workspaceOperationsStatus/read'],
    ['GET', `${S}/providers/microsoft.machinelearningservices/locations/eastus/computeoperationsstatus/op1`, 'Microsoft.MachineLearningServices/locations/computeOperationsStatus/read'],
    ['GET', `${S}/providers/Microsoft.MachineLearningServices/locations/eastus/mfeOperationsStatus/op1`, 'Microsoft.MachineLearningServices/locations/mfeOperationsStatus/read'],
    ['GET', `${S}/providers/Microsoft.MachineLearningServices/locations/eastus/mfeOperationResults/op1`, 'Microsoft.MachineLearningServices/locations/mfeOperationResults/read'],
    ['GET', `${S}/providers/Microsoft.Authorization/roleAssignments`, 'Microsoft.Authorization/roleAssignments/read'],
    ['GET', `${WS}/providers/Microsoft.Authorization/roleAssignments?$filter=atScope()`, 'Microsoft.Authorization/roleAssignments/read'],
    ['PUT', `${WS}/providers/Microsoft.Authorization/roleAssignments/0b5fe924-9a61-425c-96af-cfe6e287ca2d`, 'Microsoft.Authorization/roleAssignments/write'],
    ['DELETE', `${RG}/providers/Microsoft.Authorization/roleAssignments/0b5fe924-9a61-425c-96af-cfe6e287ca2d`, 'Microsoft.Authorization/roleAssignments/delete'],
    ['POST', `${S}/providers/Microsoft.MachineLearningServices/register`, 'Microsoft.MachineLearningServices/register/action'],
    ['GET', `${S}/providers/Microsoft.Network`, 'Microsoft.Resources/subscriptions/providers/read'],
    ['POST', `${RG}/providers/Microsoft.Storage/storageAccounts/sa1/listKeys`, 'Microsoft.Storage/storageAccounts/listKeys/action'],
    ['POST', `${RG}/exportTemplate`, 'Microsoft.Resources/subscriptions/resourceGroups/exportTemplate/action'],
  ])('%s %s -> %s', (method, path, action) => {
    expect(armActionFor(method, path)).toBe(action);
  });

  it('spells known namespaces and types canonically whatever the request casing', () => {
    const lower = `${S}/resourcegroups/RG1/providers/microsoft.network/networksecuritygroups/n1/securityrules/r1`;
    expect(armActionFor('delete', lower)).toBe('Microsoft.Network/networkSecurityGroups/securityRules/delete');
    expect(armActionFor('post', `${WS.toLowerCase()}/computes/c1/STOP`)).toBe('Microsoft.MachineLearningServices/workspaces/computes/stop/action');
  });

  it('keeps unknown words as given and accepts absolute URLs', () => {
    expect(armActionFor('GET', `https://management.azure.com${RG}/providers/Contoso.Widgets/gadgets/g1/parts/p1?api-version=1`)).toBe('Contoso.Widgets/gadgets/parts/read');
  });
});

describe('armScopeFor', () => {
  it('is the path without the query, and without the action segment for POST', () => {
    expect(armScopeFor('GET', `${WS}?api-version=x`)).toBe(WS);
    expect(armScopeFor('POST', `${WS}/computes/c1/stop?api-version=x`)).toBe(`${WS}/computes/c1`);
    expect(armScopeFor('GET', `${WS}/computes`)).toBe(`${WS}/computes`);
  });
});
