import { h } from './dom';
import type { View } from './state';

/**
 * The four components of the management cycle (issue 16), compact: how many directions have gaps, each with the
 * numbers of its missing components; the full table is the «Четыре компонента» sheet.
 */
export function cycleSection(view: View): HTMLElement | null {
  const cycle = view.server?.cycle;
  if (!cycle || cycle.directions === 0) return null;
  const head =
    cycle.gaps.length === 0
      ? `Все ${cycle.directions} направлений: четыре компонента есть`
      : `Направлений с пробелами: ${cycle.gaps.length} из ${cycle.directions}`;
  return h(
    'section',
    { className: 'section', attrs: { 'aria-label': 'Управленческий цикл' } },
    h('h2', null, 'Управленческий цикл'),
    h('div', { className: 'card total' }, h('span', null, head)),
    h('ol', { className: 'cycle-legend' }, ...cycle.titles.map((t) => h('li', null, t))),
    h('ul', { className: 'cycle-gaps' }, ...cycle.gaps.map((g) => h('li', { className: 'b-missing' }, `${g.direction}: нет ${g.missing.join(', ')}`))),
  );
}
