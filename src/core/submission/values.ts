import type { InputKind } from '../catalog/schema';

import * as z from 'zod/mini';
import { quoted } from '../text/xml-safe';

/** A value read from a school's file: number, «да»/«нет» as boolean, text, or null for an empty cell. */
export type Value = number | boolean | string | null;

/** A school's values by input id, as stored between runs (work sheet, intake cache, school-values.json). */
export const ValuesSchema = z.record(z.string(), z.nullable(z.union([z.number(), z.boolean(), z.string()])));
/** Each accepted school's values by school id, as a consolidation stores them for documents and next year. */
export const SchoolValuesSchema = z.record(z.string(), ValuesSchema);

export interface Reading {
  value: Value;
  /** An error that makes the value unusable, or a warning about how it was read. */
  problem: { severity: 'error' | 'warning'; code: string; text: string } | null;
}

const FORMULA_ERROR = /^#(REF!|DIV\/0!|VALUE!|N\/A|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!)/i;
export const MAX_PLAUSIBLE = 1_000_000;

const isDate = (v: unknown): boolean => Object.prototype.toString.call(v) === '[object Date]';

/** String(v) that never throws (objects without a usable toString read as ''). */
export function safeText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && !isDate(v)) return '';
  try {
    return String(v);
  } catch {
    return '';
  }
}

/** Reads one raw grid value for an input of `kind`. Never throws. */
export function readValue(kind: InputKind | 'status', raw: unknown): Reading {
  if (raw === null || raw === undefined || raw === '') return { value: null, problem: null };
  if (typeof raw === 'string' && raw.trim() === '') return { value: null, problem: null };
  if (typeof raw === 'string' && FORMULA_ERROR.test(raw.trim())) {
    return fail('formula-error', `ошибка формулы «${quoted(raw.trim())}» — введите число вручную`);
  }
  if (isDate(raw)) return fail('date', 'в ячейке дата, а нужно число');
  if (typeof raw === 'object') return fail('not-value', 'в ячейке не значение (объект или картинка) — введите число или текст');
  switch (kind) {
    case 'count':
    case 'number':
    case 'percent':
      return readNumber(kind, raw);
    case 'flag':
      return readFlag(raw);
    case 'url':
      return readUrl(raw);
    case 'text':
    case 'status':
      return { value: safeText(raw).trim(), problem: null };
  }
}

function fail(code: string, text: string): Reading {
  return { value: null, problem: { severity: 'error', code, text } };
}

function readNumber(kind: 'count' | 'number' | 'percent', raw: unknown): Reading {
  let n: number;
  let warning: Reading['problem'] = null;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'boolean') return fail('not-number', 'нужно число, а не логическое значение');
  else if (typeof raw === 'string') {
    const text = raw.trim();
    const cleaned = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
    if (/^\d{1,2}[./]\d{1,2}[./]\d{2,4}$/.test(text)) return fail('date', `в ячейке дата «${quoted(text)}», а нужно число`);
    if (!/^-?\d+(\.\d+)?$/.test(cleaned)) {
      const digits = /\d/.test(text);
      return fail(
        'not-number',
        digits ? `введено «${quoted(text)}» — нужно только число, без единиц измерения и пояснений` : `введён текст «${quoted(text)}» — нужно число`,
      );
    }
    n = Number(cleaned);
    warning = { severity: 'warning', code: 'number-as-text', text: `число «${quoted(text)}» записано как текст; прочитано как ${String(n).replace('.', ',')}` };
  } else return fail('not-number', 'нужно число');
  if (!Number.isFinite(n)) return fail('not-number', 'нужно конечное число');
  if (n < 0) return fail('negative', `отрицательное число (${n}) — количество не может быть меньше нуля`);
  if (kind === 'count' && !Number.isInteger(n))
    return fail('not-integer', `дробное число (${String(n).replace('.', ',')}) — количество людей или мероприятий должно быть целым`);
  if (kind === 'percent' && n > 100) return fail('percent-range', `процент ${n} больше 100`);
  if (n > MAX_PLAUSIBLE) return fail('implausible', `неправдоподобно большое значение (${n}) — проверьте ввод`);
  return { value: n, problem: warning };
}

function readFlag(raw: unknown): Reading {
  if (typeof raw === 'boolean') return { value: raw, problem: null };
  const text = safeText(raw).trim().toLowerCase();
  if (text === 'да') return { value: true, problem: null };
  if (text === 'нет') return { value: false, problem: null };
  return fail('not-flag', `введено «${quoted(safeText(raw).trim())}» — выберите «да» или «нет»`);
}

function readUrl(raw: unknown): Reading {
  const text = safeText(raw).trim();
  if (/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(text)) return { value: text, problem: null };
  if (/^\s*(javascript|data|vbscript|file):/i.test(text)) return fail('unsafe-url', 'недопустимая ссылка — нужна ссылка http:// или https:// на документ');
  return fail('not-url', `«${quoted(text, 60)}» — не ссылка; вставьте адрес, начинающийся с http:// или https://`);
}
