/**
 * The "exposed estate" (examples/exposed-estate.json): two subscriptions of Contoso's ML teams
 * in which every rule of the catalog fires on purpose, beside look-alike resources it must leave
 * alone. Each resource starts from the official ARM example of its type (test/fixtures/
 * arm-examples, wire shape as ARM's GET returns it), with the example's placeholders replaced by
 * realistic values. Regenerate with `npx tsx scripts/generate-exposed-estate.ts`;
 * test/cli/exposures.test.ts checks the committed file is what this builds.
 *
 * Subscription "ml-research" (SUB_RESEARCH):
 *   rg-research      team research: ws-research-public (public, no private endpoint, no managed network)
 *                    with stresearch (public, shared keys) and kv-research (public); instance
 *                    ci-research-alice (public IP, public SSH, no subnet).
 *   rg-vision        team vision: ws-vision (private behind a VNet, but allowPublicAccessWhenBehindVnet
 *                    and a private endpoint without DNS zone group) with stvision, kv-vision (no owner
 *                    tag); instances ci-vision-carol (no idle shutdown; idle at IDLE_NOW) and
 *                    ci-vision-dave (old OS image), cluster cc-vision-gpu (local auth, Contributor on
 *                    the subscription, 16 nodes in a /28); online endpoints ep-vision-scoring (public)
 *                    and ep-vision-batch (private); the team's jumpbox NIC with a public IP in the
 *                    training subnet.
 *   rg-ml-platform   team platform: crmlplatform (shared registry, admin user on), vnet-ml-research
 *                    (snet-pe, snet-training /28), nsg-training (SSH from the internet, and the
 *                    AzureMachineLearning service-tag rule), nsg-pe.
 *   + a user (Dana) who is Owner of the subscription, and ws-vision's identity as Reader.
 * Subscription "ml-prod" (SUB_PROD), all compliant or not AML's:
 *   rg-fraud         team fraud: ws-fraud-private (managed network, approved private endpoint with a
 *                    DNS zone group), its private storage / vault / registry, instance ci-fraud-erin,
 *                    endpoint ep-fraud-scoring (private), nsg-fraud-pe.
 *   rg-archive       starchive: public, shared keys, no owner tag, but no workspace links it.
 *   rg-web           a web VM's NIC with a public IP, in a subnet whose NSG allows SSH from the
 *                    internet: nothing of Azure ML's.
 *
 * Issue 12's guardrails (supply chain, outbound, endpoints, governance), exposure | look-alike:
 *   AML-SUP-001/002, END-003  ep-vision-scoring/blue serves a HuggingFace-registry model on the
 *                    docker.io `:latest` environment tf-serving:3 with a literal OPENAI_API_KEY |
 *                    ep-fraud-scoring/blue: an `azureml` registry model, a digest-pinned MCR image,
 *                    egress Disabled, a Key Vault reference.
 *   AML-SUP-002      ci-vision-dave runs a privileged RStudio from ghcr.io `:latest` | ci-fraud-erin none.
 *   AML-SUP-003      crmlplatform allows anonymous pull (fixed) and export (reported) | crfraud neither.
 *   AML-SUP-004      ML registry mlr-research is public (fixed) | mlr-fraud is private.
 *   AML-NET-004      ws-vision's managed network has a private endpoint rule to a storage account in
 *                    a subscription outside the estate | ws-fraud's pypi.org, *.pythonhosted.org,
 *                    *.anaconda.org rules (Microsoft's recommended ones).
 *   AML-NET-005      nsg-training denies Storage outbound ahead of any Allow (its Deny-Internet rule,
 *                    placed after Allows of the service tags Azure ML needs, is fine).
 *   AML-END-002      ep-vision-scoring authenticates with keys | ep-fraud-scoring with AADToken.
 *   AML-END-004      AKS compute aks-vision on a public cluster with a public load balancer |
 *                    aks-fraud: private cluster, internal load balancer.
 *   AML-WS-006       ws-vision's PAT connection shared to all, ws-research's system datastores on
 *                    the storage key | ws-fraud's ManagedIdentity connection.
 *   AML-WS-007       ws-research and ws-vision send no audit logs | ws-fraud has a diagnostic setting.
 *   AML-GOV-002      rg-research has no budget | rg-vision has its own, rg-fraud its subscription's.
 *   AML-GOV-003      ml-research has no workspace public-access policy | ml-prod has the built-in assigned.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

type Json = Record<string, unknown>;

const EXAMPLES = path.resolve(__dirname, '../test/fixtures/arm-examples');

/** The 200 response body of an official example, as a fresh copy. */
function example(file: string): Json {
  const parsed = JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as { responses: Record<string, { body?: Json }> };
  const body = parsed.responses['200']?.body;
  if (!body) throw new Error(`${file}: no 200 response body`);
  return structuredClone(body);
}

function omit(obj: Json, ...keys: string[]): Json {
  const out = { ...obj };
  for (const k of keys) delete out[k];
  return out;
}

const props = (r: Json): Json => (r.properties ?? {}) as Json;

export const SUB_RESEARCH = '5c8a1f3e-2b4d-4e6f-9a1b-3c5d7e9f1a2b';
export const SUB_PROD = '9e2d4b6a-8c1e-4f3a-b5d7-0e2f4a6c8e1b';
/** The tenant of every identity (the sandbox's). */
const TENANT = '5f1c8b0e-2d4a-4c3e-9a7b-6e0d1f2a3b4c';
const LOCATION = 'westeurope';

/**
 * The clock at which `aml-guard idle-shutdown --now IDLE_NOW` finds exactly one idle instance
 * (ci-vision-carol, running since 10.5 h without any operation). Run without --now, later, every
 * running instance of this file counts as idle: the activity times below are fixed.
 */
export const IDLE_NOW = '2026-03-02T01:00:00Z';

/** Well-known built-in role definition GUIDs. */
const ROLE = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  azureMlDataScientist: 'f6c7c914-8db3-469d-8ca1-694a8f32e121',
} as const;

/** Object ids: managed identities and people. */
const PRINCIPAL = {
  wsResearch: '6d1f3a5c-7e9b-4d2f-8a4c-1e3b5d7f9a20',
  wsVision: '0a2c4e6f-8b1d-4f3a-9c5e-7d9f1b3d5e71',
  ccVisionGpu: 'b3d5f7a9-1c2e-4b4d-8e6f-0a2c4e6a8b92',
  wsFraud: 'e5f7a9b1-3d4f-4a6b-9c8d-2e4f6a8c0d13',
  dana: '2b8d4f6a-1c3e-4a5b-8d7c-9e0f1a2b3c4d',
  alice: '7c9e1a3b-5d6f-4b8a-8c0e-4a6c8e0a2b34',
  carol: '1e3a5c7e-9f0b-4d2c-ab4e-6c8e0a2c4d55',
  dave: '9a1c3e5a-7b8d-4f0e-8d2a-8e0a2c4e6f76',
  erin: '3c5e7a9c-1d2f-4b4a-9f6c-0a2c4e6a8b97',
} as const;

const rgId = (sub: string, group: string) => `/subscriptions/${sub}/resourceGroups/${group}`;
const resId = (sub: string, group: string, type: string, name: string) => `${rgId(sub, group)}/providers/${type}/${name}`;

// ---------------------------------------------------------------- ids

const R = SUB_RESEARCH;
const P = SUB_PROD;
const ML = 'Microsoft.MachineLearningServices/workspaces';
export const IDS = {
  wsResearch: resId(R, 'rg-research', ML, 'ws-research-public'),
  stResearch: resId(R, 'rg-research', 'Microsoft.Storage/storageAccounts', 'stresearch'),
  kvResearch: resId(R, 'rg-research', 'Microsoft.KeyVault/vaults', 'kv-research'),
  wsVision: resId(R, 'rg-vision', ML, 'ws-vision'),
  stVision: resId(R, 'rg-vision', 'Microsoft.Storage/storageAccounts', 'stvision'),
  kvVision: resId(R, 'rg-vision', 'Microsoft.KeyVault/vaults', 'kv-vision'),
  peVision: resId(R, 'rg-vision', 'Microsoft.Network/privateEndpoints', 'pe-ws-vision'),
  nicJumpbox: resId(R, 'rg-vision', 'Microsoft.Network/networkInterfaces', 'nic-jumpbox-vision'),
  pipJumpbox: resId(R, 'rg-vision', 'Microsoft.Network/publicIPAddresses', 'pip-jumpbox-vision'),
  crPlatform: resId(R, 'rg-ml-platform', 'Microsoft.ContainerRegistry/registries', 'crmlplatform'),
  vnetResearch: resId(R, 'rg-ml-platform', 'Microsoft.Network/virtualNetworks', 'vnet-ml-research'),
  nsgTraining: resId(R, 'rg-ml-platform', 'Microsoft.Network/networkSecurityGroups', 'nsg-training'),
  nsgPe: resId(R, 'rg-ml-platform', 'Microsoft.Network/networkSecurityGroups', 'nsg-pe'),
  wsFraud: resId(P, 'rg-fraud', ML, 'ws-fraud-private'),
  stFraud: resId(P, 'rg-fraud', 'Microsoft.Storage/storageAccounts', 'stfraud'),
  kvFraud: resId(P, 'rg-fraud', 'Microsoft.KeyVault/vaults', 'kv-fraud'),
  crFraud: resId(P, 'rg-fraud', 'Microsoft.ContainerRegistry/registries', 'crfraud'),
  peFraud: resId(P, 'rg-fraud', 'Microsoft.Network/privateEndpoints', 'pe-ws-fraud'),
  vnetFraud: resId(P, 'rg-fraud', 'Microsoft.Network/virtualNetworks', 'vnet-fraud'),
  nsgFraudPe: resId(P, 'rg-fraud', 'Microsoft.Network/networkSecurityGroups', 'nsg-fraud-pe'),
  stArchive: resId(P, 'rg-archive', 'Microsoft.Storage/storageAccounts', 'starchive'),
  vnetWeb: resId(P, 'rg-web', 'Microsoft.Network/virtualNetworks', 'vnet-web'),
  nsgWeb: resId(P, 'rg-web', 'Microsoft.Network/networkSecurityGroups', 'nsg-web'),
  nicWeb: resId(P, 'rg-web', 'Microsoft.Network/networkInterfaces', 'nic-vm-web'),
  pipWeb: resId(P, 'rg-web', 'Microsoft.Network/publicIPAddresses', 'pip-vm-web'),
  mlrResearch: resId(R, 'rg-ml-platform', 'Microsoft.MachineLearningServices/registries', 'mlr-research'),
  mlrFraud: resId(P, 'rg-fraud', 'Microsoft.MachineLearningServices/registries', 'mlr-fraud'),
  aksVision: resId(R, 'rg-vision', 'Microsoft.ContainerService/managedClusters', 'aks-vision-inference'),
  aksFraud: resId(P, 'rg-fraud', 'Microsoft.ContainerService/managedClusters', 'aks-fraud-inference'),
} as const;
const SNET_PE = `${IDS.vnetResearch}/subnets/snet-pe`;
const SNET_TRAINING = `${IDS.vnetResearch}/subnets/snet-training`;
const SNET_FRAUD_PE = `${IDS.vnetFraud}/subnets/snet-pe`;
const SNET_WEB = `${IDS.vnetWeb}/subnets/snet-web`;
const roleAssignmentId = (sub: string, name: string) => `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/${name}`;
export const CHILD_IDS = {
  snetPe: SNET_PE,
  snetTraining: SNET_TRAINING,
  ciAlice: `${IDS.wsResearch}/computes/ci-research-alice`,
  ciCarol: `${IDS.wsVision}/computes/ci-vision-carol`,
  ciDave: `${IDS.wsVision}/computes/ci-vision-dave`,
  ccGpu: `${IDS.wsVision}/computes/cc-vision-gpu`,
  ciErin: `${IDS.wsFraud}/computes/ci-fraud-erin`,
  epVisionScoring: `${IDS.wsVision}/onlineEndpoints/ep-vision-scoring`,
  epVisionBatch: `${IDS.wsVision}/onlineEndpoints/ep-vision-batch`,
  epFraud: `${IDS.wsFraud}/onlineEndpoints/ep-fraud-scoring`,
  zoneGroupFraud: `${IDS.peFraud}/privateDnsZoneGroups/default`,
  raGpuContributor: roleAssignmentId(R, '4f6a8c0e-2b3d-4e5f-8a7b-9c0d1e2f3a41'),
  raVisionReader: roleAssignmentId(R, '8b0d2f4a-6c7e-4a9b-8c1d-3e5f7a9b1c52'),
  raDanaOwner: roleAssignmentId(R, 'c1e3a5c7-9d0f-4b2a-9e4c-6a8c0e2a4b63'),
  depVisionBlue: `${IDS.wsVision}/onlineEndpoints/ep-vision-scoring/deployments/blue`,
  depFraudBlue: `${IDS.wsFraud}/onlineEndpoints/ep-fraud-scoring/deployments/blue`,
  envVisionServing: `${IDS.wsVision}/environments/tf-serving/versions/3`,
  envFraudServing: `${IDS.wsFraud}/environments/sklearn-serving/versions/1`,
  connVisionGithub: `${IDS.wsVision}/connections/github-pat`,
  connFraudBlob: `${IDS.wsFraud}/connections/blob-features`,
  aksComputeVision: `${IDS.wsVision}/computes/aks-vision`,
  aksComputeFraud: `${IDS.wsFraud}/computes/aks-fraud`,
  diagFraud: `${IDS.wsFraud}/providers/Microsoft.Insights/diagnosticSettings/to-sentinel`,
  budgetVision: `${rgId(R, 'rg-vision')}/providers/Microsoft.Consumption/budgets/vision-monthly`,
  budgetProd: `/subscriptions/${P}/providers/Microsoft.Consumption/budgets/ml-prod-monthly`,
  policyProd: `/subscriptions/${P}/providers/Microsoft.Authorization/policyAssignments/aml-guard-ml-ws-no-public`,
  raFraudDataScientist: `${rgId(P, 'rg-fraud')}/providers/Microsoft.Authorization/roleAssignments/d2f4b6d8-0e1a-4c3b-8f5d-7b9d1f3b5c74`,
} as const;

// ---------------------------------------------------------------- builders

function resourceGroup(sub: string, name: string, tags: Record<string, string>): Json {
  return { id: rgId(sub, name), name, type: 'Microsoft.Resources/resourceGroups', location: LOCATION, tags, properties: { provisioningState: 'Succeeded' } };
}

interface WorkspaceSpec {
  readonly id: string;
  readonly tags: Record<string, string>;
  readonly principalId: string;
  readonly description: string;
  readonly storageAccount: string;
  readonly keyVault: string;
  readonly containerRegistry: string;
  readonly publicNetworkAccess: 'Enabled' | 'Disabled';
  readonly allowPublicAccessWhenBehindVnet: boolean;
  /** undefined: no `managedNetwork` at all (as ARM returns a workspace that never had one). */
  readonly isolationMode?: 'Disabled' | 'AllowInternetOutbound' | 'AllowOnlyApprovedOutbound';
  readonly privateEndpoints: readonly string[];
  readonly imageBuildCompute?: string;
  /** `managedNetwork.outboundRules` (only with a managed network). */
  readonly outboundRules?: Json;
  readonly systemDatastoresAuthMode?: 'AccessKey' | 'Identity';
}

/** Official Workspace/get.json (2025-12-01), without its CMK encryption, Cosmos DB shared private link and placeholders. */
function workspace(s: WorkspaceSpec): Json {
  const base = example('machinelearningservices/2025-12-01/Workspace/get.json');
  const name = s.id.split('/').pop()!;
  const group = s.id.split('/')[4]!;
  const sub = s.id.split('/')[2]!;
  const baseProps = omit(props(base), 'encryption', 'sharedPrivateLinkResources', 'managedNetwork', 'privateEndpointConnections', 'imageBuildCompute');
  const managedNetwork =
    s.isolationMode === undefined
      ? {}
      : {
          managedNetwork: {
            isolationMode: s.isolationMode,
            ...(s.isolationMode === 'Disabled' ? {} : { networkId: '3b6f8a1c-5d7e-4f9a-8b2c-4d6e8f0a1b3c', outboundRules: s.outboundRules ?? {} }),
            status: { sparkReady: false, status: s.isolationMode === 'Disabled' ? 'Inactive' : 'Active' },
          },
        };
  return {
    id: s.id,
    name,
    type: base.type,
    location: LOCATION,
    tags: s.tags,
    sku: { name: 'Basic', tier: 'Basic' },
    kind: 'Default',
    identity: { type: 'SystemAssigned', principalId: s.principalId, tenantId: TENANT },
    properties: {
      ...baseProps,
      description: s.description,
      friendlyName: name,
      allowPublicAccessWhenBehindVnet: s.allowPublicAccessWhenBehindVnet,
      applicationInsights: resId(sub, group, 'Microsoft.Insights/components', `appi-${name}`),
      containerRegistry: s.containerRegistry,
      discoveryUrl: `https://${LOCATION}.api.azureml.ms/discovery`,
      keyVault: s.keyVault,
      storageAccount: s.storageAccount,
      ...(s.imageBuildCompute ? { imageBuildCompute: s.imageBuildCompute } : {}),
      ...(s.systemDatastoresAuthMode ? { systemDatastoresAuthMode: s.systemDatastoresAuthMode } : {}),
      ...managedNetwork,
      privateEndpointConnections: s.privateEndpoints.map((pe) => ({
        name: `${pe.split('/').pop()}-conn`,
        type: `${ML}/privateEndpointConnections`,
        id: `${s.id}/privateEndpointConnections/${pe.split('/').pop()}-conn`,
        properties: {
          privateEndpoint: { id: pe },
          privateLinkServiceConnectionState: { description: 'Auto-Approved', actionsRequired: 'None', status: 'Approved' },
          provisioningState: 'Succeeded',
        },
      })),
      privateLinkCount: s.privateEndpoints.length,
      publicNetworkAccess: s.publicNetworkAccess,
      serviceProvisionedResourceGroup: `azureml-rg-${name}_${s.principalId.slice(0, 8)}`,
      provisioningState: 'Succeeded',
      v1LegacyMode: false,
    },
  };
}

interface Person {
  readonly upn: string;
  readonly oid: string;
}
const ALICE: Person = { upn: 'alice@contoso.com', oid: PRINCIPAL.alice };
const CAROL: Person = { upn: 'carol@contoso.com', oid: PRINCIPAL.carol };
const DAVE: Person = { upn: 'dave@contoso.com', oid: PRINCIPAL.dave };
const ERIN: Person = { upn: 'erin@contoso.com', oid: PRINCIPAL.erin };

interface InstanceSpec {
  readonly id: string;
  readonly user: Person;
  readonly description: string;
  readonly vmSize: string;
  readonly subnet?: string;
  readonly enableNodePublicIp: boolean;
  readonly publicIpAddress?: string;
  readonly privateIpAddress: string;
  readonly sshPublicAccess: 'Enabled' | 'Disabled';
  readonly disableLocalAuth: boolean;
  readonly idleTimeBeforeShutdown?: string;
  readonly os: { readonly current: string; readonly latest: string };
  readonly state: string;
  readonly lastOperation: { readonly operationName: string; readonly operationTime: string; readonly operationStatus: string; readonly operationTrigger: string };
  readonly createdOn: string;
  /** Keep the example's RStudio custom service (privileged, ghcr.io `:latest`). */
  readonly rstudio?: boolean;
}

/** Official Compute/get/ComputeInstance.json (2025-12-01), without its placeholder subnet, and without its RStudio custom service unless asked. */
function computeInstance(s: InstanceSpec): Json {
  const base = example('machinelearningservices/2025-12-01/Compute/get/ComputeInstance.json');
  const outer = props(base);
  const inner = omit(props(outer), 'customServices', 'subnet', 'sshSettings', 'connectivityEndpoints', 'applications', 'osImageMetadata');
  const name = s.id.split('/').pop()!;
  return {
    id: s.id,
    type: base.type,
    name,
    location: LOCATION,
    properties: {
      ...outer,
      description: s.description,
      createdOn: s.createdOn,
      modifiedOn: s.lastOperation.operationTime,
      disableLocalAuth: s.disableLocalAuth,
      properties: {
        ...inner,
        ...(s.rstudio ? { customServices: props(outer).customServices } : {}),
        vmSize: s.vmSize,
        ...(s.subnet ? { subnet: { id: s.subnet } } : {}),
        applicationSharingPolicy: 'Personal',
        sshSettings: { sshPublicAccess: s.sshPublicAccess, adminUserName: 'azureuser', sshPort: s.sshPublicAccess === 'Enabled' ? 50000 : 22 },
        osImageMetadata: { currentImageVersion: s.os.current, latestImageVersion: s.os.latest, isLatestOsImageVersion: s.os.current === s.os.latest },
        personalComputeInstanceSettings: { assignedUser: { objectId: s.user.oid, tenantId: TENANT } },
        createdBy: { userName: s.user.upn, userOrgId: TENANT, userId: s.user.oid },
        connectivityEndpoints: { ...(s.publicIpAddress ? { publicIpAddress: s.publicIpAddress } : {}), privateIpAddress: s.privateIpAddress },
        applications: [
          { displayName: 'Jupyter', endpointUri: `https://${name}.${LOCATION}.instances.azureml.ms/tree/` },
          { displayName: 'Jupyter Lab', endpointUri: `https://${name}.${LOCATION}.instances.azureml.ms/lab` },
        ],
        enableNodePublicIp: s.enableNodePublicIp,
        ...(s.idleTimeBeforeShutdown ? { idleTimeBeforeShutdown: s.idleTimeBeforeShutdown } : {}),
        state: s.state,
        lastOperation: s.lastOperation,
      },
    },
  };
}

/** Official Compute/get/AmlCompute.json (2025-12-01): a Linux GPU cluster injected into `subnet`, with a system-assigned identity. */
function cluster(id: string, subnet: string, maxNodeCount: number, principalId: string): Json {
  const base = example('machinelearningservices/2025-12-01/Compute/get/AmlCompute.json');
  const outer = props(base);
  return {
    id,
    type: base.type,
    name: id.split('/').pop(),
    location: LOCATION,
    identity: { type: 'SystemAssigned', principalId, tenantId: TENANT },
    properties: {
      ...outer,
      description: 'GPU training cluster of the vision team',
      createdOn: '2025-09-15T09:12:44.0000000+00:00',
      modifiedOn: '2026-02-20T16:03:10.0000000+00:00',
      disableLocalAuth: false,
      properties: {
        ...props(outer),
        vmSize: 'STANDARD_NC6S_V3',
        osType: 'Linux',
        subnet: { id: subnet },
        scaleSettings: { maxNodeCount, minNodeCount: 0, nodeIdleTimeBeforeScaleDown: 'PT30M' },
        remoteLoginPortPublicAccess: 'Disabled',
        allocationState: 'Steady',
        allocationStateTransitionTime: '2026-03-01T18:40:02.000Z',
        targetNodeCount: 0,
        enableNodePublicIp: false,
      },
    },
  };
}

/** Official Workspace/OnlineEndpoint/get.json (2025-12-01), its "string" placeholders replaced. */
function onlineEndpoint(id: string, publicNetworkAccess: 'Enabled' | 'Disabled', owner: string, principalId: string, authMode: 'Key' | 'AMLToken' | 'AADToken'): Json {
  const base = example('machinelearningservices/2025-12-01/Workspace/OnlineEndpoint/get.json');
  const name = id.split('/').pop()!;
  return {
    ...omit(base, 'sku', 'systemData'),
    id,
    name,
    type: `${ML}/onlineEndpoints`,
    location: LOCATION,
    kind: 'Managed',
    tags: { owner },
    identity: { type: 'SystemAssigned', principalId, tenantId: TENANT },
    properties: {
      ...omit(props(base), 'properties', 'compute'),
      description: `Managed online endpoint ${name}`,
      scoringUri: `https://${name}.${LOCATION}.inference.ml.azure.com/score`,
      swaggerUri: `https://${name}.${LOCATION}.inference.ml.azure.com/swagger.json`,
      authMode,
      provisioningState: 'Succeeded',
      traffic: { blue: 100 },
      publicNetworkAccess,
    },
  };
}

interface StorageSpec {
  readonly id: string;
  readonly tags: Record<string, string>;
  /** undefined: not returned (ARM's default: Enabled). */
  readonly publicNetworkAccess?: 'Enabled' | 'Disabled';
  readonly allowSharedKeyAccess: boolean;
}

/** Official StorageAccountGetProperties.json (2025-08-01) as a StorageV2 LRS account without geo-replication or routing preference. */
function storageAccount(s: StorageSpec): Json {
  const base = example('storage/2025-08-01/StorageAccountGetProperties.json');
  const name = s.id.split('/').pop()!;
  const endpoint = (svc: string) => `https://${name}.${svc}.core.windows.net/`;
  const closed = s.publicNetworkAccess === 'Disabled';
  return {
    ...base,
    id: s.id,
    name,
    kind: 'StorageV2',
    location: LOCATION,
    sku: { name: 'Standard_LRS', tier: 'Standard' },
    tags: s.tags,
    properties: {
      ...omit(props(base), 'geoReplicationStats', 'secondaryLocation', 'statusOfSecondary', 'routingPreference', 'geoPriorityReplicationStatus'),
      isHnsEnabled: false,
      networkAcls: { bypass: 'AzureServices', defaultAction: closed ? 'Deny' : 'Allow', ipRules: [], virtualNetworkRules: [] },
      primaryEndpoints: { blob: endpoint('blob'), dfs: endpoint('dfs'), file: endpoint('file'), queue: endpoint('queue'), table: endpoint('table'), web: endpoint('web') },
      primaryLocation: LOCATION,
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: s.allowSharedKeyAccess,
      ...(s.publicNetworkAccess ? { publicNetworkAccess: s.publicNetworkAccess } : {}),
    },
  };
}

/** Official getVault.json (2025-05-01): an RBAC vault (no access policies). */
function keyVault(id: string, tags: Record<string, string>, publicNetworkAccess: 'Enabled' | 'Disabled'): Json {
  const base = example('keyvault/2025-05-01/getVault.json');
  const name = id.split('/').pop()!;
  return {
    ...omit(base, 'systemData'),
    id,
    name,
    location: LOCATION,
    tags,
    properties: {
      ...omit(props(base), 'hsmPoolResourceId'),
      tenantId: TENANT,
      accessPolicies: [],
      enableRbacAuthorization: true,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      vaultUri: `https://${name}.vault.azure.net/`,
      ...(publicNetworkAccess === 'Disabled' ? { networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] } } : {}),
      publicNetworkAccess,
    },
  };
}

/** Official RegistryGet.json (2025-04-01) as a Premium registry. */
function registry(id: string, tags: Record<string, string>, adminUserEnabled: boolean, supplyChain: { anonymousPullEnabled: boolean; exportPolicy: 'enabled' | 'disabled' }): Json {
  const base = example('containerregistry/2025-04-01/RegistryGet.json');
  const name = id.split('/').pop()!;
  return {
    ...base,
    id,
    name,
    location: LOCATION,
    tags,
    sku: { name: 'Premium', tier: 'Premium' },
    properties: {
      ...props(base),
      loginServer: `${name}.azurecr.io`,
      creationDate: '2025-06-02T08:30:11.4417720Z',
      adminUserEnabled,
      anonymousPullEnabled: supplyChain.anonymousPullEnabled,
      policies: { ...(props(base).policies as Json), exportPolicy: { status: supplyChain.exportPolicy } },
      networkRuleSet: { defaultAction: 'Deny', ipRules: [] },
      publicNetworkAccess: 'Disabled',
    },
  };
}

/** Official VirtualNetworkGet.json (2026-01-01) with the given subnets embedded as ARM embeds them. */
function vnet(id: string, addressPrefix: string, tags: Record<string, string>, subnets: readonly { name: string; prefix: string; nsg: string; ipConfigurations?: readonly string[]; privateEndpoints?: readonly string[] }[]): Json {
  const base = example('network/2026-01-01/VirtualNetworkGet.json');
  return {
    ...base,
    id,
    name: id.split('/').pop(),
    location: LOCATION,
    tags,
    properties: {
      ...omit(props(base), 'defaultPublicNatGateway'),
      addressSpace: { addressPrefixes: [addressPrefix] },
      subnets: subnets.map((s) => ({
        name: s.name,
        id: `${id}/subnets/${s.name}`,
        properties: {
          provisioningState: 'Succeeded',
          addressPrefix: s.prefix,
          networkSecurityGroup: { id: s.nsg },
          ...(s.ipConfigurations ? { ipConfigurations: s.ipConfigurations.map((c) => ({ id: c })) } : {}),
          ...(s.privateEndpoints ? { privateEndpoints: s.privateEndpoints.map((pe) => ({ id: pe })) } : {}),
          privateEndpointNetworkPolicies: 'Disabled',
          privateLinkServiceNetworkPolicies: 'Enabled',
        },
      })),
    },
  };
}

interface RuleSpec {
  readonly name: string;
  readonly priority: number;
  readonly source: string;
  readonly ports: string;
  readonly protocol: string;
  readonly description: string;
  /** Default Allow. */
  readonly access?: 'Allow' | 'Deny';
  /** Default Inbound (to VirtualNetwork); Outbound rules go from VirtualNetwork to `destination`. */
  readonly direction?: 'Inbound' | 'Outbound';
  readonly destination?: string;
}

/** Official NetworkSecurityGroupGet.json (2026-01-01): `rules` (NetworkSecurityGroupRuleGet shape), the example's default rules, associated with `subnets`. */
/** Outbound rules from the VNet: [name, priority, destination, ports, protocol, access]. */
function outbound(rules: readonly (readonly [string, number, string, string, string, 'Allow' | 'Deny'])[]): RuleSpec[] {
  return rules.map(([name, priority, destination, ports, protocol, access]) => ({ name, priority, source: 'VirtualNetwork', destination, ports, protocol, access, direction: 'Outbound', description: `${access} ${destination}` }));
}

function nsg(id: string, tags: Record<string, string>, rules: readonly RuleSpec[], subnets: readonly string[]): Json {
  const base = example('network/2026-01-01/NetworkSecurityGroupGet.json');
  const ruleBase = example('network/2026-01-01/NetworkSecurityGroupRuleGet.json');
  const exampleNsg = base.id as string;
  const defaults = JSON.parse(JSON.stringify(props(base).defaultSecurityRules).split(exampleNsg).join(id)) as unknown;
  return {
    ...base,
    id,
    name: id.split('/').pop(),
    location: LOCATION,
    tags,
    properties: {
      ...props(base),
      securityRules: rules.map((r) => ({
        name: r.name,
        id: `${id}/securityRules/${r.name}`,
        properties: {
          ...props(ruleBase),
          description: r.description,
          protocol: r.protocol,
          sourceAddressPrefix: r.source,
          destinationPortRange: r.ports,
          destinationAddressPrefix: r.destination ?? 'VirtualNetwork',
          priority: r.priority,
          ...(r.access ? { access: r.access } : {}),
          ...(r.direction ? { direction: r.direction } : {}),
        },
      })),
      defaultSecurityRules: defaults,
      subnets: subnets.map((s) => ({ id: s })),
    },
  };
}

/** Official NetworkInterfaceGet.json (2026-01-01): one ipConfiguration in `subnet`, with `publicIp`, attached to `vm`. */
function nic(id: string, tags: Record<string, string>, subnet: string, privateIp: string, publicIp: string, vm: string): Json {
  const base = example('network/2026-01-01/NetworkInterfaceGet.json');
  const [first] = props(base).ipConfigurations as Json[];
  const name = id.split('/').pop()!;
  return {
    ...base,
    id,
    name,
    location: LOCATION,
    tags,
    properties: {
      ...omit(props(base), 'networkSecurityGroup', 'dscpConfiguration'),
      ipConfigurations: [
        {
          ...first,
          id: `${id}/ipConfigurations/ipconfig1`,
          properties: { ...props(first!), privateIPAddress: privateIp, publicIPAddress: { id: publicIp }, subnet: { id: subnet } },
        },
      ],
      dnsSettings: { dnsServers: [], appliedDnsServers: [], internalDomainNameSuffix: 'q3xk1ojb2gvefhf3pmtmkvnx4h.ax.internal.cloudapp.net' },
      macAddress: name === 'nic-jumpbox-vision' ? '00-0D-3A-2E-51-7C' : '00-0D-3A-4B-88-1F',
      enableAcceleratedNetworking: false,
      disableTcpStateTracking: false,
      virtualMachine: { id: vm },
    },
  };
}

/** Official PublicIpAddressGet.json (2026-01-01) as a Standard static IPv4 address attached to `ipConfiguration`. */
function publicIp(id: string, tags: Record<string, string>, ipAddress: string, ipConfiguration: string): Json {
  const base = example('network/2026-01-01/PublicIpAddressGet.json');
  return {
    ...base,
    id,
    name: id.split('/').pop(),
    location: LOCATION,
    tags,
    sku: { name: 'Standard', tier: 'Regional' },
    properties: {
      ...omit(props(base), 'ipTags'),
      publicIPAllocationMethod: 'Static',
      ipAddress,
      ipConfiguration: { id: ipConfiguration },
      ddosSettings: { protectionMode: 'VirtualNetworkInherited' },
    },
  };
}

/** Official PrivateEndpointGet.json (2026-01-01): an endpoint in `subnet` to a workspace (group id amlworkspace). */
function privateEndpoint(id: string, tags: Record<string, string>, subnet: string, workspaceId: string, ip: string): Json {
  const base = example('network/2026-01-01/PrivateEndpointGet.json');
  const name = id.split('/').pop()!;
  const [connection] = props(base).privateLinkServiceConnections as Json[];
  return {
    ...base,
    id,
    name,
    location: LOCATION,
    tags,
    properties: {
      ...omit(props(base), 'ipConfigurations', 'customNetworkInterfaceName', 'networkInterfaces'),
      privateLinkServiceConnections: [
        {
          ...connection,
          name: `${name}-conn`,
          id: `${id}/privateLinkServiceConnections/${name}-conn`,
          properties: {
            ...props(connection!),
            privateLinkServiceId: workspaceId,
            groupIds: ['amlworkspace'],
            requestMessage: '',
          },
        },
      ],
      subnet: { id: subnet },
      customDnsConfigs: [{ fqdn: `${workspaceId.split('/').pop()}.workspace.${LOCATION}.api.azureml.ms`, ipAddresses: [ip] }],
    },
  };
}

/** Official PrivateEndpointDnsZoneGroupGet.json (2026-01-01) as the `default` zone group of a workspace endpoint. */
function zoneGroup(endpoint: string, zonesGroup: string, workspaceName: string, ip: string): Json {
  const base = example('network/2026-01-01/PrivateEndpointDnsZoneGroupGet.json');
  const zone = (zoneName: string, record: string) => ({
    name: zoneName.replace(/\./g, '-'),
    properties: {
      privateDnsZoneId: `${zonesGroup}/providers/Microsoft.Network/privateDnsZones/${zoneName}`,
      recordSets: [{ recordType: 'A', recordSetName: record, fqdn: `${record}.${zoneName}`, ttl: 10, ipAddresses: [ip] }],
    },
  });
  return {
    ...base,
    id: `${endpoint}/privateDnsZoneGroups/default`,
    name: 'default',
    type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
    properties: {
      ...props(base),
      privateDnsZoneConfigs: [zone('privatelink.api.azureml.ms', `${workspaceName}.workspace.${LOCATION}`), zone('privatelink.notebooks.azure.net', `ml-${workspaceName}-${LOCATION}`)],
    },
  };
}

/** Official RoleAssignments_Delete.json (2022-04-01, GET-shaped). */
function roleAssignment(id: string, scope: string, roleGuid: string, principalId: string, principalType: 'ServicePrincipal' | 'User'): Json {
  const base = example('authorization/2022-04-01/RoleAssignments_Delete.json');
  const sub = /^\/subscriptions\/([^/]+)/.exec(scope)![1]!;
  return {
    ...base,
    id,
    name: id.split('/').pop(),
    properties: {
      ...props(base),
      roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`,
      principalId,
      principalType,
      scope,
    },
  };
}

interface DeploymentSpec {
  readonly id: string;
  readonly model: string;
  readonly environmentId: string;
  readonly egressPublicNetworkAccess: 'Enabled' | 'Disabled';
  readonly environmentVariables: Record<string, string>;
}

/** Official OnlineDeployment/ManagedOnlineDeployment/get.json (2025-12-01), its placeholders replaced. */
function deployment(s: DeploymentSpec): Json {
  const base = example('machinelearningservices/2025-12-01/OnlineDeployment/ManagedOnlineDeployment/get.json');
  const outer = props(base);
  return {
    ...omit(base, 'systemData', 'identity', 'sku'),
    id: s.id,
    name: s.id.split('/').pop(),
    type: `${ML}/onlineEndpoints/deployments`,
    location: LOCATION,
    kind: 'Managed',
    sku: { name: 'Default', capacity: 1 },
    properties: {
      ...omit(outer, 'properties', 'codeConfiguration'),
      description: 'blue deployment',
      environmentId: s.environmentId,
      environmentVariables: s.environmentVariables,
      instanceType: 'Standard_DS3_v2',
      model: s.model,
      modelMountPath: '/var/azureml-app/azureml-models',
      provisioningState: 'Succeeded',
      egressPublicNetworkAccess: s.egressPublicNetworkAccess,
    },
  };
}

/** Official Workspace/EnvironmentVersion/get.json (2025-12-01): the docker.io `:latest` image unless `image` is given. */
function environmentVersion(id: string, image?: string): Json {
  const base = example('machinelearningservices/2025-12-01/Workspace/EnvironmentVersion/get.json');
  const outer = omit(props(base), 'build', 'condaFile', 'properties', 'tags');
  return {
    ...omit(base, 'systemData'),
    id,
    name: id.split('/').pop(),
    type: `${ML}/environments/versions`,
    properties: { ...outer, description: `environment ${id.split('/').slice(-3)[0]}`, environmentType: 'UserCreated', autoRebuild: 'Disabled', ...(image ? { image } : {}) },
  };
}

/** Official Registries/update.json (2025-12-01): an Azure ML registry with one approved private endpoint. */
function mlRegistry(id: string, tags: Record<string, string>, publicNetworkAccess: 'Enabled' | 'Disabled'): Json {
  const base = example('machinelearningservices/2025-12-01/Registries/update.json');
  const exampleId = base.id as string;
  const moved = JSON.parse(JSON.stringify(base).split(exampleId).join(id).split('/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/test-rg').join(id.split('/providers/')[0]!)) as Json;
  const name = id.split('/').pop()!;
  return {
    ...omit(moved, 'systemData'),
    name,
    location: LOCATION,
    tags,
    identity: { type: 'SystemAssigned' },
    properties: {
      ...props(moved),
      publicNetworkAccess,
      discoveryUrl: `https://${name}.${LOCATION}.api.azureml.ms`,
      mlFlowRegistryUri: `https://${name}.${LOCATION}.api.azureml.ms/mlflow`,
      provisioningState: 'Succeeded',
    },
  };
}

/** Official WorkspaceConnection/get.json (2025-12-01) with an auth type (secrets are never returned). */
function connection(id: string, category: string, target: string, authType: string, isSharedToAll: boolean): Json {
  const base = example('machinelearningservices/2025-12-01/WorkspaceConnection/get.json');
  return { ...base, id, name: id.split('/').pop(), properties: { ...props(base), category, target, authType, isSharedToAll } };
}

/** Official Compute/get/AKSCompute.json (2025-12-01): an AKS cluster attached for inference. */
function aksCompute(id: string, clusterId: string, loadBalancerType: 'PublicIp' | 'InternalLoadBalancer'): Json {
  const base = example('machinelearningservices/2025-12-01/Compute/get/AKSCompute.json');
  return {
    ...base,
    id,
    name: id.split('/').pop(),
    location: LOCATION,
    properties: { ...props(base), description: 'inference cluster', resourceId: clusterId, disableLocalAuth: true, properties: { agentCount: 3, clusterPurpose: 'FastProd', loadBalancerType } },
  };
}

/** Official ManagedClustersGet.json (2026-04-01): public API server unless `private`. */
function managedCluster(id: string, tags: Record<string, string>, isPrivate: boolean): Json {
  const base = example('containerservice/2026-04-01/ManagedClustersGet.json');
  const name = id.split('/').pop()!;
  const group = id.split('/')[4]!;
  const sub = id.split('/')[2]!;
  const outer = omit(props(base), 'diskEncryptionSetID', 'upgradeSettings', 'servicePrincipalProfile');
  const network = JSON.parse(JSON.stringify(outer.networkProfile).split('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/').join(`/subscriptions/${sub}/resourceGroups/${group}/`).split('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/MC_rg1/').join(`/subscriptions/${sub}/resourceGroups/MC_${group}_${name}/`)) as Json;
  return {
    ...omit(base, 'eTag'),
    id,
    name,
    location: LOCATION,
    tags,
    properties: {
      ...outer,
      networkProfile: network,
      dnsPrefix: name,
      fqdn: `${name}-4f2a9c1b.hcp.${LOCATION}.azmk8s.io`,
      azurePortalFQDN: `${name}-4f2a9c1b.portal.hcp.${LOCATION}.azmk8s.io`,
      nodeResourceGroup: `MC_${group}_${name}_${LOCATION}`,
      enableRBAC: true,
      ...(isPrivate ? { apiServerAccessProfile: { enablePrivateCluster: true }, privateFQDN: `${name}-4f2a9c1b.privatelink.${LOCATION}.azmk8s.io` } : {}),
    },
  };
}

/** Official getDiagnosticSetting.json (2021-05-01-preview) on `scope`: allLogs to a storage account. */
function diagnosticSetting(id: string, storageAccountId: string): Json {
  const base = example('monitor/2021-05-01-preview/getDiagnosticSetting.json');
  return { ...base, id, name: id.split('/').pop(), properties: { ...omit(props(base), 'marketplacePartnerId', 'eventHubAuthorizationRuleId', 'metrics'), storageAccountId } };
}

/** Official Budget.json (2024-08-01): a monthly cost budget with one notification, without the example's filter. */
function budget(id: string, amount: number, contact: string): Json {
  const base = example('consumption/2024-08-01/Budget.json');
  const notifications = props(base).notifications as Record<string, Json>;
  const [key, notification] = Object.entries(notifications)[0]!;
  return {
    ...omit(base, 'eTag'),
    id,
    name: id.split('/').pop(),
    properties: {
      ...omit(props(base), 'filter', 'currentSpend'),
      amount,
      timePeriod: { startDate: '2026-01-01T00:00:00Z', endDate: '2027-12-31T00:00:00Z' },
      notifications: { [key]: { ...notification, contactEmails: [contact], contactGroups: [], contactRoles: ['Owner'] } },
    },
  };
}

/** Official getPolicyAssignmentWithIdentityById.json (2025-03-01) shape: the built-in "ML workspaces should disable public network access", as infra/ assigns it. */
function policyAssignment(id: string, scope: string): Json {
  const base = example('policy/2025-03-01/getPolicyAssignmentWithIdentityById.json');
  return {
    ...omit(base, 'identity', 'location'),
    id,
    name: id.split('/').pop(),
    properties: {
      ...omit(props(base), 'metadata', 'definitionVersion', 'instanceId'),
      displayName: 'AML Guard: Azure Machine Learning workspaces should disable public network access',
      description: 'Preventive layer for AML-WS-001 (built-in definition).',
      policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/438c38d2-3772-465a-a9cc-7a6666a275ce',
      parameters: { effect: { value: 'Audit' } },
      scope,
    },
  };
}

const op = (operationName: string, operationTime: string, operationTrigger = 'User') => ({ operationName, operationTime, operationStatus: 'Succeeded', operationTrigger });

// ---------------------------------------------------------------- the estate

/** The estate, in the order it is written: per subscription, per team. */
export function exposedEstate(): Json[] {
  const research = { team: 'research', owner: 'alice@contoso.com', env: 'dev', costCenter: 'CC-4711' };
  const vision = { team: 'vision', owner: 'carol@contoso.com', env: 'dev', costCenter: 'CC-4712' };
  const platform = { team: 'ml-platform', owner: 'ml-platform@contoso.com', env: 'shared' };
  const fraud = { team: 'fraud', owner: 'erin@contoso.com', env: 'prod', costCenter: 'CC-5120' };
  const web = { team: 'web', owner: 'web-ops@contoso.com', env: 'prod' };

  return [
    // ---- subscription ml-research
    resourceGroup(R, 'rg-research', research),
    resourceGroup(R, 'rg-vision', vision),
    resourceGroup(R, 'rg-ml-platform', platform),

    // team research: the workspace somebody created "just to try"
    workspace({
      id: IDS.wsResearch,
      tags: research,
      principalId: PRINCIPAL.wsResearch,
      description: 'Research sandbox workspace, created from the portal with public access',
      storageAccount: IDS.stResearch,
      keyVault: IDS.kvResearch,
      containerRegistry: IDS.crPlatform,
      publicNetworkAccess: 'Enabled',
      allowPublicAccessWhenBehindVnet: false,
      isolationMode: 'Disabled',
      privateEndpoints: [],
      systemDatastoresAuthMode: 'AccessKey',
    }),
    storageAccount({ id: IDS.stResearch, tags: research, allowSharedKeyAccess: true }),
    keyVault(IDS.kvResearch, research, 'Enabled'),
    computeInstance({
      id: CHILD_IDS.ciAlice,
      user: ALICE,
      description: "Alice's notebook VM",
      vmSize: 'STANDARD_DS3_V2',
      enableNodePublicIp: true,
      publicIpAddress: '20.61.14.83',
      privateIpAddress: '10.0.0.4',
      sshPublicAccess: 'Enabled',
      disableLocalAuth: true,
      idleTimeBeforeShutdown: 'PT1H',
      os: { current: '26.01.21', latest: '26.01.21' },
      state: 'Running',
      lastOperation: op('Start', '2026-03-02T00:15:00.000Z'),
      createdOn: '2026-01-12T10:01:33.0000000+00:00',
    }),

    // team vision: private behind the research VNet, with loose ends
    workspace({
      id: IDS.wsVision,
      tags: vision,
      principalId: PRINCIPAL.wsVision,
      description: 'Computer vision workspace (VNet-injected compute, private endpoint)',
      storageAccount: IDS.stVision,
      keyVault: IDS.kvVision,
      containerRegistry: IDS.crPlatform,
      publicNetworkAccess: 'Disabled',
      allowPublicAccessWhenBehindVnet: true,
      privateEndpoints: [IDS.peVision],
      imageBuildCompute: 'cc-vision-gpu',
      isolationMode: 'AllowInternetOutbound',
      outboundRules: {
        'partner-datalake': {
          type: 'PrivateEndpoint',
          category: 'UserDefined',
          status: 'Active',
          destination: { serviceResourceId: '/subscriptions/2b4d6f8a-0c1e-4a3b-9d5f-7a9b1c3d5e7f/resourceGroups/rg-partner/providers/Microsoft.Storage/storageAccounts/stpartnerdrop', subresourceTarget: 'blob', sparkEnabled: false },
        },
      },
    }),
    storageAccount({ id: IDS.stVision, tags: vision, publicNetworkAccess: 'Disabled', allowSharedKeyAccess: false }),
    keyVault(IDS.kvVision, { team: 'vision', env: 'dev', costCenter: 'CC-4712' }, 'Disabled'),
    privateEndpoint(IDS.peVision, vision, SNET_PE, IDS.wsVision, '10.20.1.4'),
    computeInstance({
      id: CHILD_IDS.ciCarol,
      user: CAROL,
      description: "Carol's notebook VM",
      vmSize: 'STANDARD_DS3_V2',
      subnet: SNET_TRAINING,
      enableNodePublicIp: false,
      privateIpAddress: '10.20.2.5',
      sshPublicAccess: 'Disabled',
      disableLocalAuth: true,
      os: { current: '26.01.21', latest: '26.01.21' },
      state: 'Running',
      lastOperation: op('Start', '2026-03-01T14:30:00.000Z'),
      createdOn: '2025-11-03T08:45:10.0000000+00:00',
    }),
    computeInstance({
      id: CHILD_IDS.ciDave,
      user: DAVE,
      description: "Dave's notebook VM",
      vmSize: 'STANDARD_E4DS_V4',
      subnet: SNET_TRAINING,
      enableNodePublicIp: false,
      privateIpAddress: '10.20.2.6',
      sshPublicAccess: 'Disabled',
      disableLocalAuth: true,
      idleTimeBeforeShutdown: 'PT2H',
      os: { current: '25.06.30', latest: '26.01.21' },
      state: 'JobRunning',
      lastOperation: op('Start', '2026-03-01T08:00:00.000Z'),
      createdOn: '2025-07-01T12:00:00.0000000+00:00',
      rstudio: true,
    }),
    cluster(CHILD_IDS.ccGpu, SNET_TRAINING, 16, PRINCIPAL.ccVisionGpu),
    onlineEndpoint(CHILD_IDS.epVisionScoring, 'Enabled', 'carol@contoso.com', '5e7a9c1e-3f4b-4d6c-8a0e-2c4e6a8c0e15', 'Key'),
    onlineEndpoint(CHILD_IDS.epVisionBatch, 'Disabled', 'carol@contoso.com', '6f8b0d2f-4a5c-4e7d-9b1f-3d5f7b9d1f26', 'AMLToken'),
    deployment({
      id: CHILD_IDS.depVisionBlue,
      model: 'azureml://registries/HuggingFace/models/distilbert-base-uncased/versions/7',
      environmentId: CHILD_IDS.envVisionServing,
      egressPublicNetworkAccess: 'Enabled',
      environmentVariables: { MODEL_NAME: 'vision-classifier', OPENAI_API_KEY: 'sk-demo-0000-not-a-real-key' },
    }),
    environmentVersion(CHILD_IDS.envVisionServing),
    connection(CHILD_IDS.connVisionGithub, 'Git', 'https://github.com/contoso/vision-models', 'PAT', true),
    aksCompute(CHILD_IDS.aksComputeVision, IDS.aksVision, 'PublicIp'),
    managedCluster(IDS.aksVision, vision, false),
    budget(CHILD_IDS.budgetVision, 2000, 'carol@contoso.com'),
    nic(IDS.nicJumpbox, vision, SNET_TRAINING, '10.20.2.4', IDS.pipJumpbox, resId(R, 'rg-vision', 'Microsoft.Compute/virtualMachines', 'vm-jumpbox-vision')),
    publicIp(IDS.pipJumpbox, vision, '20.86.113.42', `${IDS.nicJumpbox}/ipConfigurations/ipconfig1`),

    // team ml-platform: the shared registry and the research network
    registry(IDS.crPlatform, platform, true, { anonymousPullEnabled: true, exportPolicy: 'enabled' }),
    mlRegistry(IDS.mlrResearch, platform, 'Enabled'),
    vnet(IDS.vnetResearch, '10.20.0.0/16', platform, [
      { name: 'snet-pe', prefix: '10.20.1.0/24', nsg: IDS.nsgPe, privateEndpoints: [IDS.peVision] },
      { name: 'snet-training', prefix: '10.20.2.0/28', nsg: IDS.nsgTraining, ipConfigurations: [`${IDS.nicJumpbox}/ipConfigurations/ipconfig1`] },
    ]),
    nsg(
      IDS.nsgTraining,
      platform,
      [
        { name: 'AllowAzureMachineLearningInbound', priority: 100, source: 'AzureMachineLearning', ports: '44224', protocol: 'Tcp', description: 'Azure ML compute management' },
        { name: 'AllowBatchNodeManagementInbound', priority: 110, source: 'BatchNodeManagement', ports: '29876-29877', protocol: 'Tcp', description: 'Azure Batch node management' },
        { name: 'AllowSshFromInternet', priority: 200, source: 'Internet', ports: '22', protocol: 'Tcp', description: 'temporary: debugging the jumpbox' },
        ...outbound([
          ['AllowAzureActiveDirectoryOutbound', 100, 'AzureActiveDirectory', '443', 'Tcp', 'Allow'],
          ['AllowAzureMachineLearningOutbound', 110, 'AzureMachineLearning', '*', '*', 'Allow'],
          ['AllowBatchNodeManagementOutbound', 120, 'BatchNodeManagement', '443', 'Tcp', 'Allow'],
          ['AllowAzureResourceManagerOutbound', 130, 'AzureResourceManager', '443', 'Tcp', 'Allow'],
          ['DenyStorageOutbound', 140, 'Storage', '443', 'Tcp', 'Deny'],
          ['AllowStorageWestEuropeOutbound', 150, 'Storage.WestEurope', '443', 'Tcp', 'Allow'],
          ['AllowFrontDoorOutbound', 160, 'AzureFrontDoor.FrontEnd', '443', 'Tcp', 'Allow'],
          ['AllowContainerRegistryOutbound', 170, 'MicrosoftContainerRegistry', '443', 'Tcp', 'Allow'],
          ['DenyInternetOutbound', 4000, 'Internet', '*', '*', 'Deny'],
        ]),
      ],
      [SNET_TRAINING],
    ),
    nsg(
      IDS.nsgPe,
      platform,
      [{ name: 'AllowHttpsFromVirtualNetwork', priority: 100, source: 'VirtualNetwork', ports: '443', protocol: 'Tcp', description: 'clients of the private endpoints' }],
      [SNET_PE],
    ),

    // identities: the GPU cluster got Contributor on the subscription "to create storage from a job"
    roleAssignment(CHILD_IDS.raGpuContributor, `/subscriptions/${R}`, ROLE.contributor, PRINCIPAL.ccVisionGpu, 'ServicePrincipal'),
    roleAssignment(CHILD_IDS.raVisionReader, `/subscriptions/${R}`, ROLE.reader, PRINCIPAL.wsVision, 'ServicePrincipal'),
    roleAssignment(CHILD_IDS.raDanaOwner, `/subscriptions/${R}`, ROLE.owner, PRINCIPAL.dana, 'User'),

    // ---- subscription ml-prod
    resourceGroup(P, 'rg-fraud', fraud),
    resourceGroup(P, 'rg-archive', { team: 'data', env: 'prod' }),
    resourceGroup(P, 'rg-web', web),

    // team fraud: how it should look
    workspace({
      id: IDS.wsFraud,
      tags: fraud,
      principalId: PRINCIPAL.wsFraud,
      description: 'Fraud detection, production',
      storageAccount: IDS.stFraud,
      keyVault: IDS.kvFraud,
      containerRegistry: IDS.crFraud,
      publicNetworkAccess: 'Disabled',
      allowPublicAccessWhenBehindVnet: false,
      isolationMode: 'AllowOnlyApprovedOutbound',
      privateEndpoints: [IDS.peFraud],
      outboundRules: {
        pypi: { type: 'FQDN', category: 'UserDefined', status: 'Active', destination: 'pypi.org' },
        'pythonhosted-files': { type: 'FQDN', category: 'UserDefined', status: 'Active', destination: '*.pythonhosted.org' },
        anaconda: { type: 'FQDN', category: 'UserDefined', status: 'Active', destination: '*.anaconda.org' },
        '__SYS_ST_ws-fraud-private_blob': {
          type: 'PrivateEndpoint',
          category: 'Required',
          status: 'Active',
          destination: { serviceResourceId: IDS.stFraud, subresourceTarget: 'blob', sparkEnabled: false },
        },
      },
    }),
    storageAccount({ id: IDS.stFraud, tags: fraud, publicNetworkAccess: 'Disabled', allowSharedKeyAccess: false }),
    keyVault(IDS.kvFraud, fraud, 'Disabled'),
    registry(IDS.crFraud, fraud, false, { anonymousPullEnabled: false, exportPolicy: 'disabled' }),
    mlRegistry(IDS.mlrFraud, fraud, 'Disabled'),
    computeInstance({
      id: CHILD_IDS.ciErin,
      user: ERIN,
      description: "Erin's notebook VM (managed network)",
      vmSize: 'STANDARD_DS3_V2',
      enableNodePublicIp: false,
      privateIpAddress: '10.0.0.5',
      sshPublicAccess: 'Disabled',
      disableLocalAuth: true,
      idleTimeBeforeShutdown: 'PT30M',
      os: { current: '26.01.21', latest: '26.01.21' },
      state: 'Stopped',
      lastOperation: op('Stop', '2026-03-01T19:05:00.000Z', 'IdleShutdown'),
      createdOn: '2025-10-20T07:30:00.0000000+00:00',
    }),
    onlineEndpoint(CHILD_IDS.epFraud, 'Disabled', 'erin@contoso.com', '7a9c1e3a-5b6d-4f8e-8c2a-4e6a8c0e2a37', 'AADToken'),
    deployment({
      id: CHILD_IDS.depFraudBlue,
      model: 'azureml://registries/azureml/models/Phi-3-mini-4k-instruct/versions/15',
      environmentId: CHILD_IDS.envFraudServing,
      egressPublicNetworkAccess: 'Disabled',
      environmentVariables: { MODEL_NAME: 'fraud-scorer', DB_PASSWORD: '@Microsoft.KeyVault(SecretUri=https://kv-fraud.vault.azure.net/secrets/db-password)' },
    }),
    environmentVersion(CHILD_IDS.envFraudServing, 'mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference@sha256:3f1b5d7e9a2c4e6f8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4f6b8d0a2c4e'),
    connection(CHILD_IDS.connFraudBlob, 'AzureBlob', 'https://stfraud.blob.core.windows.net/features', 'ManagedIdentity', false),
    aksCompute(CHILD_IDS.aksComputeFraud, IDS.aksFraud, 'InternalLoadBalancer'),
    managedCluster(IDS.aksFraud, fraud, true),
    diagnosticSetting(CHILD_IDS.diagFraud, IDS.stFraud),
    budget(CHILD_IDS.budgetProd, 25000, 'finops@contoso.com'),
    policyAssignment(CHILD_IDS.policyProd, `/subscriptions/${P}`),
    privateEndpoint(IDS.peFraud, fraud, SNET_FRAUD_PE, IDS.wsFraud, '10.40.1.4'),
    zoneGroup(IDS.peFraud, rgId(P, 'rg-fraud'), 'ws-fraud-private', '10.40.1.4'),
    vnet(IDS.vnetFraud, '10.40.0.0/16', fraud, [{ name: 'snet-pe', prefix: '10.40.1.0/24', nsg: IDS.nsgFraudPe, privateEndpoints: [IDS.peFraud] }]),
    nsg(
      IDS.nsgFraudPe,
      fraud,
      [
        { name: 'AllowHttpsFromVirtualNetwork', priority: 100, source: 'VirtualNetwork', ports: '443', protocol: 'Tcp', description: 'clients of the private endpoint' },
        { name: 'AllowAzureMachineLearningInbound', priority: 110, source: 'AzureMachineLearning', ports: '443', protocol: 'Tcp', description: 'Azure ML service' },
      ],
      [SNET_FRAUD_PE],
    ),
    roleAssignment(CHILD_IDS.raFraudDataScientist, rgId(P, 'rg-fraud'), ROLE.azureMlDataScientist, PRINCIPAL.wsFraud, 'ServicePrincipal'),

    // team data: an account no workspace uses
    storageAccount({ id: IDS.stArchive, tags: { team: 'data', purpose: 'cold archive' }, publicNetworkAccess: 'Enabled', allowSharedKeyAccess: true }),

    // team web: a public VM, nothing of Azure ML's
    vnet(IDS.vnetWeb, '10.60.0.0/16', web, [{ name: 'snet-web', prefix: '10.60.1.0/24', nsg: IDS.nsgWeb, ipConfigurations: [`${IDS.nicWeb}/ipConfigurations/ipconfig1`] }]),
    nsg(IDS.nsgWeb, web, [{ name: 'AllowSshFromInternet', priority: 100, source: 'Internet', ports: '22', protocol: 'Tcp', description: 'admin access' }], [SNET_WEB]),
    nic(IDS.nicWeb, web, SNET_WEB, '10.60.1.4', IDS.pipWeb, resId(P, 'rg-web', 'Microsoft.Compute/virtualMachines', 'vm-web')),
    publicIp(IDS.pipWeb, web, '51.124.77.10', `${IDS.nicWeb}/ipConfigurations/ipconfig1`),
  ];
}
