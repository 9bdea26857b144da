/** Sign-in: Microsoft Entra ID through MSAL.js (authorization code + PKCE, redirect flow), or the local issuer's form. */
import { InteractionRequiredAuthError, PublicClientApplication, type AccountInfo } from '@azure/msal-browser';
import { h, replaceChildren, uid } from './dom';
import type { TokenSource } from './api';
import { apiErrorSchema, tokenAnswerSchema, type ConsoleConfig } from './schemas';

export interface Session {
  readonly token: TokenSource;
  signOut(): Promise<void>;
}

const LOCAL_TOKEN_KEY = 'aml-guard.local-token';

/** The local sign-in form: a user name and the app roles to hold. Resolves once a token is minted. */
function localSignIn(root: HTMLElement): Promise<Session> {
  const kept = sessionStorage.getItem(LOCAL_TOKEN_KEY);
  const session = (token: string): Session => ({
    token: async () => token,
    signOut: async () => sessionStorage.removeItem(LOCAL_TOKEN_KEY),
  });
  if (kept) return Promise.resolve(session(kept));
  return new Promise((resolve) => {
    const userId = uid('user');
    const errorId = uid('sign-in-error');
    const user = h('input', { id: userId, name: 'user', type: 'text', autocomplete: 'username', required: true, 'aria-describedby': errorId, spellcheck: 'false' });
    const role = (name: string, checked: boolean) => {
      const id = uid(`role-${name.toLowerCase()}`);
      return h('div', { class: 'check' }, h('input', { id, type: 'checkbox', name: 'roles', value: name, checked }), h('label', { for: id }, name));
    };
    const error = h('p', { id: errorId, class: 'error', role: 'alert' });
    const form = h(
      'form',
      { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
      h('h2', { id: 'sign-in-title' }, 'Sign in (local issuer)'),
      h('p', { class: 'hint' }, 'This console runs against a local token issuer: pick a user name and the app roles to hold. In Azure, people sign in with Microsoft Entra ID.'),
      h('div', { class: 'field' }, h('label', { for: userId }, 'User'), user),
      h('fieldset', {}, h('legend', {}, 'Roles'), role('Requester', false), role('Approver', false), role('Reader', true)),
      error,
      h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const roles = [...form.querySelectorAll<HTMLInputElement>('input[name="roles"]:checked')].map((i) => i.value);
      void (async () => {
        const res = await fetch('/console/local-sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: user.value.trim(), roles }) });
        const payload: unknown = await res.json().catch(() => undefined);
        const ok = tokenAnswerSchema.safeParse(payload);
        if (!res.ok || !ok.success) {
          const e = apiErrorSchema.safeParse(payload);
          error.textContent = e.success ? e.data.error.message : `sign-in failed (${res.status})`;
          user.focus();
          return;
        }
        sessionStorage.setItem(LOCAL_TOKEN_KEY, ok.data.accessToken);
        resolve(session(ok.data.accessToken));
      })();
    });
    replaceChildren(root, form);
    user.focus();
  });
}

/** Entra ID: back from the redirect with an account, or a "Sign in" button that starts the redirect. */
async function entraSignIn(root: HTMLElement, cfg: { clientId: string; authority: string; apiScope: string }): Promise<Session> {
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

export async function signIn(root: HTMLElement, config: ConsoleConfig): Promise<Session> {
  const how = config.signIn;
  if (how.kind === 'local') return localSignIn(root);
  if (how.kind === 'entra') return entraSignIn(root, how);
  replaceChildren(root, h('section', { class: 'card', role: 'alert' }, h('h2', {}, 'Sign-in is not configured'), h('p', {}, how.reason)));
  return new Promise<never>(() => {});
}
