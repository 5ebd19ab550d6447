import type { Campaign, FileStamp, School } from '../campaign/schema';
import type { Catalog, Input } from '../catalog/types';
import { a1 } from './a1';
import {
  APPENDIX_FIRST_LINE,
  COL,
  META_SHEET,
  PROFILE_CELLS,
  PROFILE_FIRST_LINE,
  PROFILE_SHEET,
  STATUS_ID,
  STATUS_VALUES,
  appendixMarker,
  inputPositions,
  layoutHash,
  sheetLines,
} from './positions';
import type { Position } from './positions';
import { CHECK_BLANK, CHECK_ERROR_PREFIX, crossCheckFormula, derivedFormula, inputCheckFormula } from './self-check';
import { instructionsSheet } from './instructions';
import type { CellSpec, ConditionalSpec, InputCellSpec, SheetSpec, ValidationSpec, WorkbookSpec } from './types';

export const MAX_COUNT = 1_000_000;
const WIDTHS = [7, 62, 9, 12, 26, 34, 14];
const HEADER = ['№', 'Показатель', 'Ед. изм.', 'Значение', 'Проверка', 'Ссылка на подтверждающие документы', 'Код поля'];

export interface SchoolLayout {
  workbook: WorkbookSpec;
  positions: Map<string, Position>;
  stamp: FileStamp;
}

/** The per-school input workbook as data; the xlsx and Google Sheets adapters only render it. */
export function schoolWorkbookLayout(catalog: Catalog, campaign: Campaign, school: School): SchoolLayout {
  const positions = inputPositions(catalog);
  const locate = (id: string): Position | undefined => positions.get(id);
  const stamp: FileStamp = {
    schoolId: school.id,
    year: campaign.year,
    catalogId: catalog.id,
    catalogVersion: catalog.version,
    layoutHash: layoutHash(catalog),
  };
  const plans = sheetLines(catalog);
  const sheets: SheetSpec[] = [];
  const appendixSheets = plans.filter((p) => p.appendix !== null).map((p) => p.sheet);

  for (const plan of plans) {
    const isProfile = plan.appendix === null;
    const cells: CellSpec[] = [];
    const inputs: InputCellSpec[] = [];
    const title = isProfile
      ? 'Сведения об образовательной организации'
      : `${appendixMarker(catalog, plan.appendix ?? 0)} ${catalog.appendices.find((a) => a.number === plan.appendix)?.title ?? ''}`;
    cells.push({ row: 1, col: 1, value: title, style: 'title' });
    const firstLine = isProfile ? PROFILE_FIRST_LINE : APPENDIX_FIRST_LINE;
    const headerRow = firstLine - 1;
    cells.push({
      row: 2,
      col: 1,
      value: isProfile
        ? `${school.name} · мониторинг ${campaign.year} года · ${campaign.municipality}. Заполняются только белые ячейки.`
        : `Таблица ${catalog.appendices.find((a) => a.number === plan.appendix)?.table ?? ''}. Заполняйте ` +
          'белые ячейки графы «Значение» и ссылки на документы; графа «Проверка» подсказывает ошибки.',
      style: 'hint',
    });
    if (isProfile) profileHead(cells, inputs, campaign, school, appendixSheets);
    HEADER.forEach((h, i) => {
      cells.push({ row: headerRow, col: i + 1, value: h, style: 'header' });
    });

    let last = headerRow;
    for (const line of plan.lines) {
      last = line.row;
      cells.push({ row: line.row, col: COL.num, value: line.number, style: line.kind === 'group' ? 'group' : 'code' });
      if (line.kind === 'group') {
        cells.push({ row: line.row, col: COL.label, value: line.title, style: 'group' });
        for (const col of [COL.unit, COL.value]) cells.push({ row: line.row, col, value: '', style: 'group' });
        if (!line.input) continue;
        const at = { sheet: plan.sheet, row: line.row, col: COL.evidence };
        inputs.push(inputCell(line.input, at));
        cells.push({ row: line.row, col: COL.code, value: line.input.id, style: 'code' });
        const formula = inputCheckFormula(line.input, at, locate);
        if (formula) cells.push({ row: line.row, col: COL.check, formula, style: 'check' });
        continue;
      }
      if (line.kind === 'check') {
        const check = catalog.checks.find((c) => c.id === line.checkId);
        cells.push({ row: line.row, col: COL.label, value: line.title, style: 'label' });
        if (check) {
          cells.push({ row: line.row, col: COL.check, formula: crossCheckFormula(check, plan.sheet, locate), style: 'check' });
          cells.push({ row: line.row, col: COL.code, value: check.id, style: 'code' });
        }
        continue;
      }
      const input = line.input as Input;
      const at = { sheet: plan.sheet, row: line.row, col: COL.value };
      cells.push({ row: line.row, col: COL.label, value: input.label, style: 'label', ...(input.help ? { note: input.help } : {}) });
      cells.push({ row: line.row, col: COL.unit, value: input.kind === 'flag' ? 'да/нет' : input.unit, style: 'unit' });
      cells.push({ row: line.row, col: COL.code, value: input.id, style: 'code' });
      const derived = derivedFormula(input, at, locate);
      if (derived) {
        cells.push({ row: line.row, col: COL.value, formula: derived, style: 'computed' });
        continue;
      }
      inputs.push(inputCell(input, at));
      const formula = inputCheckFormula(input, at, locate);
      if (formula) cells.push({ row: line.row, col: COL.check, formula, style: 'check' });
    }
    sheets.push({
      name: plan.sheet,
      marker: isProfile ? 'Сведения об образовательной организации' : appendixMarker(catalog, plan.appendix ?? 0),
      role: isProfile ? 'profile' : 'appendix',
      appendix: plan.appendix,
      widths: WIDTHS,
      cells,
      merges: [
        { row: 1, col: 1, rows: 1, cols: 6 },
        { row: 2, col: 1, rows: 1, cols: 6 },
      ],
      inputs,
      conditional: checkColumnFormats(`${a1(headerRow + 1, COL.check)}:${a1(Math.max(last, headerRow + 1), COL.check)}`),
      frozenRows: headerRow,
      protect: true,
      hidden: false,
      landscape: true,
      printArea: `A1:F${Math.max(last, headerRow)}`,
    });
  }
  return {
    workbook: {
      title: `${school.shortName} — мониторинг воспитания ${campaign.year}`,
      sheets: [instructionsSheet(catalog, campaign, school), ...sheets, metaSheet(stamp)],
    },
    positions,
    stamp,
  };
}

function profileHead(cells: CellSpec[], inputs: InputCellSpec[], campaign: Campaign, school: School, appendixSheets: string[]): void {
  const meta: [number, string, string | number][] = [
    [PROFILE_CELLS.name, 'Образовательная организация', school.name],
    [PROFILE_CELLS.id, 'Код ОО в реестре', school.id],
    [PROFILE_CELLS.year, 'Год мониторинга', campaign.year],
    [PROFILE_CELLS.municipality, 'Муниципалитет', campaign.municipality],
  ];
  for (const [row, label, value] of meta) {
    cells.push({ row, col: COL.label, value: label, style: 'label' });
    cells.push({ row, col: COL.value, value, style: 'meta' });
  }
  cells.push({ row: PROFILE_CELLS.status, col: COL.label, value: 'Статус заполнения (выберите «Готово к проверке», когда всё заполнено)', style: 'label' });
  inputs.push({
    id: STATUS_ID,
    row: PROFILE_CELLS.status,
    col: COL.value,
    kind: 'status',
    validation: { type: 'list', values: [...STATUS_VALUES] },
    validationMessage: 'Выберите статус из списка',
  });
  cells.push({ row: PROFILE_CELLS.status, col: COL.value, value: STATUS_VALUES[0], style: 'input' });
  cells.push({ row: PROFILE_CELLS.status, col: COL.code, value: STATUS_ID, style: 'code' });
  const all = [PROFILE_SHEET, ...appendixSheets].map((s) => `'${s}'!$E:$E`);
  cells.push({ row: PROFILE_CELLS.errors, col: COL.label, value: 'Ошибок по самопроверке (должно быть 0)', style: 'label' });
  cells.push({ row: PROFILE_CELLS.errors, col: COL.value, formula: all.map((r) => `COUNTIF(${r},"${CHECK_ERROR_PREFIX}*")`).join('+'), style: 'computed' });
  cells.push({ row: PROFILE_CELLS.blanks, col: COL.label, value: 'Незаполненных полей', style: 'label' });
  cells.push({ row: PROFILE_CELLS.blanks, col: COL.value, formula: all.map((r) => `COUNTIF(${r},"${CHECK_BLANK}")`).join('+'), style: 'computed' });
}

function inputCell(input: Input, at: Position): InputCellSpec {
  const validation: ValidationSpec =
    input.kind === 'flag'
      ? { type: 'list', values: ['да', 'нет'] }
      : input.kind === 'url'
        ? { type: 'url' }
        : input.kind === 'text'
          ? { type: 'text', maxLength: 500 }
          : input.kind === 'percent'
            ? { type: 'decimal', min: 0, max: 100 }
            : input.kind === 'number'
              ? { type: 'decimal', min: 0, max: MAX_COUNT }
              : { type: 'wholeNumber', min: 0, max: MAX_COUNT };
  const validationMessage =
    input.kind === 'flag'
      ? 'Выберите «да» или «нет».'
      : input.kind === 'url'
        ? 'Вставьте ссылку, начинающуюся с http:// или https://'
        : input.kind === 'percent'
          ? 'Введите процент от 0 до 100.'
          : 'Введите целое неотрицательное число без единиц измерения (только количество).';
  return { id: input.id, row: at.row, col: at.col, kind: input.kind, validation, validationMessage };
}

function checkColumnFormats(range: string): ConditionalSpec[] {
  return [
    { range, when: 'startsWith', text: CHECK_ERROR_PREFIX, fill: '#F4CCCC', font: '#990000' },
    { range, when: 'equals', text: CHECK_BLANK, fill: '#FFF2CC', font: '#7F6000' },
    { range, when: 'equals', text: '✓', fill: '#D9EAD3', font: '#274E13' },
  ];
}

/** Identifies the file on the way back: school, year, catalog and layout (checked by the parser). */
export const STAMP_KEYS = ['schoolId', 'year', 'catalogId', 'catalogVersion', 'layoutHash'] as const;

function metaSheet(stamp: FileStamp): SheetSpec {
  const cells: CellSpec[] = [{ row: 1, col: 1, value: 'Служебные сведения (не изменять)', style: 'meta' }];
  STAMP_KEYS.forEach((key, i) => {
    cells.push({ row: i + 2, col: 1, value: key, style: 'meta' });
    cells.push({ row: i + 2, col: 2, value: String(stamp[key]), style: 'meta' });
  });
  return {
    name: META_SHEET,
    marker: 'Служебные сведения',
    role: 'meta',
    appendix: null,
    widths: [18, 30],
    cells,
    merges: [],
    inputs: [],
    conditional: [],
    frozenRows: 0,
    protect: true,
    hidden: true,
    landscape: false,
    printArea: 'A1:B6',
  };
}
