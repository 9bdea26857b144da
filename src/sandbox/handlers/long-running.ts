/**
 * Where a resource provider lets clients poll its long-running operations:
 * `/subscriptions/{s}/providers/{namespace}/locations/{region}/{type}/{operationId}`, one type
 * for the Azure-AsyncOperation (status) URL and one for the Location (result) URL. The type also
 * names the RBAC action the poll needs, `{namespace}/locations/{type}/read`: ARM authorizes these
 * GETs like any other (and, the URL not being below the resource, a role scoped to the resource
 * alone cannot poll; https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations
 * "Permission for tracking async status").
 */
export interface PollingTypes {
  readonly status: string;
  readonly result: string;
}

/**
 * Machine Learning's polling types, as its resource provider registers them and as its
 * operations list names their read actions (MicrosoftDocs/azure-docs,
 * articles/role-based-access-control/includes/resource-provider-operations/ai-machine-learning.md:
 * `Microsoft.MachineLearningServices/locations/workspaceOperationsStatus/read`,
 * `.../locations/computeOperationsStatus/read`, `.../locations/mfeOperationsStatus/read`,
 * `.../locations/mfeOperationResults/read`). Workspaces and computes use one type for both URLs
 * (the sandbox tells them apart by `type=location` in the Location URL's query); online endpoints
 * (the "MFE" API) have a results type of their own. Keys are lower case.
 */
const POLLING_BY_RESOURCE_TYPE: Readonly<Record<string, PollingTypes>> = {
  'microsoft.machinelearningservices/workspaces': { status: 'workspaceOperationsStatus', result: 'workspaceOperationsStatus' },
  'microsoft.machinelearningservices/workspaces/computes': { status: 'computeOperationsStatus', result: 'computeOperationsStatus' },
  'microsoft.machinelearningservices/workspaces/onlineendpoints': { status: 'mfeOperationsStatus', result: 'mfeOperationResults' },
  'microsoft.machinelearningservices/registries': { status: 'mfeOperationsStatus', result: 'mfeOperationResults' },
};

/** ARM's generic names, for any other provider. */
const GENERIC_POLLING: PollingTypes = { status: 'operationStatuses', result: 'operationResults' };

/** Resource types whose PUT / PATCH / DELETE are long-running operations (lower case). */
const LONG_RUNNING_TYPES = new Set(Object.keys(POLLING_BY_RESOURCE_TYPE));

export function isLongRunningType(type: string): boolean {
  return LONG_RUNNING_TYPES.has(type.toLowerCase());
}

/** The polling types of operations on resources of `resourceType` (`{namespace}/{types...}`). */
export function pollingTypesFor(resourceType: string): PollingTypes {
  return POLLING_BY_RESOURCE_TYPE[resourceType.toLowerCase()] ?? GENERIC_POLLING;
}

/** Every polling type the sandbox serves, lower case -> what a poll of it returns unless the query says `type=location`. */
export const POLLING_TYPE_FLAVORS: ReadonlyMap<string, 'status' | 'result'> = new Map(
  [GENERIC_POLLING, ...Object.values(POLLING_BY_RESOURCE_TYPE)].flatMap((p) =>
    p.status === p.result
      ? [[p.status.toLowerCase(), 'status'] as const]
      : [[p.status.toLowerCase(), 'status'] as const, [p.result.toLowerCase(), 'result'] as const],
  ),
);
