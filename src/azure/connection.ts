import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { throttlePolicy, type ArmThrottle } from './arm-throttle';
import { wireCapturePolicy } from './wire-scope';

/** How to reach ARM: the real endpoint with a managed identity, or the local sandbox with its CA. */
export interface ArmConnection {
  /** Default https://management.azure.com (sovereign clouds: environment().resourceManager). */
  readonly endpoint?: string;
  /** Token audience; scope `${audience}/.default`. Default: the endpoint. */
  readonly audience?: string;
  readonly credential: TokenCredential;
  /** PEM of an extra CA to trust (the sandbox's self-signed certificate). */
  readonly ca?: string;
  /** Extra pipeline policies (e.g. a call counter). */
  readonly policies?: readonly PipelinePolicy[];
  /** Client-side limits and the one retry loop (429 Retry-After, 5xx) until the run's deadline; without it the SDKs retry on their own (3 times). */
  readonly throttle?: ArmThrottle;
  /** Floor between long-running-operation polls (ARM's Retry-After wins when present). Default 2000 ms. */
  readonly pollIntervalMs?: number;
}

export const PUBLIC_CLOUD_ENDPOINT = 'https://management.azure.com';

/**
 * Options shared by every SDK client we construct; every pipeline carries the wire capture
 * (wire-scope.ts). Both scope options are set: the older core-client SDKs read
 * `credentialScopes`, the "modular" ones `credentials.scopes`, and the latter default to the
 * public cloud's audience whatever the endpoint.
 */
export function clientOptions(conn: ArmConnection) {
  const throttle = conn.throttle ? [{ policy: throttlePolicy(conn.throttle), position: 'perCall' as const }] : [];
  const endpoint = (conn.endpoint ?? PUBLIC_CLOUD_ENDPOINT).replace(/\/+$/, '');
  const scope = `${(conn.audience ?? endpoint).replace(/\/+$/, '')}/.default`;
  return {
    endpoint,
    credentialScopes: [scope],
    credentials: { scopes: [scope] },
    ...(conn.ca ? { tlsOptions: { ca: conn.ca } } : {}),
    // the throttle first: the policies after it (counters, the wire capture) see every attempt
    additionalPolicies: [...throttle, ...[...(conn.policies ?? []), wireCapturePolicy].map((policy) => ({ policy, position: 'perCall' as const }))],
    ...(conn.throttle ? { retryOptions: { maxRetries: 0 } } : {}),
    userAgentOptions: { userAgentPrefix: 'aml-guard' },
  };
}
