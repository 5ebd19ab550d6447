/** «Новая кампания»: shown while the spreadsheet has no campaign yet. */
import type { Controller } from './controller';
import { h } from './dom';
import type { Store } from './state';

interface Field {
  readonly name: 'year' | 'municipality' | 'deadline' | 'previous';
  readonly label: string;
  readonly type: string;
  readonly attrs: Record<string, string>;
  readonly initial: () => string;
}

const FIELDS: readonly Field[] = [
  {
    name: 'year',
    label: 'Год мониторинга',
    type: 'number',
    attrs: { min: '2020', max: '2100', step: '1', required: '' },
    initial: () => String(new Date().getFullYear()),
  },
  {
    name: 'municipality',
    label: 'Муниципалитет',
    type: 'text',
    attrs: { required: '', maxlength: '200', placeholder: 'например, Каларский муниципальный округ' },
    initial: () => '',
  },
  {
    name: 'deadline',
    label: 'Срок сдачи школами',
    type: 'text',
    attrs: { maxlength: '10', placeholder: 'ДД.ММ.ГГГГ', autocomplete: 'off' },
    initial: () => '',
  },
  {
    name: 'previous',
    label: 'Таблица прошлой кампании (ссылка, если есть)',
    type: 'text',
    attrs: { maxlength: '500', placeholder: 'https://docs.google.com/spreadsheets/d/…', autocomplete: 'off' },
    initial: () => '',
  },
];

/** «15.12.2026» (or «2026-12-15») → «2026-12-15»; '' stays ''; null when it is not a real date. */
export function isoDate(text: string): string | null {
  const t = text.trim();
  if (t === '') return '';
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const [y, mo, d] = m ? [Number(m[3]), Number(m[2]), Number(m[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (!y || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Russian problems with the typed values, or [] (the server checks again with zod). */
function problems(year: string, municipality: string, deadline: string): string[] {
  const out: string[] = [];
  const y = Number(year);
  if (!/^\d{4}$/.test(year.trim()) || y < 2020 || y > 2100) out.push('год — четыре цифры, от 2020 до 2100');
  if (municipality.trim().length < 2) out.push('укажите муниципалитет');
  if (isoDate(deadline) === null) out.push('срок — дата в виде ДД.ММ.ГГГГ');
  return out;
}

export function newCampaignForm(store: Store, ctl: Controller, busy: boolean): HTMLElement {
  const inputs = new Map<Field['name'], HTMLInputElement>();
  const rows = FIELDS.map((f) => {
    const id = `nc-${f.name}`;
    const input = h('input', { attrs: { ...f.attrs, id, name: f.name, type: f.type }, on: { input: () => store.drafts.set(id, input.value) } });
    input.value = store.drafts.get(id) ?? f.initial();
    inputs.set(f.name, input);
    return h('div', { className: 'field' }, h('label', { className: 'field-label', attrs: { for: id } }, f.label), input);
  });
  const value = (name: Field['name']): string => inputs.get(name)?.value ?? '';
  const submit = (e: Event): void => {
    e.preventDefault();
    const found = problems(value('year'), value('municipality'), value('deadline'));
    if (found.length) {
      store.set({ notice: { kind: 'error', text: `Проверьте поля: ${found.join('; ')}.` } });
      return;
    }
    const previous = value('previous').trim();
    const payload = {
      year: Number(value('year')),
      municipality: value('municipality').trim(),
      deadline: isoDate(value('deadline')) ?? '',
      ...(previous ? { previous } : {}),
    };
    void ctl.newCampaign(payload);
  };
  return h(
    'section',
    { className: 'card new-campaign', attrs: { 'aria-label': 'Новая кампания' } },
    h('h2', null, 'Новая кампания'),
    h('p', { className: 'muted' }, 'В этой таблице ещё нет кампании. Укажите год, муниципалитет и срок — появятся листы «Кампания» и «Школы».'),
    h(
      'form',
      { attrs: { novalidate: '' }, on: { submit } },
      ...rows,
      h('button', { className: 'btn btn-primary', attrs: { type: 'submit' }, disabled: busy }, busy ? 'Создаю…' : 'Создать кампанию'),
    ),
  );
}
