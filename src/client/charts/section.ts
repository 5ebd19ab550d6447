/**
 * «Диаграммы»: after a consolidation the panel asks the server for the chart model (the «charts» call, the same on
 * both transports) and draws it itself (layout.ts). The charts stay until the next consolidation changes the summary
 * (index.ts rebuilds the section then). The department's internal ones come last, under «Для служебного пользования».
 */
import type { Chart } from '../../core/chart/model';
import { type Child, button, h, replaceChildren } from '../dom';
import { errorMessage, rpc } from '../rpc';
import type { View } from '../state';
import { chartSvg } from './layout';
import { toElement } from './svg-tree';
import './charts.css';

const NOT_YET = 'Диаграммы появятся после шага «Свод»: панель нарисует их по итогам свода.';

let drawn = 0;

/** One chart: its title, the drawing, and the caption with every number in words (chart.alt). */
export function chartFigure(chart: Chart): HTMLElement {
  drawn += 1;
  const uid = `chart-${drawn}`;
  return h(
    'figure',
    { className: `chart${chart.audience === 'internal' ? ' chart-internal' : ''}`, attrs: { 'data-chart': chart.id } },
    h('h3', { className: 'chart-title' }, chart.title),
    toElement(chartSvg(chart, uid), document),
    h('figcaption', { className: 'chart-caption' }, chart.alt),
  );
}

/** The charts as the panel lists them: shareable ones first, the internal analysis under its own marked heading. */
export function chartsList(title: string, charts: readonly Chart[]): Child[] {
  const shared = charts.filter((c) => c.audience !== 'internal');
  const internal = charts.filter((c) => c.audience === 'internal');
  return [
    title ? h('p', { className: 'muted charts-head' }, `${title}. Всего: ${charts.length}; под каждой — подпись со всеми числами.`) : null,
    h('div', { className: 'charts-list' }, ...shared.map(chartFigure)),
    internal.length > 0
      ? h(
          'div',
          { className: 'charts-internal', attrs: { role: 'group', 'aria-label': 'Для служебного пользования' } },
          h('h3', { className: 'charts-internal-head' }, 'Для служебного пользования'),
          h('p', { className: 'muted' }, 'Внутренний анализ отдела: разброс значений школ без их названий. Не для отчёта, рекомендаций и публикации.'),
          h('div', { className: 'charts-list' }, ...internal.map(chartFigure)),
        )
      : null,
  ];
}

async function load(body: HTMLElement): Promise<void> {
  replaceChildren(body, [
    h('div', { className: 'loading', attrs: { role: 'status' } }, h('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }), 'Рисую диаграммы…'),
  ]);
  const retry = (message: string): void =>
    replaceChildren(body, [
      h('p', { className: 'notice notice-error', attrs: { role: 'alert' } }, message),
      button('Повторить', () => void load(body), { className: 'btn btn-small' }),
    ]);
  try {
    const r = await rpc('charts');
    if (!r.ok) return retry(r.message);
    if (r.charts.length === 0) return replaceChildren(body, [h('p', { className: 'muted charts-empty' }, r.message)]);
    replaceChildren(body, [...chartsList(r.title, r.charts), button('Скрыть диаграммы', () => closed(body), { className: 'btn btn-ghost btn-small' })]);
  } catch (e) {
    retry(errorMessage(e));
  }
}

function closed(body: HTMLElement): void {
  replaceChildren(body, [
    button('Показать диаграммы', () => void load(body), { className: 'btn' }),
    h('p', { className: 'muted' }, 'Те же диаграммы, что на листе «Диаграммы»: значения против плановых, динамика, анкеты.'),
  ]);
}

export function chartsSection(view: View): HTMLElement | null {
  const server = view.server;
  if (!server?.campaign) return null;
  const body = h('div', { className: 'charts-body' });
  if (server.summary.length === 0) replaceChildren(body, [h('p', { className: 'muted charts-empty' }, NOT_YET)]);
  else closed(body);
  return h('section', { className: 'section charts', attrs: { 'aria-label': 'Диаграммы' } }, h('h2', null, 'Диаграммы'), body);
}
