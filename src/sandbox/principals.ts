/** An identity the sandbox issues tokens for. */
export interface Principal {
  /** Entra object id (`oid`): the id role assignments name. */
  readonly oid: string;
  /** Application (client) id (`appid`): the app itself for a service principal, the client app for a user. */
  readonly appId: string;
  readonly name: string;
  readonly type: 'ServicePrincipal' | 'User';
  /** User principal name, users only. */
  readonly upn?: string;
}

/** The tenant of every token unless `SandboxOptions.tenantId` says otherwise. */
export const SANDBOX_TENANT_ID = '5f1c8b0e-2d4a-4c3e-9a7b-6e0d1f2a3b4c';

/** AML Guard's own managed identity. */
export const GUARD_PRINCIPAL: Principal = Object.freeze({
  oid: '7a3e9c1d-5b2f-4e8a-9c6d-0f1e2d3c4b5a',
  appId: 'c0ffee00-6d1a-4b7e-8f2c-9a8b7c6d5e4f',
  name: 'aml-guard',
  type: 'ServicePrincipal',
});

/** A data scientist signed in with the Azure CLI. */
export const USER_PRINCIPAL: Principal = Object.freeze({
  oid: '2b8d4f6a-1c3e-4a5b-8d7c-9e0f1a2b3c4d',
  appId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
  name: 'Dana Scientist',
  type: 'User',
  upn: 'dana@contoso.example',
});
