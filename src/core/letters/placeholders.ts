import { LETTER_KINDS, LETTER_LABELS, type LetterKind } from './kinds';

/** A named placeholder of the letter texts: what it is replaced with and in which letters it may stand. */
export interface Placeholder {
  name: string;
  what: string;
  kinds: readonly LetterKind[];
}

const ALL = LETTER_KINDS;

/** Every placeholder a department may use in a subject or a body, in the order the «Тексты писем» sheet lists them. */
export const PLACEHOLDERS: readonly Placeholder[] = [
  { name: 'школа', what: 'полное наименование образовательной организации из реестра', kinds: ALL },
  { name: 'школа_кратко', what: 'краткое наименование организации из реестра', kinds: ALL },
  { name: 'код', what: 'код организации в реестре', kinds: ALL },
  { name: 'год', what: 'год мониторинга', kinds: ALL },
  { name: 'муниципалитет', what: 'муниципальное образование кампании', kinds: ALL },
  { name: 'отдел', what: 'наименование отдела (органа управления образованием)', kinds: ALL },
  { name: 'срок', what: 'срок представления сведений (ДД.ММ.ГГГГ) или «установленного отделом срока»', kinds: ALL },
  { name: 'каталог', what: 'название набора показателей мониторинга', kinds: ALL },
  { name: 'отправитель', what: 'имя отправителя из настроек кампании (пусто, если не задано)', kinds: ALL },
  { name: 'дата', what: 'дата составления письма (ДД.ММ.ГГГГ)', kinds: ALL },
  { name: 'файл', what: 'имя приложенного файла: таблица школы или её рекомендации', kinds: ['launch', 'recommendations'] },
  { name: 'ссылка', what: 'ссылка на файл школы (в Google) или слова «во вложении к письму» (офлайн)', kinds: ['launch', 'recommendations'] },
  { name: 'состояние', what: 'состояние таблицы школы: не получено, заполняется, есть ошибки, возвращено', kinds: ['reminder'] },
  { name: 'замечания', what: 'что не заполнено или неверно в файле школы: лист, ячейка и сообщение проверки (по строке на замечание)', kinds: ['reminder'] },
];

export type PlaceholderValues = Partial<Record<string, string>>;

const PATTERN = /\{([^{}\r\n]{1,60})\}/g;
const norm = (name: string): string => name.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, '_');

/** Every problem of one edited text, in Russian, naming the placeholder; an empty list for a good text. */
export function templateProblems(text: string, kind: LetterKind): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const name = norm(m[1] ?? '');
    const known = PLACEHOLDERS.find((p) => p.name === name);
    if (!known) out.push(`неизвестная подстановка {${(m[1] ?? '').trim()}}; допустимы: ${namesFor(kind)}`);
    else if (!known.kinds.includes(kind))
      out.push(`подстановка {${known.name}} не используется в письме «${LETTER_LABELS[kind]}»; допустимы: ${namesFor(kind)}`);
  }
  const rest = text.replace(PATTERN, '');
  if (/[{}]/.test(rest)) out.push('фигурная скобка без пары: подстановка пишется так — {школа}');
  return out;
}

const namesFor = (kind: LetterKind): string =>
  PLACEHOLDERS.filter((p) => p.kinds.includes(kind))
    .map((p) => `{${p.name}}`)
    .join(', ');

/**
 * The text with every placeholder replaced by its value (a checked text is expected: an unknown name throws).
 * A line made only of placeholders that all came out empty is dropped, so an unset {отправитель} leaves no blank line.
 */
export function renderTemplate(text: string, values: PlaceholderValues): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    let used = false;
    const rendered = line.replace(PATTERN, (_m, raw: string) => {
      const value = values[norm(raw)];
      if (value === undefined) throw new Error(`no value for placeholder {${raw}}`);
      used = true;
      return value;
    });
    if (used && rendered.trim() === '' && line.trim() !== '') continue;
    out.push(rendered);
  }
  return out.join('\n');
}
