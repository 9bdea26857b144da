import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { throttlePolicy, type ArmThrottle } from './arm-throttle';
import { wireCapturePolicy } from './wire-scope';

/** How to reach ARM: the real endpoint with a managed identity, or the local sandbox with its CA. */
export interface ArmConnection {
  /** Default https://management.azure.com. */
  readonly endpoint?: string;
  readonly credential: TokenCredential;
  /** PEM of an extra CA to trust (the sandbox's self-signed certificate). */
  readonly ca?: string;
  /** Extra pipeline policies (e.g. a call counter). */
  readonly policies?: readonly PipelinePolicy[];
  /** Client-side limits and the one retry loop (429 Retry-After, 5xx) until the run's deadline; without it the SDKs retry on their own (3 times). */
  readonly throttle?: ArmThrottle;
}

export const PUBLIC_CLOUD_ENDPOINT = 'https://management.azure.com';

/** Options shared by every SDK client we construct; every pipeline carries the wire capture (wire-scope.ts). */
export function clientOptions(conn: ArmConnection) {
  const throttle = conn.throttle ? [{ policy: throttlePolicy(conn.throttle), position: 'perCall' as const }] : [];
  return {
    endpoint: conn.endpoint ?? PUBLIC_CLOUD_ENDPOINT,
    ...(conn.ca ? { tlsOptions: { ca: conn.ca } } : {}),
    // the throttle first: the policies after it (counters, the wire capture) see every attempt
    additionalPolicies: [...throttle, ...[...(conn.policies ?? []), wireCapturePolicy].map((policy) => ({ policy, position: 'perCall' as const }))],
    ...(conn.throttle ? { retryOptions: { maxRetries: 0 } } : {}),
    userAgentOptions: { userAgentPrefix: 'aml-guard' },
  };
}
