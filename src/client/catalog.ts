/**
 * «Каталог показателей»: replace the campaign's catalog — a built-in one, an .xlsx chosen here (sent as base64 over
 * the same call in both transports) or, in Google, another spreadsheet's «Каталог…» sheets by its link. The server
 * refuses a catalog that changes the school form once school files are out.
 */
import type { CatalogImport } from '../app/catalog-import';
import { base64Of } from './base64';
import type { Controller } from './controller';
import { button, h } from './dom';
import type { Store, View } from './state';

const BUILT_IN: readonly { id: string; label: string }[] = [
  { id: 'kalar', label: 'Каларский МО (Приложения 1–11)' },
  { id: 'tomarinsky', label: 'Томаринский ГО (п. 6)' },
  { id: 'mosalsky', label: 'Мосальский район (дорожная карта)' },
];
const MAX_BYTES = 5 * 1024 * 1024;

export function catalogSection(view: View, store: Store, ctl: Controller): HTMLElement | null {
  const c = view.server?.campaign;
  if (!c) return null;
  const busy = view.running !== null || view.pending !== null;
  const offline = Boolean(view.server?.offline);
  const send = (request: CatalogImport): void => void ctl.importCatalog(request);

  const select = h('select', { attrs: { 'aria-label': 'Встроенный каталог' } }, ...BUILT_IN.map((b) => h('option', { attrs: { value: b.id } }, b.label)));
  select.value = BUILT_IN.some((b) => b.id === c.catalogId) ? c.catalogId : 'kalar';

  const file = h('input', { className: 'file-input', attrs: { type: 'file', accept: '.xlsx', 'aria-label': 'Книга каталога .xlsx', tabindex: '-1' } });
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen) return;
    if (chosen.size > MAX_BYTES) {
      store.set({ notice: { kind: 'error', text: `Файл «${chosen.name}» больше 5 МБ — это не книга каталога.` } });
      return;
    }
    void chosen.arrayBuffer().then((buffer) => send({ kind: 'xlsx', name: chosen.name, base64: base64Of(new Uint8Array(buffer)) }));
  });

  const where = offline
    ? 'Каталог кампании хранится в папке кампании (catalog.json).'
    : 'Каталог — на листах «Каталог…» этой таблицы: правьте целевые значения, тексты и группы прямо там, следующий шаг возьмёт правку.';
  const children: (HTMLElement | string)[] = [
    h('h2', null, 'Каталог показателей'),
    h('p', { className: 'muted' }, `${where} После рассылки таблиц школам менять форму школы (поля, листы, правила) нельзя.`),
    h(
      'div',
      { className: 'field' },
      select,
      button('Взять встроенный', () => send({ kind: 'builtin', id: select.value }), { className: 'btn', disabled: busy }),
    ),
    h(
      'div',
      { className: 'field' },
      button('Загрузить книгу каталога (.xlsx)', () => file.click(), { className: 'btn', disabled: busy }),
      file,
    ),
  ];
  if (!offline) {
    const url = h('input', {
      attrs: { type: 'text', maxlength: '500', placeholder: 'https://docs.google.com/spreadsheets/d/…', 'aria-label': 'Ссылка на таблицу каталога' },
    });
    children.push(
      h(
        'div',
        { className: 'field' },
        url,
        button('Взять из таблицы по ссылке', () => send({ kind: 'url', url: url.value }), { className: 'btn', disabled: busy }),
      ),
      h('p', { className: 'muted' }, 'Нужен доступ к той таблице (хотя бы просмотр); надстройка читает только её листы «Каталог…» и только значения.'),
    );
  }
  return h('section', { className: 'section', attrs: { 'aria-label': 'Каталог показателей' } }, ...children);
}
