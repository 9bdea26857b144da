/** The console's sections: pending requests, active exceptions, KPIs, findings. Each renders from API data and calls back for actions. */
import { barChart, gauge } from './charts';
import { h, uid } from './dom';
import { describeResource, jsonText, timeLeft, when } from './format';
import type { ApiException, ApiFinding, ApiKpis, Me, RuleInfo } from './schemas';

export type Decision = 'approve' | 'reject' | 'revoke';

export interface ViewContext {
  readonly me: Me;
  readonly rules: ReadonlyMap<string, RuleInfo>;
  decide(e: ApiException, action: Decision, text: string): Promise<void>;
  requestException(f: ApiFinding, reason: string, hours: number): Promise<void>;
  filterFindings(filters: Record<string, string>): Promise<void>;
}

const isApprover = (me: Me) => me.roles.includes('AmlGuard.Approver');
const isRequester = (me: Me) => me.roles.includes('AmlGuard.Requester');
const ruleTitle = (ctx: ViewContext, ruleId: string) => (ruleId === '*' ? 'Every rule' : (ctx.rules.get(ruleId)?.title ?? ruleId));
const person = (name: string | undefined, oid: string) => name ?? oid;

function covers(scope: string, resourceId: string): boolean {
  const s = scope.toLowerCase();
  const r = resourceId.toLowerCase();
  return r === s || r.startsWith(`${s}/`);
}

function evidenceList(evidence: Record<string, unknown>): HTMLElement {
  return h('dl', { class: 'evidence' }, ...Object.entries(evidence).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, h('code', {}, jsonText(v)))]));
}

/** What AML Guard would do once the exception no longer stands: the finding's own remediation, under the rule's mode. */
function wouldDo(rule: RuleInfo | undefined, findings: readonly ApiFinding[]): string {
  const action = findings.find((f) => f.remediation)?.remediation ?? rule?.remediation ?? 'report';
  if (!rule) return action;
  if (rule.mode === 'enforce') return `Fix it automatically (mode enforce): ${action}.`;
  if (rule.mode === 'audit') return `Report only (mode audit): ${action}.`;
  return 'Nothing: the rule is off.';
}

function decisionForm(ctx: ViewContext, e: ApiException, titleId: string, actions: readonly Decision[], note: string): HTMLElement {
  const textId = uid('note');
  const text = h('textarea', { id: textId, rows: 2, maxlength: 1000, 'aria-describedby': titleId });
  const label = actions.includes('approve') ? 'Comment (optional to approve, required to reject)' : 'Reason (required)';
  const names: Record<Decision, string> = { approve: 'Approve', reject: 'Reject', revoke: 'Revoke' };
  const buttons = actions.map((a) => {
    const button = h('button', { type: 'button', class: a === 'approve' ? 'primary' : 'danger', 'aria-describedby': titleId }, names[a]);
    button.addEventListener('click', () => {
      button.disabled = true;
      void ctx.decide(e, a, text.value.trim()).finally(() => (button.disabled = false));
    });
    return button;
  });
  return h('div', { class: 'decision' }, note ? h('p', { class: 'hint' }, note) : null, h('label', { for: textId }, label), text, h('div', { class: 'buttons' }, ...buttons));
}

export function pendingSection(ctx: ViewContext, pending: readonly ApiException[], findings: readonly ApiFinding[]): HTMLElement {
  const cards = pending.map((e) => {
    const titleId = uid('request');
    const rule = ctx.rules.get(e.ruleId);
    const mine = e.requestedBy === ctx.me.oid;
    const concerned = findings.filter((f) => f.status !== 'resolved' && covers(e.scope, f.resourceId) && (e.ruleId === '*' || f.ruleId === e.ruleId));
    let actions: HTMLElement | null = null;
    if (mine) {
      actions = decisionForm(ctx, e, titleId, ['revoke'], 'You requested this exception: another approver must decide (separation of duties). You may withdraw it.');
    } else if (isApprover(ctx.me)) {
      actions = decisionForm(ctx, e, titleId, ['approve', 'reject'], '');
    } else {
      actions = h('p', { class: 'hint' }, 'An approver decides on this request.');
    }
    return h(
      'article',
      { class: 'card request', 'aria-labelledby': titleId, 'data-exception-id': e.id },
      h('h3', { id: titleId }, `${ruleTitle(ctx, e.ruleId)} — ${describeResource(e.scope)}`),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Rule'),
        h('dd', {}, `${e.ruleId}${rule ? ` (${rule.severity}, ${rule.benchmark})` : ''}`),
        h('dt', {}, 'Resource'),
        h('dd', {}, h('code', { class: 'id' }, e.scope)),
        h('dt', {}, 'Requested by'),
        h('dd', {}, `${person(e.requestedByName, e.requestedBy)} on ${when(e.createdAt)}`),
        h('dt', {}, 'For'),
        h('dd', {}, `${e.durationHours} h from approval`),
        h('dt', {}, 'Reason'),
        h('dd', {}, e.reason),
      ),
      rule ? h('p', {}, h('strong', {}, 'Why the rule exists: '), rule.rationale) : null,
      h('p', {}, h('strong', {}, 'What this exception lets stand: '), concerned.length ? `${concerned.length} open finding(s), below.` : 'no open finding on this scope right now.'),
      ...concerned.slice(0, 5).map((f) => h('div', { class: 'finding-evidence' }, h('p', {}, `${f.title} — ${describeResource(f.resourceId)}, ${f.status}`), evidenceList(f.evidence))),
      h('p', {}, h('strong', {}, 'What AML Guard would do without it: '), wouldDo(rule, concerned)),
      actions,
    );
  });
  return section('pending', `Pending requests (${pending.length})`, cards.length ? cards : [h('p', { class: 'empty' }, 'No request waits for a decision.')]);
}

export function activeSection(ctx: ViewContext, active: readonly ApiException[]): HTMLElement {
  const cards = active.map((e) => {
    const titleId = uid('exception');
    return h(
      'article',
      { class: 'card exception', 'aria-labelledby': titleId, 'data-exception-id': e.id },
      h('h3', { id: titleId }, `${ruleTitle(ctx, e.ruleId)} — ${describeResource(e.scope)}`),
      h('p', { class: 'time-left' }, `${timeLeft(e.expiresAt)} (until ${when(e.expiresAt)})`),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Resource'),
        h('dd', {}, h('code', { class: 'id' }, e.scope)),
        h('dt', {}, 'Requested by'),
        h('dd', {}, person(e.requestedByName, e.requestedBy)),
        h('dt', {}, 'Approved by'),
        h('dd', {}, `${person(e.approvedByName, e.approvedBy ?? '')} on ${when(e.approvedAt)}`),
        h('dt', {}, 'Reason'),
        h('dd', {}, e.reason),
      ),
      isApprover(ctx.me) ? decisionForm(ctx, e, titleId, ['revoke'], 'Revoking ends the exception now; AML Guard re-evaluates what it covered.') : null,
    );
  });
  return section('active', `Active exceptions (${active.length})`, cards.length ? cards : [h('p', { class: 'empty' }, 'No exception is in force.')]);
}

export function kpiSection(k: ApiKpis): HTMLElement {
  const tile = (label: string, value: string) => h('div', { class: 'tile' }, h('span', { class: 'tile-value' }, value), h('span', { class: 'tile-label' }, label));
  const severityOrder = ['high', 'medium', 'low'];
  const severities = Object.entries(k.openFindingsBySeverity).sort(([a], [b]) => severityOrder.indexOf(a) - severityOrder.indexOf(b));
  return section('kpis', 'KPIs', [
    h('p', { class: 'hint' }, `Window: ${when(k.window.since)} – ${when(k.window.until)}`),
    h(
      'div',
      { class: 'tiles' },
      tile('workspaces', String(k.workspacesTotal)),
      tile('computes with a public IP', `${k.computeWithPublicIp} of ${k.computeTotal}`),
      tile('mean time to remediate', k.mttrHours === null ? '—' : `${k.mttrHours} h`),
      tile('active exceptions', String(k.activeExceptions)),
    ),
    h(
      'div',
      { class: 'charts' },
      gauge('Workspaces with public access disabled', k.workspacesPublicAccessDisabledPct),
      barChart('Open findings by severity', severities, { classOf: (l) => `sev-${l}` }),
      barChart('Remediations by outcome', Object.entries(k.remediationsByOutcome), { classOf: (l) => `out-${l}` }),
      barChart('Open findings by rule', Object.entries(k.openFindingsByRule).sort(([, a], [, b]) => b - a)),
    ),
  ]);
}

function select(label: string, name: string, options: readonly string[], value: string): HTMLElement {
  const id = uid(name);
  const el = h('select', { id, name }, h('option', { value: '' }, 'any'), ...options.map((o) => h('option', { value: o, selected: o === value }, o)));
  return h('div', { class: 'field' }, h('label', { for: id }, label), el);
}

function requestForm(ctx: ViewContext, f: ApiFinding): HTMLElement {
  const reasonId = uid('reason');
  const hoursId = uid('hours');
  const reason = h('input', { id: reasonId, type: 'text', required: true, maxlength: 1000 });
  const hours = h('input', { id: hoursId, type: 'number', min: 1, step: 1, value: 72, required: true });
  const form = h(
    'form',
    { class: 'request-form' },
    h('div', { class: 'field' }, h('label', { for: reasonId }, 'Why the exception is needed'), reason),
    h('div', { class: 'field narrow' }, h('label', { for: hoursId }, 'Hours'), hours),
    h('button', { type: 'submit' }, 'Request exception'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void ctx.requestException(f, reason.value.trim(), Number(hours.value));
  });
  return form;
}

export function findingsSection(ctx: ViewContext, findings: readonly ApiFinding[], filters: Record<string, string>): HTMLElement {
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter findings' },
    select('Status', 'status', ['open', 'excepted', 'resolved'], filters.status ?? ''),
    select('Severity', 'severity', ['high', 'medium', 'low'], filters.severity ?? ''),
    select('Rule', 'ruleId', [...ctx.rules.keys()], filters.ruleId ?? ''),
    h('button', { type: 'submit' }, 'Filter'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    void ctx.filterFindings({ status: String(data.get('status') ?? ''), severity: String(data.get('severity') ?? ''), ruleId: String(data.get('ruleId') ?? '') });
  });
  const rows = findings.map((f) =>
    h(
      'tr',
      {},
      h('td', {}, h('span', { class: `badge sev-${f.severity}` }, f.severity)),
      h('td', { class: 'nowrap' }, h('span', { title: f.title }, f.ruleId)),
      h('th', { scope: 'row' }, describeResource(f.resourceId)),
      h('td', {}, h('span', { class: `badge status-${f.status}` }, f.status)),
      h('td', {}, when(f.lastSeen)),
      h(
        'td',
        {},
        h('details', {}, h('summary', {}, f.title), evidenceList(f.evidence), f.remediation ? h('p', {}, `Remediation: ${f.remediation}`) : null),
        f.status === 'open' && isRequester(ctx.me) ? requestForm(ctx, f) : null,
      ),
    ),
  );
  const table = h(
    'table',
    {},
    h('caption', {}, `${findings.length} finding(s)`),
    h('thead', {}, h('tr', {}, ...['Severity', 'Rule', 'Resource', 'Status', 'Last seen', 'Details'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows),
  );
  return section('findings', 'Findings', [form, h('div', { class: 'table-wrap' }, table)]);
}

function section(id: string, title: string, children: readonly HTMLElement[]): HTMLElement {
  const titleId = `${id}-title`;
  // tabindex -1: after an action, focus moves to the section that changed (keyboard and screen-reader users follow it).
  return h('section', { id, 'aria-labelledby': titleId }, h('h2', { id: titleId, tabindex: -1 }, title), ...children);
}
