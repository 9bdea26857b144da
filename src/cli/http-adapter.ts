/**
 * node:http -> the API handlers, and nothing more: read the body (capped), hand the handler an
 * ApiRequest, write its ApiResponse as JSON. Used by `aml-guard serve` and the local demo API.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { MAX_BODY_BYTES, type ApiRequest, type ApiResponse } from '../api/types';

export type RequestHandler = (request: ApiRequest) => Promise<ApiResponse>;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: ApiResponse): void {
  if (response.json === undefined && response.raw !== undefined) {
    res.writeHead(response.status, { ...response.headers, 'Content-Length': Buffer.byteLength(response.raw) });
    res.end(response.raw);
    return;
  }
  const body = response.json === undefined ? '' : JSON.stringify(response.json);
  res.writeHead(response.status, { ...response.headers, ...(body ? { 'Content-Type': 'application/json; charset=utf-8' } : {}), 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Adapts a request from node:http to an ApiRequest. */
export async function toApiRequest(req: IncomingMessage, maxBodyBytes = MAX_BODY_BYTES): Promise<ApiRequest> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return { method: req.method ?? 'GET', path: url.pathname, query, headers, body: await readBody(req, maxBodyBytes) };
}

export function nodeListener(handler: RequestHandler, maxBodyBytes = MAX_BODY_BYTES): RequestListener {
  return (req, res) => {
    void (async () => {
      let request: ApiRequest;
      try {
        request = await toApiRequest(req, maxBodyBytes);
      } catch (error) {
        const tooLarge = error instanceof BodyTooLarge;
        send(res, {
          status: tooLarge ? 413 : 400,
          headers: { Connection: 'close' },
          json: { error: { code: tooLarge ? 'BodyTooLarge' : 'BadRequest', message: tooLarge ? `the request body must be at most ${maxBodyBytes} bytes` : 'the request could not be read' } },
        });
        return;
      }
      let response: ApiResponse;
      try {
        response = await handler(request);
      } catch {
        response = { status: 500, headers: {}, json: { error: { code: 'InternalError', message: 'internal error' } } };
      }
      send(res, response);
    })();
  };
}
