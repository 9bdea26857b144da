import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
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
}

export const PUBLIC_CLOUD_ENDPOINT = 'https://management.azure.com';

/** Options shared by every SDK client we construct; every pipeline carries the wire capture (wire-scope.ts). */
export function clientOptions(conn: ArmConnection) {
  return {
    endpoint: conn.endpoint ?? PUBLIC_CLOUD_ENDPOINT,
    ...(conn.ca ? { tlsOptions: { ca: conn.ca } } : {}),
    additionalPolicies: [...(conn.policies ?? []), wireCapturePolicy].map((policy) => ({ policy, position: 'perCall' as const })),
    userAgentOptions: { userAgentPrefix: 'aml-guard' },
  };
}
