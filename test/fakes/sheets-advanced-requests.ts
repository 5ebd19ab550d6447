/**
 * spreadsheets.batchUpdate of the fake Sheets advanced service: the request dispatcher and the
 * sheet, merge, format and dimension requests. Rule-like requests are in sheets-advanced-rules.ts.
 * Requests run in order on a draft copy of the model (see atomically() in sheets-advanced-util).
 */
import { apiCellRoom, cellText } from './api-limits';
import type { SsHandle } from './handles';
import { ensureCell, newSheetModel, containsRef, intersects, type Cell, type CellFormat, type GridRef, type SheetModel, type SpreadsheetModel } from './model';
import { assertCanEdit, assertSheetEditable } from './protection';
import { writeValue } from './range-ops';
import { addChart } from './sheets-advanced-charts';
import { addConditionalFormatRule, addNamedRange, addProtectedRange, setDataValidation, validationSpecOf } from './sheets-advanced-rules';
import { ApiError, covers, gridRefOf, hexOf, isObj, objOf, optInt, pick, requiredMask, sheetById, type Json } from './sheets-advanced-util';

/** A request handler: the reply of its request, or nothing when the reply is empty. */
type Handler = ((d: SsHandle, body: Json, where: string) => Json) | ((d: SsHandle, body: Json, where: string) => void);

/** Every Request kind of Sheets API v4, to tell "not in the fake" from "not in the API". */
const REAL_KINDS = new Set(
  (
    'addBanding addChart addConditionalFormatRule addDimensionGroup addFilterView addNamedRange addProtectedRange addSheet addSlicer ' +
    'addTable appendCells appendDimension autoFill autoResizeDimensions cancelDataSourceRefresh clearBasicFilter copyPaste ' +
    'createDeveloperMetadata cutPaste deleteBanding deleteConditionalFormatRule deleteDataSource deleteDeveloperMetadata deleteDimension ' +
    'deleteDimensionGroup deleteDuplicates deleteEmbeddedObject deleteFilterView deleteNamedRange deleteProtectedRange deleteRange ' +
    'deleteSheet deleteTable duplicateFilterView duplicateSheet findReplace insertDimension insertRange mergeCells moveDimension ' +
    'pasteData randomizeRange refreshDataSource repeatCell setBasicFilter setDataValidation sortRange textToColumns trimWhitespace ' +
    'unmergeCells updateBanding updateBorders updateCells updateChartSpec updateConditionalFormatRule updateDataSource ' +
    'updateDeveloperMetadata updateDimensionGroup updateDimensionProperties updateEmbeddedObjectBorder updateEmbeddedObjectPosition ' +
    'updateFilterView updateNamedRange updateProtectedRange updateSheetProperties updateSlicerSpec updateSpreadsheetProperties updateTable'
  ).split(' '),
);

export function applyRequests(d: SsHandle, requests: unknown): Json[] {
  if (!Array.isArray(requests) || requests.length === 0) throw new ApiError('Must specify at least one request.');
  return requests.map((req: unknown, i) => {
    const body = objOf(req);
    const [kind, extra] = Object.keys(body).filter((k) => body[k] !== undefined && body[k] !== null);
    if (kind === undefined) throw new ApiError(`Invalid requests[${i}]: No request set.`);
    if (extra !== undefined) throw new ApiError(`Invalid value at 'requests[${i}]' (oneof), oneof field 'kind' is already set. Cannot set '${extra}'`);
    const handler = HANDLERS[kind];
    if (!handler) {
      if (REAL_KINDS.has(kind)) throw new Error(`Fake Sheets service: request '${kind}' (requests[${i}]) is not implemented by the fake`);
      throw new ApiError(`Invalid JSON payload received. Unknown name "${kind}" at 'requests[${i}]': Cannot find field.`);
    }
    const reply = handler(d, objOf(body[kind]), `Invalid requests[${i}].${kind}`);
    return reply ? { [kind]: reply } : {};
  });
}

// ------------------------------------------------------------------ sheets --

/** SheetProperties as the API returns them: hidden and frozen counts only when set. */
export function sheetPropertiesJson(ss: SpreadsheetModel, sheet: SheetModel): Json {
  const grid: Json = { rowCount: sheet.maxRows, columnCount: sheet.maxCols };
  if (sheet.frozenRows > 0) grid['frozenRowCount'] = sheet.frozenRows;
  if (sheet.frozenCols > 0) grid['frozenColumnCount'] = sheet.frozenCols;
  const out: Json = { sheetId: sheet.id, title: sheet.name, index: ss.sheets.indexOf(sheet), sheetType: 'GRID', gridProperties: grid };
  if (sheet.hidden) out['hidden'] = true;
  return out;
}

function checkTitle(ss: SpreadsheetModel, sheet: SheetModel | null, title: string, where: string): string {
  const text = title.trim();
  if (text === '' || text.length > 100) throw new ApiError(`${where}: Invalid sheet name: "${title}".`);
  if (ss.sheets.some((s) => s !== sheet && s.name.toLowerCase() === text.toLowerCase())) {
    throw new ApiError(`${where}: A sheet with the name "${text}" already exists. Please enter another name.`);
  }
  return text;
}

function nonNegative(v: unknown, path: string, where: string): number | undefined {
  const n = optInt(v, path);
  if (n !== undefined && n < 0) throw new ApiError(`${where}: ${path} must be non-negative`);
  return n;
}

const addSheet: Handler = (d, body, where) => {
  const { ss } = d;
  const props = objOf(body['properties']);
  const grid = objOf(props['gridProperties']);
  let title = props['title'] === undefined ? '' : String(props['title']);
  if (props['title'] === undefined) {
    const prefix = ss.locale.startsWith('ru') ? 'Лист' : 'Sheet';
    let n = ss.sheets.length + 1;
    while (ss.sheets.some((s) => s.name.toLowerCase() === `${prefix}${n}`.toLowerCase())) n++;
    title = `${prefix}${n}`;
  }
  const asked = nonNegative(props['sheetId'], 'sheetId', where);
  if (asked !== undefined && ss.sheets.some((s) => s.id === asked)) throw new ApiError(`${where}: A sheet with the id ${asked} already exists.`);
  const id = asked ?? ss.nextSheetId;
  ss.nextSheetId = Math.max(ss.nextSheetId, id + 1);
  const rows = nonNegative(grid['rowCount'], 'rowCount', where);
  const cols = nonNegative(grid['columnCount'], 'columnCount', where);
  const sheet = newSheetModel(id, checkTitle(ss, null, title, where), rows || undefined, cols || undefined);
  sheet.frozenRows = nonNegative(grid['frozenRowCount'], 'frozenRowCount', where) ?? 0;
  sheet.frozenCols = nonNegative(grid['frozenColumnCount'], 'frozenColumnCount', where) ?? 0;
  sheet.hidden = props['hidden'] === true;
  apiCellRoom(ss, sheet.maxRows * sheet.maxCols, where);
  const index = Math.min(nonNegative(props['index'], 'index', where) ?? ss.sheets.length, ss.sheets.length);
  ss.sheets.splice(index, 0, sheet);
  return { properties: sheetPropertiesJson(ss, sheet) };
};

const deleteSheet: Handler = (d, body, where) => {
  const sheet = sheetById(d.ss, optInt(body['sheetId'], 'sheetId') ?? 0, where);
  if (d.ss.sheets.length === 1) throw new ApiError(`${where}: You can't remove all the sheets in a document.`);
  assertSheetEditable({ ...d, sheet });
  d.ss.sheets = d.ss.sheets.filter((s) => s !== sheet);
  d.ss.protections = d.ss.protections.filter((p) => p.sheetId !== sheet.id);
  for (const [name, ref] of [...d.ss.namedRanges]) if (ref.sheetId === sheet.id) d.ss.namedRanges.delete(name);
  if (d.ss.activeSheetId === sheet.id) d.ss.activeSheetId = d.ss.sheets[0]?.id ?? 0;
};

const updateSheetProperties: Handler = (d, body, where) => {
  const props = objOf(body['properties']);
  const sheet = sheetById(d.ss, optInt(props['sheetId'], 'sheetId') ?? 0, where);
  const mask = requiredMask(body['fields'], where);
  assertSheetEditable({ ...d, sheet });
  if (covers(mask, 'gridProperties.rowCount') || covers(mask, 'gridProperties.columnCount')) {
    const grid = objOf(props['gridProperties']);
    if (grid['rowCount'] !== undefined || grid['columnCount'] !== undefined)
      throw new Error(`Fake Sheets service: resizing through updateSheetProperties is not implemented (${where})`);
  }
  if (covers(mask, 'title')) sheet.name = checkTitle(d.ss, sheet, String(props['title'] ?? ''), where);
  if (covers(mask, 'gridProperties.frozenRowCount')) sheet.frozenRows = nonNegative(pick(props, 'gridProperties.frozenRowCount'), 'frozenRowCount', where) ?? 0;
  if (covers(mask, 'gridProperties.frozenColumnCount'))
    sheet.frozenCols = nonNegative(pick(props, 'gridProperties.frozenColumnCount'), 'frozenColumnCount', where) ?? 0;
  if (covers(mask, 'hidden')) {
    const hidden = props['hidden'] === true;
    if (hidden && d.ss.sheets.every((s) => s === sheet || s.hidden)) throw new ApiError(`${where}: You can't hide all the sheets in a document.`);
    sheet.hidden = hidden;
  }
  if (covers(mask, 'index') && props['index'] !== undefined) {
    const index = Math.min(nonNegative(props['index'], 'index', where) ?? 0, d.ss.sheets.length - 1);
    d.ss.sheets = d.ss.sheets.filter((s) => s !== sheet);
    d.ss.sheets.splice(index, 0, sheet);
  }
};

// ------------------------------------------------------------------ merges --

const mergeCells: Handler = (d, body, where) => {
  const { sheet, ref } = gridRefOf(d.ss, body['range'], where);
  const type = body['mergeType'] ?? 'MERGE_ALL';
  let parts: GridRef[];
  if (type === 'MERGE_ALL') parts = [ref];
  else if (type === 'MERGE_ROWS') parts = Array.from({ length: ref.numRows }, (_, i) => ({ ...ref, row: ref.row + i, numRows: 1 }));
  else if (type === 'MERGE_COLUMNS') parts = Array.from({ length: ref.numCols }, (_, j) => ({ ...ref, col: ref.col + j, numCols: 1 }));
  else throw new ApiError(`Invalid value at 'requests.mergeCells.merge_type' (type.googleapis.com/google.apps.sheets.v4.MergeType), "${String(type)}"`);
  assertCanEdit({ ...d, sheet, ref });
  for (const part of parts) {
    if (part.numRows * part.numCols <= 1) continue;
    // A merge lying wholly inside the new one is absorbed; a partial overlap is refused.
    if (sheet.merges.some((m) => intersects(m, part) && !containsRef(part, m)))
      throw new ApiError(`${where}: You can't merge cells that overlap other merged cells.`);
    sheet.merges = sheet.merges.filter((m) => !containsRef(part, m));
    sheet.merges.push({ ...part });
    for (let i = 0; i < part.numRows; i++) {
      for (let j = 0; j < part.numCols; j++) {
        const cell = sheet.rows[part.row + i - 1]?.[part.col + j - 1];
        if ((i > 0 || j > 0) && cell) clearContent(cell);
      }
    }
  }
};

const unmergeCells: Handler = (d, body, where) => {
  const { sheet, ref } = gridRefOf(d.ss, body['range'], where);
  assertCanEdit({ ...d, sheet, ref });
  const hit = sheet.merges.filter((m) => intersects(m, ref));
  if (hit.some((m) => !containsRef(ref, m))) throw new ApiError(`${where}: You must select all cells in a merged range to merge or unmerge them.`);
  sheet.merges = sheet.merges.filter((m) => !hit.includes(m));
};

// ----------------------------------------------------------------- formats --

function clearContent(cell: Cell): void {
  delete cell.value;
  delete cell.formula;
  delete cell.computed;
}

interface Leaf {
  readonly paths: readonly string[];
  apply(cell: Cell, src: Json, h: SsHandle, where: string): void;
}

/** A CellFormat key fed by mask paths of CellData; undefined (absent in the request) resets it. */
function formatLeaf<K extends keyof CellFormat>(key: K, paths: readonly string[], read: (src: Json) => CellFormat[K] | undefined): Leaf {
  return {
    paths: paths.map((p) => `userEnteredFormat.${p}`),
    apply(cell, src) {
      const v = read(objOf(src['userEnteredFormat']));
      const f: CellFormat = { ...cell.format };
      if (v === undefined) delete f[key];
      else f[key] = v;
      cell.format = f;
    },
  };
}

const bool = (v: unknown, yes: string, no: string): string | undefined => (typeof v === 'boolean' ? (v ? yes : no) : undefined);
const lower = (v: unknown): string | undefined => (typeof v === 'string' ? v.toLowerCase() : undefined);

const LEAVES: readonly Leaf[] = [
  formatLeaf('background', ['backgroundColor', 'backgroundColorStyle'], (f) => hexOf(f['backgroundColorStyle'] ?? f['backgroundColor'])),
  formatLeaf('fontWeight', ['textFormat.bold'], (f) => bool(pick(f, 'textFormat.bold'), 'bold', 'normal')),
  formatLeaf('fontStyle', ['textFormat.italic'], (f) => bool(pick(f, 'textFormat.italic'), 'italic', 'normal')),
  formatLeaf('fontSize', ['textFormat.fontSize'], (f) => optInt(pick(f, 'textFormat.fontSize'), 'fontSize')),
  formatLeaf('fontColor', ['textFormat.foregroundColor', 'textFormat.foregroundColorStyle'], (f) =>
    hexOf(pick(f, 'textFormat.foregroundColorStyle') ?? pick(f, 'textFormat.foregroundColor')),
  ),
  formatLeaf('wrap', ['wrapStrategy'], (f) => (f['wrapStrategy'] === undefined ? undefined : f['wrapStrategy'] === 'WRAP')),
  formatLeaf('horizontalAlignment', ['horizontalAlignment'], (f) => lower(f['horizontalAlignment'])),
  formatLeaf('verticalAlignment', ['verticalAlignment'], (f) => lower(f['verticalAlignment'])),
  formatLeaf('numberFormat', ['numberFormat'], (f) => {
    const nf = objOf(f['numberFormat']);
    return typeof nf['pattern'] === 'string' && nf['pattern'] !== '' ? nf['pattern'] : nf['type'] === 'TEXT' ? '@' : undefined;
  }),
  formatLeaf('border', ['borders'], (f) => (isObj(f['borders']) ? JSON.stringify(f['borders']) : undefined)),
  {
    paths: ['userEnteredValue'],
    apply(cell, src, h) {
      const v = objOf(src['userEnteredValue']);
      clearContent(cell);
      if (typeof v['formulaValue'] === 'string') writeValue(h.env.ws, cell, v['formulaValue'], 'en_US');
      else if (v['stringValue'] !== undefined) cell.value = cellText(h.env.ws, String(v['stringValue']));
      else if (typeof v['numberValue'] === 'number') cell.value = v['numberValue'];
      else if (typeof v['boolValue'] === 'boolean') cell.value = v['boolValue'];
    },
  },
  {
    paths: ['note'],
    apply(cell, src) {
      if (typeof src['note'] === 'string' && src['note'] !== '') cell.note = src['note'];
      else delete cell.note;
    },
  },
  {
    paths: ['dataValidation'],
    apply(cell, src, _h, where) {
      if (isObj(src['dataValidation'])) cell.validation = validationSpecOf(src['dataValidation'], where);
      else delete cell.validation;
    },
  },
];

function forCells(sheet: SheetModel, ref: GridRef, fn: (cell: Cell) => void): void {
  for (let r = ref.row; r < ref.row + ref.numRows; r++) for (let c = ref.col; c < ref.col + ref.numCols; c++) fn(ensureCell(sheet, r, c));
}

const repeatCell: Handler = (d, body, where) => {
  const { sheet, ref } = gridRefOf(d.ss, body['range'], where);
  const mask = requiredMask(body['fields'], where);
  const src = objOf(body['cell']);
  const leaves = LEAVES.filter((l) => l.paths.some((p) => covers(mask, p)));
  assertCanEdit({ ...d, sheet, ref });
  forCells(sheet, ref, (cell) => {
    for (const l of leaves) l.apply(cell, src, d, where);
  });
};

const BORDER_SIDES = ['top', 'bottom', 'left', 'right', 'innerHorizontal', 'innerVertical'] as const;

/** Recorded as JSON in each cell's format.border (SpreadsheetApp has no border getter). */
const updateBorders: Handler = (d, body, where) => {
  const { sheet, ref } = gridRefOf(d.ss, body['range'], where);
  const sides: Json = {};
  for (const side of BORDER_SIDES) {
    const b = body[side];
    if (isObj(b)) sides[side] = { style: b['style'] ?? 'NONE', width: b['width'] ?? 1, color: hexOf(b['colorStyle'] ?? b['color']) ?? '#000000' };
  }
  assertCanEdit({ ...d, sheet, ref });
  const border = JSON.stringify(sides);
  forCells(sheet, ref, (cell) => {
    cell.format = { ...cell.format, border };
  });
};

const updateDimensionProperties: Handler = (d, body, where) => {
  const range = objOf(body['range']);
  const sheet = sheetById(d.ss, optInt(range['sheetId'], 'sheetId') ?? 0, where);
  const dim = range['dimension'];
  if (dim !== 'ROWS' && dim !== 'COLUMNS') throw new ApiError(`${where}: range.dimension must be ROWS or COLUMNS`);
  const max = dim === 'ROWS' ? sheet.maxRows : sheet.maxCols;
  const start = nonNegative(range['startIndex'], 'startIndex', where) ?? 0;
  const end = nonNegative(range['endIndex'], 'endIndex', where) ?? max;
  if (end < start || end > max) throw new ApiError(`${where}: Invalid dimension range ${start}..${end} (the sheet has ${max} ${dim.toLowerCase()})`);
  const mask = requiredMask(body['fields'], where);
  const props = objOf(body['properties']);
  if (covers(mask, 'hiddenByUser') && dim === 'ROWS' && props['hiddenByUser'] === true)
    throw new Error(`Fake Sheets service: hiding rows is not implemented (${where})`);
  assertSheetEditable({ ...d, sheet });
  if (covers(mask, 'hiddenByUser') && dim === 'COLUMNS') {
    sheet.hiddenCols ??= new Set<number>();
    for (let i = start + 1; i <= end; i++) {
      if (props['hiddenByUser'] === true) sheet.hiddenCols.add(i);
      else sheet.hiddenCols.delete(i);
    }
  }
  if (!covers(mask, 'pixelSize')) return;
  const px = nonNegative(props['pixelSize'], 'pixelSize', where);
  let sizes = sheet.colWidths;
  if (dim !== 'COLUMNS') {
    sheet.rowHeights ??= new Map<number, number>();
    sizes = sheet.rowHeights;
  }
  for (let i = start + 1; i <= end; i++) {
    if (px === undefined) sizes.delete(i);
    else sizes.set(i, px);
  }
};

/** appendDimension {sheetId, dimension, length}: rows or columns added at the end of the sheet. */
const appendDimension: Handler = (d, body, where) => {
  const sheet = sheetById(d.ss, optInt(body['sheetId'], 'sheetId') ?? 0, where);
  const dim = body['dimension'];
  if (dim !== 'ROWS' && dim !== 'COLUMNS') throw new ApiError(`${where}: dimension must be ROWS or COLUMNS`);
  const length = nonNegative(body['length'], 'length', where) ?? 0;
  if (length < 1) throw new ApiError(`${where}: length must be greater than 0`);
  assertSheetEditable({ ...d, sheet });
  apiCellRoom(d.ss, length * (dim === 'ROWS' ? sheet.maxCols : sheet.maxRows), where);
  if (dim === 'ROWS') sheet.maxRows += length;
  else sheet.maxCols += length;
};

const HANDLERS: Readonly<Record<string, Handler>> = {
  addSheet,
  appendDimension,
  deleteSheet,
  updateSheetProperties,
  mergeCells,
  unmergeCells,
  repeatCell,
  updateBorders,
  updateDimensionProperties,
  setDataValidation,
  addConditionalFormatRule,
  addProtectedRange,
  addNamedRange,
  addChart,
};
