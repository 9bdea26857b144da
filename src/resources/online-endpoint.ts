import { API_VERSIONS } from './api-versions';
import { describeType, putAsRead, sdkList, sdkRead } from './descriptor';

const ENDPOINT_READ_ONLY = ['provisioningState', 'scoringUri', 'swaggerUri', 'keys'];

/** Managed online (scoring) endpoint of a workspace; listed with its workspace. */
export const onlineEndpoint = describeType({
  armType: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
  apiVersion: API_VERSIONS.machineLearning,
  read: sdkRead('machineLearning', 'options', (c, id, o) => c.onlineEndpoints.get(id.resourceGroup!, id.names[0]!, id.names[1]!, o)),
  list: sdkList('machineLearning', 'parent', 'options', (c, ws, o) => c.onlineEndpoints.list(ws.resourceGroup!, ws.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.machinelearningservices/workspaces/onlineendpoints' },
  eventPrefix: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
  remediations: {
    // AML-SUP-001's opt-in containment: the endpoint's traffic split, PUT as read like publicNetworkAccess
    actions: ['zero-deployment-traffic'],
    properties: {
      // Its PATCH takes only tags and identity (ARM answers 400 "Could not find member 'properties'"):
      // PUT the endpoint as read, one property changed. `keys` is write-once at creation and reads as null.
      publicNetworkAccess: putAsRead('machineLearning', (c) => c, ENDPOINT_READ_ONLY),
      traffic: putAsRead('machineLearning', (c) => c, ENDPOINT_READ_ONLY),
    },
  },
  rbac: {
    read: [{ action: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/read', for: 'online endpoints: public network access, auth mode' }],
    write: [{ action: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/write', for: 'disable public network access on an online endpoint; take a deployment out of its traffic (AML-SUP-001, opt-in)' }, { action: 'Microsoft.MachineLearningServices/locations/mfeOperationsStatus/read', for: 'poll the long-running online endpoint PUT' }, { action: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', for: "linked access check of that PUT on each user-assigned identity it re-states (a PUT replaces the endpoint: leaving its identity out could remove it)" }],
  },
});
