/** Microsoft Entra ID sign-in with MSAL.js: authorization code flow with PKCE, by redirect; tokens in session storage. */
import { InteractionRequiredAuthError, PublicClientApplication, type AccountInfo } from '@azure/msal-browser';
import type { Session } from './auth';
import { h, replaceChildren } from './dom';

/** Entra ID: back from the redirect with an account, or a "Sign in" button that starts the redirect. */
export async function entraSignIn(root: HTMLElement, cfg: { clientId: string; authority: string; apiScope: string }): Promise<Session> {
  const pca = new PublicClientApplication({
    auth: { clientId: cfg.clientId, authority: cfg.authority, redirectUri: `${location.origin}/` },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await pca.initialize();
  const back = await pca.handleRedirectPromise();
  const scopes = [cfg.apiScope];
  let account: AccountInfo | undefined = back?.account ?? pca.getAllAccounts()[0];
  if (!account) {
    await new Promise<never>(() => {
      replaceChildren(
        root,
        h(
          'section',
          { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
          h('h2', { id: 'sign-in-title' }, 'Sign in'),
          h('p', {}, 'Sign in with your Microsoft Entra ID work account. Your app roles (Requester, Approver, Reader) decide what you can do.'),
          h('button', { type: 'button', class: 'primary', onclick: () => void pca.loginRedirect({ scopes }) }, 'Sign in'),
        ),
      );
    });
  }
  const signedIn = account;
  return {
    token: async () => {
      try {
        return (await pca.acquireTokenSilent({ scopes, account: signedIn })).accessToken;
      } catch (error) {
        if (error instanceof InteractionRequiredAuthError) await pca.acquireTokenRedirect({ scopes, account: signedIn });
        throw error;
      }
    },
    signOut: async () => {
      account = undefined;
      await pca.logoutRedirect({ account: signedIn, postLogoutRedirectUri: `${location.origin}/` });
    },
  };
}

