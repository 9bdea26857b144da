/** The ARM sandbox: a stateful fake Azure Resource Manager on https://127.0.0.1. */
export { startSandbox } from './sandbox';
export type { Sandbox, SandboxOptions, RecordedRequest, AuthorizeHook } from './types';
export { GUARD_PRINCIPAL, USER_PRINCIPAL, SANDBOX_TENANT_ID, type Principal } from './principals';
export { sandboxCredential } from './token';
export type { EventGridEvent, ResourceEventData, ResourceEventType, SandboxEventListener } from './events';
export type { FaultSpec } from './faults';
export type { PublishedCloudEvent } from './topic';
export type { RateLimit } from './rate-limit';
export { armActionFor, armScopeFor } from './arm-action';
export { loadEstateFile, writeEstateFile } from './estate-file';
export { requestLogLines, writeRequestLog } from './request-log';
export { EstateError } from './estate-validation';
export { actionMatches, permissionGrants, rolesGrant, type RoleDefinition, type RolePermission } from './rbac';
export {
  ENFORCE_ROLE_ENV,
  loadRoleEnforcement,
  readDecisionLog,
  roleAuthorizer,
  roleEnforcementFromEnv,
  type AuthorizationDecision,
  type RoleEnforcement,
} from './role-enforcement';
export { linkedAccessChecks, type LinkedCheck } from './linked-access';
export { isWriteRequest, isResourceGraphRequest } from './recorded-request';
