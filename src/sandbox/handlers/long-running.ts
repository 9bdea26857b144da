/** Resource types whose PUT / PATCH / DELETE are long-running operations (lower case). */
const LONG_RUNNING_TYPES = new Set([
  'microsoft.machinelearningservices/workspaces',
  'microsoft.machinelearningservices/workspaces/computes',
  'microsoft.machinelearningservices/workspaces/onlineendpoints',
]);

export function isLongRunningType(type: string): boolean {
  return LONG_RUNNING_TYPES.has(type.toLowerCase());
}
