/** Sign-in: Microsoft Entra ID through MSAL.js (authorization code + PKCE, redirect flow), or the local issuer's form. */
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

export async function signIn(root: HTMLElement, config: ConsoleConfig): Promise<Session> {
  const how = config.signIn;
  if (how.kind === 'local') return localSignIn(root);
  // MSAL.js is most of the script: a chunk of its own, loaded only where Entra ID signs people in.
  if (how.kind === 'entra') return (await import('./entra-sign-in')).entraSignIn(root, how);
  replaceChildren(root, h('section', { class: 'card', role: 'alert' }, h('h2', {}, 'Sign-in is not configured'), h('p', {}, how.reason)));
  return new Promise<never>(() => {});
}
