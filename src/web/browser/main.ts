/** The approval console: sign in, then pending requests, active exceptions, KPIs and findings from the JSON API. */
import { Api, ApiRefusal } from './api';
import { signIn, type Session } from './auth';
import { h, replaceChildren } from './dom';
import { describeResource } from './format';
import { consoleConfigSchema, type ApiException, type ApiFinding, type Me, type RuleInfo } from './schemas';
import { activeSection, findingsSection, kpiSection, pendingSection, type Decision, type ViewContext } from './views';

const PAST: Record<Decision, string> = { approve: 'Approved', reject: 'Rejected', revoke: 'Revoked' };

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el;
}

function announce(message: string, kind: 'ok' | 'error' = 'ok'): void {
  const status = byId('status');
  status.className = kind;
  status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  status.textContent = message;
}

async function main(): Promise<void> {
  const root = byId('app');
  const res = await fetch('/console/config.json', { cache: 'no-store' });
  const config = consoleConfigSchema.parse(await res.json());
  const session: Session = await signIn(root, config);
  const api = new Api(config.apiBase, session.token);
  let me: Me;
  try {
    me = await api.me();
  } catch (error) {
    await session.signOut();
    throw error;
  }
  document.querySelector('nav.sections')?.removeAttribute('hidden');
  const rules = new Map<string, RuleInfo>((await api.rules()).rules.map((r) => [r.id, r]));
  let filters: Record<string, string> = { status: 'open' };

  byId('who').replaceChildren(
    h('span', {}, `Signed in as ${me.name} (${me.roles.map((r) => r.replace('AmlGuard.', '')).join(', ') || 'no role'})`),
    h('button', { type: 'button', class: 'link', onclick: () => void session.signOut().then(() => location.reload()) }, 'Sign out'),
  );

  const render = async (focusId?: string): Promise<void> => {
    const [pending, approved, allFindings, shown, kpis] = await Promise.all([
      api.exceptions('pending'),
      api.exceptions('approved'),
      api.findings(),
      api.findings(filters),
      me.roles.some((r) => r === 'AmlGuard.Reader' || r === 'AmlGuard.Approver') ? api.kpis() : Promise.resolve(undefined),
    ]);
    document.getElementById('kpis-link')?.toggleAttribute('hidden', !kpis);
    replaceChildren(
      root,
      pendingSection(ctx, pending.exceptions, allFindings.findings),
      activeSection(ctx, approved.exceptions),
      kpis ? kpiSection(kpis) : null,
      findingsSection(ctx, shown.findings, filters),
    );
    if (focusId) document.getElementById(focusId)?.focus();
  };

  const act = async (what: () => Promise<string>, focusId: string): Promise<void> => {
    try {
      const message = await what();
      await render(focusId);
      announce(message);
    } catch (error) {
      if (error instanceof ApiRefusal && error.status === 401) {
        // The sign-in expired (local tokens live an hour): sign in again.
        await session.signOut();
        location.reload();
        return;
      }
      announce(error instanceof Error ? error.message : String(error), 'error');
    }
  };

  const ctx: ViewContext = {
    me,
    rules,
    decide: (e: ApiException, action: Decision, text: string) =>
      act(async () => {
        const saved = await api.decide(e.id, action, text);
        return `${PAST[action]}: ${saved.ruleId} on ${describeResource(saved.scope)}${saved.expiresAt ? ` until ${new Date(saved.expiresAt).toLocaleString()}` : ''}.`;
      }, action === 'approve' ? 'active-title' : 'pending-title'),
    requestException: (f: ApiFinding, reason: string, hours: number) =>
      act(async () => {
        const created = await api.request({ scope: f.resourceId, ruleId: f.ruleId, reason, durationHours: hours });
        return `Requested: ${created.ruleId} on ${describeResource(created.scope)} for ${created.durationHours} h; an approver decides.`;
      }, 'pending-title'),
    filterFindings: async (next: Record<string, string>) => {
      filters = next;
      await act(async () => 'Findings filtered.', 'findings-title');
    },
  };
  await render();
}

main().catch((error: unknown) => announce(`The console could not start: ${error instanceof Error ? error.message : String(error)}`, 'error'));
