import type { ServiceClient } from '@azure/core-client';
import { createHttpPoller, type LroResponse } from '@azure/core-lro';
import { createHttpHeaders, createPipelineRequest, RestError, type PipelineResponse } from '@azure/core-rest-pipeline';
import { PUBLIC_CLOUD_ENDPOINT, type ArmConnection } from './connection';

/**
 * ARM operations the typed SDK lacks (or cannot express without losing data) go through the
 * SDK client's own pipeline with `client.sendRequest`: same credential, retries, throttling
 * handling and policies as the typed calls. Only this file builds raw requests.
 */
export interface RawArmRequest {
  readonly method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  /** An absolute URL (an LRO poll link) or an ARM path such as a resource id plus `/action`. */
  readonly url: string;
  readonly body?: unknown;
}

/** `{endpoint}{path}?api-version=...`, each path segment encoded. */
export function armUrl(connection: ArmConnection, path: string, apiVersion: string): string {
  return armUrlAt(connection.endpoint ?? PUBLIC_CLOUD_ENDPOINT, path, apiVersion);
}

/** The same, at an endpoint given as a URL (an SDK client's `$host`). */
export function armUrlAt(host: string, path: string, apiVersion: string): string {
  const endpoint = host.replace(/\/+$/, '');
  const encoded = path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  return `${endpoint}${encoded.startsWith('/') ? '' : '/'}${encoded}?api-version=${encodeURIComponent(apiVersion)}`;
}

/** Sends one request; any 4xx/5xx (after the pipeline's retries) rejects with a RestError carrying ARM's error code. */
export async function sendArm(client: ServiceClient, req: RawArmRequest): Promise<PipelineResponse> {
  const request = createPipelineRequest({
    url: req.url,
    method: req.method,
    headers: createHttpHeaders({ accept: 'application/json', ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}) }),
    ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
  });
  const response = await client.sendRequest(request);
  if (response.status >= 400) throw armRestError(response);
  return response;
}

/** Sends a request that may start a long-running operation and waits for it (Azure-AsyncOperation / Location / provisioningState). */
export async function sendArmAndWait(client: ServiceClient, req: RawArmRequest, intervalInMs: number): Promise<unknown> {
  const poller = await createHttpPoller(
    {
      requestMethod: req.method,
      requestPath: req.url,
      sendInitialRequest: async () => asLroResponse(await sendArm(client, req)),
      sendPollRequest: async (url: string) => asLroResponse(await sendArm(client, { method: 'GET', url })),
    },
    { intervalInMs },
  );
  return poller.pollUntilDone();
}

function asLroResponse(response: PipelineResponse): LroResponse {
  const body = parseBody(response.bodyAsText);
  return { flatResponse: body, rawResponse: { statusCode: response.status, headers: response.headers.toJSON(), body } };
}

function parseBody(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function armRestError(response: PipelineResponse): RestError {
  const body = parseBody(response.bodyAsText);
  const error = body !== null && typeof body === 'object' && 'error' in body ? (body as { error?: { code?: unknown; message?: unknown } }).error : undefined;
  const code = typeof error?.code === 'string' ? error.code : undefined;
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${response.status} from ${response.request.method} ${response.request.url.split('?')[0]}`;
  return new RestError(message, { statusCode: response.status, request: response.request, response, ...(code ? { code } : {}) });
}
