/** Inline SVG charts (no library): horizontal bars and a gauge, each with a text equivalent for screen readers. */
import { h, svg } from './dom';

export function barChart(title: string, entries: readonly (readonly [string, number])[], options: { readonly classOf?: (label: string) => string } = {}): HTMLElement {
  const rows = entries.length ? entries : ([['none', 0]] as const);
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const labelWidth = 110;
  const barWidth = 150;
  const rowHeight = 24;
  const height = rows.length * rowHeight + 4;
  const summary = `${title}: ${rows.map(([l, v]) => `${l} ${v}`).join(', ')}`;
  const chart = svg(
    'svg',
    { viewBox: `0 0 ${labelWidth + barWidth + 50} ${height}`, role: 'img', 'aria-label': summary, class: 'chart' },
    svg('title', {}, summary),
    ...rows.flatMap(([label, value], i) => {
      const y = i * rowHeight + 2;
      const w = Math.round((value / max) * barWidth);
      return [
        svg('text', { x: labelWidth - 8, y: y + 16, 'text-anchor': 'end', class: 'chart-label' }, label),
        svg('rect', { x: labelWidth, y: y + 3, width: Math.max(w, value > 0 ? 2 : 0), height: rowHeight - 8, rx: 3, class: `bar ${options.classOf?.(label) ?? ''}` }),
        svg('text', { x: labelWidth + Math.max(w, 0) + 6, y: y + 16, class: 'chart-value' }, String(value)),
      ];
    }),
  );
  return h('figure', { class: 'chart-card' }, h('figcaption', {}, title), chart);
}

/** A 0-100 % ring. */
export function gauge(title: string, pct: number | null): HTMLElement {
  const r = 40;
  const c = 2 * Math.PI * r;
  const value = pct ?? 0;
  const text = pct === null ? 'no data' : `${pct}%`;
  const chart = svg(
    'svg',
    { viewBox: '0 0 100 100', role: 'img', 'aria-label': `${title}: ${text}`, class: 'gauge' },
    svg('title', {}, `${title}: ${text}`),
    svg('circle', { cx: 50, cy: 50, r, class: 'gauge-track' }),
    ...(value > 0 ? [svg('circle', { cx: 50, cy: 50, r, class: 'gauge-fill', 'stroke-dasharray': `${(value / 100) * c} ${c}`, transform: 'rotate(-90 50 50)' })] : []),
    svg('text', { x: 50, y: 55, 'text-anchor': 'middle', class: 'gauge-text' }, text),
  );
  return h('figure', { class: 'chart-card gauge-card' }, h('figcaption', {}, title), chart);
}
