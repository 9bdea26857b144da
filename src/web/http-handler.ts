/**
 * One HTTP entry point for the app (the Functions HTTP triggers and `aml-guard serve`): the
 * console's pages and assets, the local sign-in when a local issuer runs, else the JSON API.
 */
import { handleApiRequest } from '../api/router';
import type { ApiDeps, ApiRequest, ApiResponse } from '../api/types';
import { handleConsoleRequest, LOCAL_SIGN_IN_PATH, type ConsoleOptions } from './console';
import { handleLocalSignIn, type MintToken } from './local-sign-in';
import { securityHeaders } from './security-headers';

export interface AppHttpDeps {
  readonly api: ApiDeps;
  readonly console: ConsoleOptions;
  /** Only with a local token issuer (`aml-guard serve`): the sign-in form's token minting. */
  readonly localSignIn?: MintToken;
}

export async function handleAppRequest(request: ApiRequest, deps: AppHttpDeps): Promise<ApiResponse> {
  if (deps.localSignIn && request.path === LOCAL_SIGN_IN_PATH) return handleLocalSignIn(request, deps.localSignIn, securityHeaders(deps.console.signIn));
  return handleConsoleRequest(request, deps.console) ?? handleApiRequest(request, deps.api);
}
