import type { Campaign, School } from '../campaign/schema';
import { LIFECYCLE_LABELS, type Lifecycle } from '../submission/lifecycle';
import { type Message, formatMessage } from '../submission/messages';
import { headerText, inlineText, isEmail } from './address';
import type { LetterKind } from './kinds';
import { type PlaceholderValues, renderTemplate } from './placeholders';
import type { LetterTexts } from './texts';

/** At most this many findings are listed in a reminder; the rest are counted. */
export const MAX_REMARKS = 30;

/** What a letter knows of the campaign: the same for every school. */
export interface LetterCampaign {
  campaign: Campaign;
  catalogTitle: string;
  texts: LetterTexts;
  /** Today in the campaign's time zone, «05.12.2026». */
  today: string;
}

/** What a letter knows of its one school: never another school's data. */
export interface LetterSchool {
  school: School;
  /** Valid registry addresses (see `recipients`). */
  to: string[];
  state: Lifecycle | null;
  /** The findings of the school's own file (reminders). */
  messages: Message[];
  /** Why the department returned the file, when it did. */
  returnReason: string | null;
  /** The attached or linked file: its name, and its link where the front end has one. */
  file: { name: string; link: string | null } | null;
}

export interface Sender {
  name: string;
  /** null when the campaign has no (valid) sender address: the mail program fills in its own. */
  address: string | null;
}

/** A letter ready for an adapter to send (Google) or to write as a draft (offline). Every header value is one safe line. */
export interface Letter {
  kind: LetterKind;
  schoolId: string;
  schoolName: string;
  from: Sender;
  to: string[];
  subject: string;
  /** Plain text, lines separated by «\n». */
  body: string;
  /** The file the letter carries (launch: the school's workbook, recommendations: its document). */
  file: { name: string; link: string | null } | null;
}

const ddmmyyyy = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const DEFAULT_DEPARTMENT = 'Отдел образования';

/** Body text from a department's template: line breaks normalised, controls other than tab and line feed removed. */
const bodyText = (text: string): string => text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '');

export function senderOf(campaign: Campaign): Sender {
  const address = campaign.senderEmail?.trim() ?? '';
  return {
    name: headerText(campaign.senderName?.trim() || campaign.department?.trim() || DEFAULT_DEPARTMENT),
    address: isEmail(address) ? address : null,
  };
}

/** «— лист «Приложение 2», ячейка D15 (…): не заполнено», one line per finding, errors first. */
export function remarks(s: LetterSchool): string {
  const lines: string[] = [];
  if (s.state === 'missing') lines.push('таблица не получена: заполните её и верните ответным письмом');
  if (s.state === 'returned' && s.returnReason) lines.push(`таблица возвращена на доработку: ${s.returnReason}`);
  const ordered = [...s.messages.filter((m) => m.severity === 'error'), ...s.messages.filter((m) => m.severity === 'warning')];
  for (const m of ordered.slice(0, MAX_REMARKS)) lines.push(formatMessage(m));
  if (ordered.length > MAX_REMARKS) lines.push(`… и ещё ${ordered.length - MAX_REMARKS} (все замечания — на листе самопроверки таблицы)`);
  if (lines.length === 0) lines.push('завершите заполнение и выберите статус «Готово к проверке»');
  return lines.map((l) => `— ${inlineText(l)}`).join('\n');
}

/** The values of the placeholders for one school; each one-line value cannot break a line. */
export function placeholderValues(c: LetterCampaign, s: LetterSchool, kind: LetterKind): PlaceholderValues {
  const campaign = c.campaign;
  const values: PlaceholderValues = {
    школа: s.school.name,
    школа_кратко: s.school.shortName,
    код: s.school.id,
    год: String(campaign.year),
    муниципалитет: campaign.municipality,
    отдел: campaign.department?.trim() || DEFAULT_DEPARTMENT,
    срок: campaign.deadline ? ddmmyyyy(campaign.deadline) : 'установленного отделом срока',
    каталог: c.catalogTitle,
    отправитель: campaign.senderName ?? '',
    дата: c.today,
    файл: s.file?.name ?? '',
    ссылка: s.file?.link ?? 'во вложении к письму',
    состояние: s.state ? LIFECYCLE_LABELS[s.state] : '',
  };
  const out: PlaceholderValues = {};
  for (const [k, v] of Object.entries(values)) out[k] = inlineText(v ?? '');
  out.замечания = kind === 'reminder' ? remarks(s) : '';
  return out;
}

/** One school's letter of one kind from the department's (checked) texts. */
export function composeLetter(kind: LetterKind, c: LetterCampaign, s: LetterSchool): Letter {
  const values = placeholderValues(c, s, kind);
  const template = c.texts[kind];
  return {
    kind,
    schoolId: s.school.id,
    schoolName: headerText(s.school.shortName),
    from: senderOf(c.campaign),
    to: [...s.to],
    subject: headerText(renderTemplate(template.subject, values)),
    body: bodyText(renderTemplate(template.body, values)),
    file: s.file,
  };
}
