/** The school list: status badge, last change, links, errors with messages, return/accept. */
import type { Controller } from './controller';
import { button, h, link, plural, ruDate } from './dom';
import type { SchoolView, Store, View } from './state';

/** Badge colour class per lifecycle (styles.css). */
const BADGE: Record<string, string> = {
  'не получено': 'b-missing',
  заполняется: 'b-filling',
  'готово к проверке': 'b-ready',
  'есть ошибки': 'b-errors',
  возвращено: 'b-returned',
  принято: 'b-accepted',
};

export function badge(lifecycle: string): HTMLElement {
  return h('span', { className: `badge ${BADGE[lifecycle] ?? 'b-missing'}` }, lifecycle);
}

/** Status counts; each chip filters the list below (a second click shows all again). */
export function countChips(view: View, store: Store): HTMLElement {
  // the server sends every state, in the panel's order, with its label
  const counts = view.server?.counts ?? [];
  const chips = counts.map(({ state, count: n }) => {
    const active = view.filter === state;
    return h(
      'button',
      {
        className: `chip ${BADGE[state] ?? ''}${active ? ' active' : ''}${n === 0 ? ' zero' : ''}`,
        attrs: { type: 'button', 'aria-pressed': String(active), title: active ? 'Показать все школы' : `Показать: ${state}` },
        on: { click: () => store.set({ filter: active ? null : state }) },
      },
      h('span', { className: 'chip-n' }, n),
      ` ${state}`,
    );
  });
  return h('div', { className: 'chips', attrs: { 'aria-label': 'Школы по состояниям' } }, ...chips);
}

function errorsBlock(s: SchoolView): HTMLElement | null {
  if (s.errors === 0 && s.messages.length === 0) return null;
  const summary =
    s.errors > 0
      ? `${s.errors} ${plural(s.errors, 'ошибка', 'ошибки', 'ошибок')}`
      : `${s.messages.length} ${plural(s.messages.length, 'замечание', 'замечания', 'замечаний')}`;
  return h(
    'details',
    { className: s.errors > 0 ? 'errors' : 'remarks' },
    h('summary', null, summary),
    h('ul', { className: 'messages' }, ...s.messages.map((m) => h('li', null, m))),
  );
}

function returnForm(s: SchoolView, store: Store, ctl: Controller, busy: boolean): HTMLElement {
  const area = h('textarea', {
    attrs: { rows: '3', maxlength: '2000', placeholder: 'Что исправить: школа увидит это в своей таблице', 'aria-label': `Причина возврата: ${s.name}` },
    on: { input: () => store.drafts.set(s.id, area.value) },
  });
  area.value = store.drafts.get(s.id) ?? '';
  return h(
    'div',
    { className: 'return-form' },
    h('label', { className: 'field-label' }, 'Причина возврата'),
    area,
    h(
      'div',
      { className: 'row' },
      button('Вернуть', () => void ctl.returnSchool(s.id, area.value), { className: 'btn btn-warn', disabled: busy }),
      button('Отмена', () => store.set({ returning: null }), { className: 'btn btn-ghost' }),
    ),
  );
}

function actions(s: SchoolView, view: View, store: Store, ctl: Controller, busy: boolean): HTMLElement | null {
  if (s.lifecycle === 'не получено') return null;
  if (view.returning === s.id) return returnForm(s, store, ctl, busy);
  const acceptBlocked = s.errors > 0 ? 'Сначала школа должна исправить ошибки' : s.lifecycle === 'принято' ? 'Уже принято' : '';
  return h(
    'div',
    { className: 'row actions' },
    button('Вернуть на доработку', () => store.set({ returning: s.id }), {
      className: 'btn btn-small',
      disabled: busy || !s.fileUrl,
      aria: `Вернуть на доработку: ${s.name}`,
    }),
    button('Принять', () => void ctl.acceptSchool(s.id), {
      className: 'btn btn-small btn-ok',
      disabled: busy || acceptBlocked !== '',
      title: acceptBlocked || 'Принять данные школы',
      aria: `Принять: ${s.name}`,
    }),
  );
}

export function schoolCard(s: SchoolView, view: View, store: Store, ctl: Controller, busy: boolean): HTMLElement {
  const meta: (HTMLElement | string)[] = [`код ${s.id}`];
  if (s.changedAt) meta.push(`изменено ${ruDate(s.changedAt)}`);
  const links: HTMLElement[] = [];
  if (s.fileUrl) links.push(link(s.fileUrl, 'Таблица школы'));
  if (s.docUrl) links.push(link(s.docUrl, 'Рекомендации'));
  if (s.returnedUrl) links.push(link(s.returnedUrl, 'Копия для возврата'));
  return h(
    'li',
    { className: 'card school', attrs: { 'data-school': s.id } },
    h('div', { className: 'school-head' }, h('span', { className: 'school-name' }, s.name), badge(s.lifecycle)),
    h('div', { className: 'meta' }, meta.join(' · ')),
    links.length ? h('div', { className: 'links' }, ...links) : null,
    s.reason ? h('div', { className: 'reason' }, h('b', null, 'Причина возврата: '), s.reason) : null,
    errorsBlock(s),
    actions(s, view, store, ctl, busy),
  );
}

export function schoolsSection(view: View, store: Store, ctl: Controller): HTMLElement | null {
  const server = view.server;
  if (!server?.campaign) return null;
  const busy = view.running !== null || view.pending !== null;
  const all = server.schools;
  const shown = view.filter ? all.filter((s) => s.lifecycle === view.filter) : all;
  const title = view.filter ? `Школы: ${view.filter} (${shown.length} из ${all.length})` : `Школы (${all.length})`;
  let body: HTMLElement;
  if (all.length === 0) {
    body = h(
      'div',
      { className: 'card empty' },
      h(
        'p',
        null,
        server.offline
          ? 'Реестр пуст. Загрузите его (CSV или XLSX) или заполните таблицу в разделе «Реестр школ»: код, полное и краткое наименование, тип, e-mail.'
          : 'Реестр пуст. Заполните лист «Школы»: код, полное и краткое наименование, тип (НОШ/ООШ/СОШ), e-mail через «;».',
      ),
      button('Обновить', () => void ctl.refresh(), { className: 'btn', disabled: busy }),
    );
  } else if (shown.length === 0) {
    body = h('p', { className: 'muted' }, 'Нет школ в этом состоянии.');
  } else {
    body = h('ul', { className: 'school-list' }, ...shown.map((s) => schoolCard(s, view, store, ctl, busy)));
  }
  return h(
    'section',
    { className: 'section', attrs: { 'aria-label': 'Школы' } },
    h(
      'div',
      { className: 'section-head' },
      h('h2', null, title),
      all.length ? button('Обновить', () => void ctl.refresh(), { className: 'btn btn-ghost btn-small', disabled: busy, aria: 'Обновить список школ' }) : null,
    ),
    body,
  );
}
