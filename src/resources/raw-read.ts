import type { ServiceClient } from '@azure/core-client';
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';

/** An SDK client with the ARM endpoint it was created for. */
export type HostedClient = ServiceClient & { readonly $host: string };

/**
 * GETs an ARM path (and, for a list, every `nextLink` page) through an SDK client's own pipeline,
 * for the reads the pinned Machine Learning SDK (2.1.1) has no method for: ML registries. The
 * bodies reach the caller's wire capture (the client's pipeline carries wire-scope.ts's policy);
 * a 4xx/5xx rejects with a RestError, so a 404 reads as "deleted" like any SDK read.
 */
export async function rawGet(client: HostedClient, path: string, apiVersion: string): Promise<void> {
  const base = client.$host.replace(/\/+$/, '');
  let next: string | undefined = `${base}${path.split('/').map(encodeURIComponent).join('/')}?api-version=${encodeURIComponent(apiVersion)}`;
  while (next !== undefined) {
    const request = createPipelineRequest({ url: next, method: 'GET', headers: createHttpHeaders({ accept: 'application/json' }) });
    const response = await client.sendRequest(request);
    const body: unknown = response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined;
    if (response.status >= 400) {
      const error = body !== null && typeof body === 'object' && 'error' in body ? (body as { error?: { code?: unknown; message?: unknown } }).error : undefined;
      const code = typeof error?.code === 'string' ? error.code : undefined;
      throw new RestError(typeof error?.message === 'string' ? error.message : `HTTP ${response.status} from GET ${path}`, { statusCode: response.status, request, response, ...(code ? { code } : {}) });
    }
    const link = body !== null && typeof body === 'object' && 'nextLink' in body ? (body as { nextLink?: unknown }).nextLink : undefined;
    next = typeof link === 'string' && link !== '' ? link : undefined;
  }
}
