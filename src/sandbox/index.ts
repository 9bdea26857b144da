/** The ARM sandbox: a stateful fake Azure Resource Manager on https://127.0.0.1. */
export { startSandbox } from './sandbox';
export type { Sandbox, SandboxOptions, RecordedRequest, AuthorizeHook } from './types';
export { GUARD_PRINCIPAL, USER_PRINCIPAL, SANDBOX_TENANT_ID, type Principal } from './principals';
export { sandboxCredential } from './token';
export type { EventGridEvent, ResourceEventData, ResourceEventType, SandboxEventListener } from './events';
export type { FaultSpec } from './faults';
export type { RateLimit } from './rate-limit';
export { armActionFor, armScopeFor } from './arm-action';
export { loadEstateFile, writeEstateFile } from './estate-file';
export { EstateError } from './estate-validation';
