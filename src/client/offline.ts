/**
 * The offline panel's own sections (msoko serve): the registry (upload or table), returned files (drag and drop or
 * the file chooser, uploaded at once), the survey export, and the campaign's files to download. Not shown in Google,
 * where the same things live in the spreadsheet and in Drive.
 */
import type { UploadReply } from '../app/panel-calls';
import type { Controller } from './controller';
import { type Child, button, h, plural, safeUrl } from './dom';
import { saveRegistry, uploadFiles } from './offline-api';
import type { Notice, Store, View } from './state';

const REGISTRY_COLUMNS = ['Код', 'Полное наименование', 'Краткое наименование', 'Тип (НОШ/ООШ/СОШ)', 'E-mail (через «;»)'];

const noticeOf = (r: UploadReply): Notice => (r.ok ? { kind: 'success', text: r.message } : { kind: 'error', text: r.message });
const isBusy = (v: View): boolean => v.running !== null || v.pending !== null;

/** A button that opens the system's file chooser; the chosen files go straight to `take`. */
function chooser(label: string, accept: string, multiple: boolean, take: (files: File[]) => void, disabled: boolean): HTMLElement {
  const input = h('input', { className: 'file-input', attrs: { type: 'file', accept, 'aria-label': label, tabindex: '-1' } });
  input.multiple = multiple;
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length > 0) take(files);
  });
  return h(
    'span',
    { className: 'chooser' },
    button(label, () => input.click(), { className: 'btn', disabled }),
    input,
  );
}

function section(label: string, ...children: Child[]): HTMLElement {
  return h('section', { className: 'section', attrs: { 'aria-label': label } }, h('h2', null, label), ...children);
}

/** Rows typed into the registry table: kept outside the store, so typing never re-renders. */
const registryDraft: { rows: string[][] } = { rows: [] };

function registryTable(store: Store, ctl: Controller, busy: boolean): HTMLElement {
  const body = h('tbody');
  const addRow = (values: string[]): void => {
    const row = [...values];
    registryDraft.rows.push(row);
    const cells = REGISTRY_COLUMNS.map((title, i) => {
      const input = h('input', { attrs: { type: 'text', 'aria-label': title, value: row[i] ?? '' } });
      input.addEventListener('input', () => {
        row[i] = input.value;
      });
      return h('td', null, input);
    });
    body.appendChild(h('tr', null, ...cells));
  };
  const start = store.get().server?.offline?.registryRows ?? [];
  registryDraft.rows = [];
  for (const r of start.length > 0 ? start : [['', '', '', '', '']]) addRow(r);
  const save = (): void =>
    void ctl.short('Сохраняю реестр…', async () => {
      const r = await saveRegistry(registryDraft.rows.map((row) => REGISTRY_COLUMNS.map((_, i) => (row[i] ?? '').trim())));
      if (r.ok) store.set({ editingRegistry: false });
      return noticeOf(r);
    });
  return h(
    'div',
    { className: 'registry-edit card' },
    h(
      'div',
      { className: 'table-scroll' },
      h('table', { className: 'registry-table' }, h('thead', null, h('tr', null, ...REGISTRY_COLUMNS.map((c) => h('th', null, c)))), body),
    ),
    h(
      'div',
      { className: 'row' },
      button('Добавить строку', () => addRow(['', '', '', '', '']), { className: 'btn btn-ghost btn-small' }),
      button('Сохранить реестр', save, { className: 'btn btn-ok', disabled: busy }),
      button('Отмена', () => store.set({ editingRegistry: false }), { className: 'btn btn-ghost' }),
    ),
  );
}

export function registrySection(view: View, store: Store, ctl: Controller): HTMLElement | null {
  const offline = view.server?.offline;
  if (!offline || !view.server?.campaign) return null;
  const busy = isBusy(view);
  const n = offline.registryRows.length;
  const upload = (files: File[]): void => void ctl.short('Загружаю реестр…', async () => noticeOf(await uploadFiles('registry', files)));
  return section(
    'Реестр школ',
    h('p', { className: 'muted' }, offline.registryFile ? `Файл ${offline.registryFile}: ${n} ${plural(n, 'школа', 'школы', 'школ')}.` : 'Реестра ещё нет.'),
    view.editingRegistry
      ? registryTable(store, ctl, busy)
      : h(
          'div',
          { className: 'row' },
          chooser('Загрузить реестр (CSV или XLSX)', '.csv,.xlsx', false, upload, busy),
          button('Редактировать в таблице', () => store.set({ editingRegistry: true }), { className: 'btn btn-ghost', disabled: busy }),
        ),
  );
}

export function receiveSection(view: View, ctl: Controller): HTMLElement | null {
  if (!view.server?.offline || (view.server.schools.length ?? 0) === 0) return null;
  const busy = isBusy(view);
  const upload = (files: File[]): void => void ctl.short(`Загружаю файлы: ${files.length}…`, async () => noticeOf(await uploadFiles('received', files)));
  const zone = h(
    'div',
    { className: 'drop-zone', attrs: { 'data-drop': 'received' } },
    h('p', null, 'Перетащите сюда файлы .xlsx или .ods, которые вернули школы, — сразу много.'),
    chooser('Выбрать файлы', '.xlsx,.ods,.xls', true, upload, busy),
  );
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('drag');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('drag'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('drag');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length > 0 && !busy) upload(files);
  });
  return section('Файлы от школ', zone);
}

export function surveyImportSection(view: View, ctl: Controller): HTMLElement | null {
  if (!view.server?.offline || (view.server.schools.length ?? 0) === 0) return null;
  const busy = isBusy(view);
  const group = h(
    'select',
    { attrs: { 'aria-label': 'Кто отвечал' } },
    h('option', { attrs: { value: '' } }, 'кто отвечал — по файлу'),
    h('option', { attrs: { value: 'students' } }, 'обучающиеся'),
    h('option', { attrs: { value: 'parents' } }, 'родители (законные представители)'),
  );
  const upload = (files: File[]): void =>
    void ctl.short('Загружаю ответы анкеты…', async () => noticeOf(await uploadFiles('survey', files, { group: group.value })));
  return section(
    'Анкета удовлетворённости',
    h('p', { className: 'muted' }, 'Выгрузка ответов Google Формы («Скачать ответы (.csv)»): в своде останутся только доли по школам.'),
    h('div', { className: 'row' }, group, chooser('Загрузить ответы (CSV)', '.csv', false, upload, busy)),
  );
}

export function downloadsSection(view: View): HTMLElement | null {
  const downloads = view.server?.offline?.downloads ?? [];
  if (downloads.length === 0) return null;
  const item = (url: string, label: string): HTMLElement => {
    const href = safeUrl(url);
    return h('li', null, href ? h('a', { className: 'link', attrs: { href, download: '' } }, label) : h('span', { className: 'muted' }, label));
  };
  return section('Файлы кампании', h('ul', { className: 'downloads' }, ...downloads.map((d) => item(d.url, d.label))));
}
