/**
 * The HTTP API on loopback, for `aml-guard serve`, the demo and tests: the same handlers as the
 * Functions app (src/api), behind node:http, authenticated either by a local token issuer
 * (default) or by a given Authenticator (e.g. Entra ID from AMLGUARD_AUTH_*).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtAuthenticator, type Authenticator } from '../auth';
import type { GuardContext } from '../engine/context';
import { AmlGuardApiClient, type ApiException, type ExceptionRequestBody } from './api-client';
import { nodeListener } from './http-adapter';
import { startLocalIssuer, type LocalIssuer } from './local-issuer';
import type { ConsoleSignIn } from '../web/console-settings';
import { handleAppRequest } from '../web/http-handler';

export const DEFAULT_API_PORT = 7071;

export interface LocalApiOptions {
  /** Port of the API (0: any free one). Default 0. */
  readonly port?: number;
  /** `local` (default): start a local token issuer. Otherwise the Authenticator to use. */
  readonly auth?: 'local' | Authenticator;
  /** Port of the local issuer (0: any free one). Default 0. */
  readonly issuerPort?: number;
  /** The console's sign-in when `auth` is an Authenticator (Entra ID); with the local issuer it is the local form. */
  readonly consoleSignIn?: ConsoleSignIn;
}

export interface LocalApi {
  /** `http://127.0.0.1:{port}`: the console at `/`, the endpoints under `/api`. */
  readonly url: string;
  /** The local issuer, when `auth` is `local`. */
  readonly issuer?: LocalIssuer;
  /** A token for `user` with `roles` (`Requester`, `Approver`, `Reader`); local issuer only. */
  tokenFor(user: string, roles: readonly string[]): Promise<string>;
  close(): Promise<void>;
}

export async function startLocalApi(ctx: GuardContext, options: LocalApiOptions = {}): Promise<LocalApi> {
  const issuer = options.auth === undefined || options.auth === 'local' ? await startLocalIssuer({ port: options.issuerPort ?? 0 }) : undefined;
  const auth: Authenticator = issuer ? jwtAuthenticator(issuer.config) : (options.auth as Authenticator);
  const signIn: ConsoleSignIn = issuer ? { kind: 'local' } : (options.consoleSignIn ?? { kind: 'unconfigured', reason: 'no sign-in configured for the console (AMLGUARD_CONSOLE_CLIENT_ID)' });
  const server = createServer(
    nodeListener((request) =>
      handleAppRequest(request, {
        api: { ctx, auth },
        console: { signIn, apiBase: '/api' },
        ...(issuer ? { localSignIn: (user: string, roles: readonly string[]) => issuer.tokenFor(user, roles) } : {}),
      }),
    ),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await issuer?.close();
    throw error;
  }
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    ...(issuer ? { issuer } : {}),
    async tokenFor(user, roles) {
      if (!issuer) throw new Error('tokenFor needs the local issuer (auth: "local")');
      return issuer.tokenFor(user, roles);
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await issuer?.close();
    },
  };
}

/**
 * For the demo: `requester` asks for an exception and `approver` approves it, both over HTTP with
 * local-issuer tokens (so the request, the approval and their audit entries are the real ones).
 */
export async function requestAndApprove(
  api: LocalApi,
  request: ExceptionRequestBody,
  people: { readonly requester: string; readonly approver: string; readonly comment?: string } = { requester: 'dana', approver: 'sam' },
): Promise<ApiException> {
  const asRequester = new AmlGuardApiClient(api.url, await api.tokenFor(people.requester, ['Requester']));
  const asApprover = new AmlGuardApiClient(api.url, await api.tokenFor(people.approver, ['Approver']));
  const pending = await asRequester.request(request);
  return asApprover.approve(pending.id, people.comment);
}
