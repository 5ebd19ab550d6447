import type { ConditionalFormattingRule, DataValidation, Worksheet } from 'exceljs';
import { a1 } from '../../../core/layout/a1';
import type { ConditionalSpec, InputCellSpec, ValidationSpec } from '../../../core/layout/types';
import { argb } from './styles';

/** Excel limits: the error title of a validation holds 32 characters, the message 255, an inline list 255. */
const ERROR_TITLE = 'Недопустимое значение';
const MAX_ERROR = 255;
const MAX_LIST = 255;

/** `exceljs` keeps sheet validations in `worksheet.dataValidations`, which its typings do not declare. */
interface ValidationStore {
  dataValidations: { add(address: string, validation: DataValidation): void };
}

const quoteList = (values: string[]): string => {
  for (const v of values) {
    if (v.includes(',')) throw new Error(`Значение списка «${v}» содержит запятую: такой список нельзя записать в проверку данных .xlsx`);
  }
  const formula = `"${values.join(',').replace(/"/g, '""')}"`;
  if (formula.length > MAX_LIST) throw new Error(`Список значений длиннее ${MAX_LIST} знаков: Excel его не примет`);
  return formula;
};

/** The exceljs validation of one input; formulas refer to `topLeft`, the first cell of its range. */
export function dataValidation(spec: ValidationSpec, message: string, topLeft: string): DataValidation {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: ERROR_TITLE,
    error: message.slice(0, MAX_ERROR),
  };
  switch (spec.type) {
    case 'wholeNumber':
      return { ...common, type: 'whole', operator: 'between', formulae: [spec.min, spec.max] };
    case 'decimal':
      return { ...common, type: 'decimal', operator: 'between', formulae: [spec.min, spec.max] };
    case 'list':
      return { ...common, type: 'list', formulae: [quoteList(spec.values)] };
    case 'url':
      return { ...common, type: 'custom', formulae: [`OR(ISBLANK(${topLeft}),LEFT(LOWER(${topLeft}),4)="http")`] };
    case 'text':
      return { ...common, type: 'textLength', operator: 'lessThanOrEqual', formulae: [spec.maxLength] };
  }
}

/**
 * Adds the validations of a sheet's inputs, grouping vertically adjacent cells with the same rule into one
 * range. exceljs would otherwise "optimise" per-cell validations itself, and its optimiser walks cells in
 * string order (D10 before D4) and can emit overlapping ranges; range keys bypass it, and a single
 * cell is only kept alone when no equal neighbour below exists.
 */
export function addValidations(sheet: Worksheet, inputs: InputCellSpec[]): void {
  const store = (sheet as unknown as ValidationStore).dataValidations;
  const sorted = [...inputs].sort((a, b) => a.col - b.col || a.row - b.row);
  const key = (i: InputCellSpec): string => JSON.stringify([i.validation, i.validationMessage]);
  let start = 0;
  while (start < sorted.length) {
    const first = sorted[start] as InputCellSpec;
    let end = start;
    while (end + 1 < sorted.length) {
      const next = sorted[end + 1] as InputCellSpec;
      const prev = sorted[end] as InputCellSpec;
      if (next.col !== first.col || next.row !== prev.row + 1 || key(next) !== key(first)) break;
      end += 1;
    }
    const last = sorted[end] as InputCellSpec;
    const topLeft = a1(first.row, first.col);
    const range = end === start ? topLeft : `${topLeft}:${a1(last.row, last.col)}`;
    store.add(range, dataValidation(first.validation, first.validationMessage, topLeft));
    start = end + 1;
  }
}

const formulaText = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/**
 * Conditional formats as expression rules relative to the range's top-left cell. exceljs's own
 * `containsText`/`beginsWith` rule is written without its formula and `text` attribute, which Excel
 * rejects, so «starts with» is `LEFT(E4,n)="…"` instead.
 */
export function addConditionalFormats(sheet: Worksheet, specs: ConditionalSpec[]): void {
  let priority = 1;
  const byRange = new Map<string, ConditionalFormattingRule[]>();
  for (const spec of specs) {
    const topLeft = (spec.range.split(':')[0] ?? spec.range).replace(/\$/g, '');
    const formula = spec.when === 'startsWith' ? `LEFT(${topLeft},${spec.text.length})=${formulaText(spec.text)}` : `${topLeft}=${formulaText(spec.text)}`;
    const rule: ConditionalFormattingRule = {
      type: 'expression',
      priority: priority++,
      formulae: [formula],
      style: {
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(spec.fill) }, bgColor: { argb: argb(spec.fill) } },
        font: { color: { argb: argb(spec.font) } },
      },
    };
    const list = byRange.get(spec.range);
    if (list) list.push(rule);
    else byRange.set(spec.range, [rule]);
  }
  for (const [ref, rules] of byRange) sheet.addConditionalFormatting({ ref, rules });
}
