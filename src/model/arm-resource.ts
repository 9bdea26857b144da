import { z } from 'zod';
import { parseCanonicalArmId } from './arm-id';
import { isAboveSubscriptionResourceId } from './policy-set-definition-id';

/**
 * A resource exactly as ARM's GET returns it. Unknown fields are kept (loose):
 * rules read the properties they need through their own schemas. Its id is below a subscription,
 * but for the few resources above them AML Guard reads (built-in and management-group policy set
 * definitions, see policy-set-definition-id.ts).
 */
export const armResourceSchema = z.looseObject({
  id: z.string().superRefine((v, ctx) => {
    if (isAboveSubscriptionResourceId(v)) return;
    try {
      parseCanonicalArmId(v);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'not a valid ARM resource id' });
    }
  }),
  name: z.string().min(1),
  type: z.string().min(1),
  location: z.string().optional(),
  kind: z.string().optional(),
  tags: z.record(z.string(), z.string()).nullish(),
  sku: z.looseObject({}).nullish(),
  identity: z
    .looseObject({
      type: z.string().optional(),
      principalId: z.string().optional(),
      tenantId: z.string().optional(),
      userAssignedIdentities: z.record(z.string(), z.looseObject({ principalId: z.string().optional(), clientId: z.string().optional() }).nullable()).nullish(),
    })
    .nullish(),
  properties: z.record(z.string(), z.unknown()).nullish(),
  etag: z.string().optional(),
});
export type ArmResource = z.infer<typeof armResourceSchema>;

export const estateSchema = z.array(armResourceSchema);
export type Estate = ArmResource[];

/** Well-known resource types (lower case, as `resourceTypeOf` returns them). */
export const ResourceTypes = {
  workspace: 'microsoft.machinelearningservices/workspaces',
  compute: 'microsoft.machinelearningservices/workspaces/computes',
  onlineEndpoint: 'microsoft.machinelearningservices/workspaces/onlineendpoints',
  storageAccount: 'microsoft.storage/storageaccounts',
  keyVault: 'microsoft.keyvault/vaults',
  containerRegistry: 'microsoft.containerregistry/registries',
  nsg: 'microsoft.network/networksecuritygroups',
  publicIp: 'microsoft.network/publicipaddresses',
  nic: 'microsoft.network/networkinterfaces',
  virtualNetwork: 'microsoft.network/virtualnetworks',
  subnet: 'microsoft.network/virtualnetworks/subnets',
  privateEndpoint: 'microsoft.network/privateendpoints',
  privateDnsZoneGroup: 'microsoft.network/privateendpoints/privatednszonegroups',
  roleAssignment: 'microsoft.authorization/roleassignments',
  onlineDeployment: 'microsoft.machinelearningservices/workspaces/onlineendpoints/deployments',
  environmentVersion: 'microsoft.machinelearningservices/workspaces/environments/versions',
  mlRegistry: 'microsoft.machinelearningservices/registries',
  workspaceConnection: 'microsoft.machinelearningservices/workspaces/connections',
  diagnosticSetting: 'microsoft.insights/diagnosticsettings',
  budget: 'microsoft.consumption/budgets',
  policyAssignment: 'microsoft.authorization/policyassignments',
  policySetDefinition: 'microsoft.authorization/policysetdefinitions',
  managedCluster: 'microsoft.containerservice/managedclusters',
  /** Scopes judged as subjects (AML-GOV-002/003): `resourceTypeOf` returns '' for their ids. */
  resourceGroup: 'microsoft.resources/resourcegroups',
  subscription: 'microsoft.resources/subscriptions',
} as const;
