import type { Check, Input } from '../catalog/types';
import { a1, sheetRef } from './a1';
import type { Position } from './positions';

/**
 * Formulas of the «Проверка» column, so a school sees problems while typing without our add-on.
 * They only guide: the core re-validates every file on the way back. English function names and
 * «,» separators work in Excel, LibreOffice and Google Sheets.
 */
export const CHECK_OK = '✓';
export const CHECK_BLANK = 'Заполните';
export const CHECK_NA = '—';
export const CHECK_ERROR_PREFIX = 'Ошибка';

type Locate = (id: string) => Position | undefined;

function ref(target: Position, from: string): string {
  return target.sheet === from ? `$${a1(target.row, target.col).replace(/(\d+)$/, '$$$1')}` : sheetRef(target.sheet, target.row, target.col);
}

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** The self-check formula of a count, flag or link input at `at`. */
export function inputCheckFormula(input: Input, at: Position, locate: Locate): string | null {
  const cell = a1(at.row, at.col);
  if (input.derived) return null;
  if (input.kind === 'url') {
    const isLink = `OR(LEFT(LOWER(${cell}),7)="http://",LEFT(LOWER(${cell}),8)="https://")`;
    const notLink = q(`${CHECK_ERROR_PREFIX}: ссылка должна начинаться с http:// или https://`);
    return `IF(${cell}="","",IF(${isLink},${q(CHECK_OK)},${notLink}))`;
  }
  if (input.kind === 'flag') {
    const answered = `IF(OR(LOWER(TRIM(${cell}))="да",LOWER(TRIM(${cell}))="нет"),${q(CHECK_OK)},${q(`${CHECK_ERROR_PREFIX}: выберите «да» или «нет»`)})`;
    const gate = input.applicableIf ? locate(input.applicableIf) : undefined;
    if (gate) return `IF(${cell}="",IF(N(${ref(gate, at.sheet)})=0,${q(CHECK_NA)},${q(CHECK_BLANK)}),${answered})`;
    return `IF(${cell}="",${q(CHECK_BLANK)},${answered})`;
  }
  const whole = input.whole ? locate(input.whole) : undefined;
  const w = whole ? `N(${ref(whole, at.sheet)})` : null;
  const blank = input.optional ? '""' : w ? `IF(${w}=0,${q(CHECK_NA)},${q(CHECK_BLANK)})` : q(CHECK_BLANK);
  const tooBig = w ? `IF(${cell}>${w},${q(`${CHECK_ERROR_PREFIX}: больше, чем всего (`)}&${w}&")",${q(CHECK_OK)})` : q(CHECK_OK);
  const integer = input.kind === 'count' ? `IF(${cell}<>INT(${cell}),${q(`${CHECK_ERROR_PREFIX}: нужно целое число`)},${tooBig})` : tooBig;
  const range = input.kind === 'percent' ? `IF(${cell}>100,${q(`${CHECK_ERROR_PREFIX}: процент больше 100`)},${integer})` : integer;
  const negative = q(`${CHECK_ERROR_PREFIX}: отрицательное число`);
  const notNumber = q(`${CHECK_ERROR_PREFIX}: нужно число без единиц измерения`);
  return `IF(${cell}="",${blank},IF(ISNUMBER(${cell}),IF(${cell}<0,${negative},${range}),${notNumber}))`;
}

/** The formula of a derived input: the sum of its parts. */
export function derivedFormula(input: Input, at: Position, locate: Locate): string | null {
  if (!input.derived) return null;
  const refs = input.derived.map((id) => locate(id)).filter((p): p is Position => p !== undefined);
  return `SUM(${refs.map((p) => ref(p, at.sheet)).join(',')})`;
}

/** The formula of a catalog cross-check (sum of parts ≤ / = total, «да» implies «да»). */
export function crossCheckFormula(check: Check, sheet: string, locate: Locate): string {
  const parts = check.parts.map((id) => locate(id)).filter((p): p is Position => p !== undefined);
  const total = locate(check.total);
  if (!total || parts.length === 0) return q('');
  const t = ref(total, sheet);
  const error = q(`${CHECK_ERROR_PREFIX}: ${check.severity === 'warning' ? 'проверьте' : 'не сходится'}`);
  if (check.type === 'implies') {
    const p = ref(parts[0] as Position, sheet);
    return `IF(AND(LOWER(TRIM(${p}))="да",LOWER(TRIM(${t}))="нет"),${error},${q(CHECK_OK)})`;
  }
  const sum = `SUM(${parts.map((p) => ref(p, sheet)).join(',')})`;
  const bad = check.type === 'sumEq' ? `${sum}<>N(${t})` : `${sum}>N(${t})`;
  return `IF(${bad},${error},${q(CHECK_OK)})`;
}
