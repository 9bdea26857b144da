/**
 * The managed identity endpoint App Service / Functions gives a worker (IDENTITY_ENDPOINT +
 * IDENTITY_HEADER, api-version 2019-08-01), handing out sandbox tokens: @azure/identity's
 * DefaultAzureCredential in the app gets its ARM tokens the way it does in Azure.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenCredential } from '@azure/core-auth';

export interface ManagedIdentityEndpoint {
  /** IDENTITY_ENDPOINT / IDENTITY_HEADER for the worker's environment. */
  readonly env: { readonly IDENTITY_ENDPOINT: string; readonly IDENTITY_HEADER: string };
  /** Every token request: the resource (audience) and client id asked for. */
  readonly requests: { resource: string | null; clientId: string | null }[];
  close(): Promise<void>;
}

export async function startManagedIdentityEndpoint(credential: TokenCredential): Promise<ManagedIdentityEndpoint> {
  const secret = randomUUID();
  const requests: ManagedIdentityEndpoint['requests'] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.headers['x-identity-header'] !== secret) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"missing X-IDENTITY-HEADER"}');
        return;
      }
      const resource = url.searchParams.get('resource');
      requests.push({ resource, clientId: url.searchParams.get('client_id') });
      const token = await credential.getToken(`${resource ?? ''}/.default`);
      if (!token) {
        res.writeHead(500).end();
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ access_token: token.token, expires_on: String(Math.floor(token.expiresOnTimestamp / 1000)), resource, token_type: 'Bearer' }));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    env: { IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token`, IDENTITY_HEADER: secret },
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
