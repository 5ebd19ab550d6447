/**
 * Rule-like requests of the fake Sheets advanced service, stored in the same model SpreadsheetApp
 * reads: data validation (Range.getDataValidations), conditional formats
 * (Sheet.getConditionalFormatRules), protected ranges (Sheet.getProtections, enforced like
 * protect()), named ranges (Spreadsheet.getNamedRanges). Also their JSON for spreadsheets.get.
 */
import type { BooleanCriteriaName, DataValidationCriteriaName } from './enums';
import type { SsHandle } from './handles';
import { ensureCell, type CfRuleSpec, type DataValidationSpec, type GridRef, type ProtectionModel } from './model';
import { assertCanEdit, assertSheetEditable, canEditProtection } from './protection';
import { emailOf } from './runtime';
import { isValidRangeName } from './spreadsheet';
import { ApiError, gridRangeOf, gridRefOf, hexOf, isWholeSheet, objOf, optInt, optStr, rgbOf, type Json } from './sheets-advanced-util';

type Arity = 0 | 1 | 2 | 'list' | 'any';
interface ConditionKind {
  readonly dv: DataValidationCriteriaName | null;
  readonly cf: BooleanCriteriaName | null;
  readonly arity: Arity;
  readonly numeric: boolean;
}
const kind = (dv: DataValidationCriteriaName | null, cf: BooleanCriteriaName | null, arity: Arity, numeric = false): ConditionKind => ({
  dv,
  cf,
  arity,
  numeric,
});

/** ConditionType of the API → the SpreadsheetApp criteria it shows up as. */
const CONDITIONS: Readonly<Record<string, ConditionKind>> = {
  ONE_OF_LIST: kind('VALUE_IN_LIST', null, 'list'),
  NUMBER_BETWEEN: kind('NUMBER_BETWEEN', 'NUMBER_BETWEEN', 2, true),
  NUMBER_NOT_BETWEEN: kind('NUMBER_NOT_BETWEEN', 'NUMBER_NOT_BETWEEN', 2, true),
  NUMBER_GREATER: kind('NUMBER_GREATER_THAN', 'NUMBER_GREATER_THAN', 1, true),
  NUMBER_GREATER_THAN_EQ: kind('NUMBER_GREATER_THAN_OR_EQUAL_TO', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', 1, true),
  NUMBER_LESS: kind('NUMBER_LESS_THAN', 'NUMBER_LESS_THAN', 1, true),
  NUMBER_LESS_THAN_EQ: kind('NUMBER_LESS_THAN_OR_EQUAL_TO', 'NUMBER_LESS_THAN_OR_EQUAL_TO', 1, true),
  NUMBER_EQ: kind('NUMBER_EQUAL_TO', 'NUMBER_EQUAL_TO', 1, true),
  NUMBER_NOT_EQ: kind('NUMBER_NOT_EQUAL_TO', 'NUMBER_NOT_EQUAL_TO', 1, true),
  TEXT_CONTAINS: kind('TEXT_CONTAINS', 'TEXT_CONTAINS', 1),
  TEXT_NOT_CONTAINS: kind('TEXT_DOES_NOT_CONTAIN', 'TEXT_DOES_NOT_CONTAIN', 1),
  TEXT_EQ: kind('TEXT_EQUAL_TO', 'TEXT_EQUAL_TO', 1),
  TEXT_STARTS_WITH: kind(null, 'TEXT_STARTS_WITH', 1),
  TEXT_ENDS_WITH: kind(null, 'TEXT_ENDS_WITH', 1),
  TEXT_IS_EMAIL: kind('TEXT_IS_VALID_EMAIL', null, 0),
  TEXT_IS_URL: kind('TEXT_IS_VALID_URL', null, 0),
  DATE_IS_VALID: kind('DATE_IS_VALID_DATE', null, 0),
  BLANK: kind(null, 'CELL_EMPTY', 0),
  NOT_BLANK: kind(null, 'CELL_NOT_EMPTY', 0),
  BOOLEAN: kind('CHECKBOX', null, 'any'),
  CUSTOM_FORMULA: kind('CUSTOM_FORMULA', 'CUSTOM_FORMULA', 1),
};

/** Reads BooleanCondition {type, values[{userEnteredValue}]}; numbers become numbers for NUMBER_*. */
function condition(cond: unknown, use: 'dv' | 'cf', where: string): { criteria: string; values: unknown[]; type: string } {
  const c = objOf(cond);
  const type = String(c['type'] ?? 'CONDITION_TYPE_UNSPECIFIED');
  const k = CONDITIONS[type];
  const criteria = k?.[use];
  if (!k || !criteria) throw new ApiError(`${where}: Invalid condition type ${type} for ${use === 'dv' ? 'data validation' : 'conditional formatting'}`);
  const raw = Array.isArray(c['values']) ? c['values'] : [];
  const texts = raw.map((v) => String(objOf(v)['userEnteredValue'] ?? ''));
  const count = k.arity === 'list' || k.arity === 'any' ? null : k.arity;
  if ((count !== null && texts.length !== count) || (k.arity === 'list' && texts.length === 0)) {
    throw new ApiError(`${where}: Condition ${type} expects ${k.arity === 'list' ? 'at least one value' : `${String(count)} value(s)`}, got ${texts.length}`);
  }
  const values = texts.map((t) => (k.numeric && t.trim() !== '' && Number.isFinite(Number(t)) ? Number(t) : t));
  return { criteria, values, type };
}

/** DataValidationRule → the spec SpreadsheetApp builders produce (ONE_OF_LIST reads back as [list, showDropdown]). */
export function validationSpecOf(rule: unknown, where: string): DataValidationSpec {
  const r = objOf(rule);
  const { criteria, values, type } = condition(r['condition'], 'dv', where);
  const helpText = optStr(r['inputMessage']) ?? null;
  const specValues = type === 'ONE_OF_LIST' ? [values.map(String), r['showCustomUi'] === true] : values;
  return { criteria: criteria as DataValidationCriteriaName, values: specValues, allowInvalid: r['strict'] !== true, helpText };
}

export function setDataValidation(d: SsHandle, body: Json, where: string): void {
  const { sheet, ref } = gridRefOf(d.ss, body['range'], where);
  const spec = body['rule'] === undefined || body['rule'] === null ? null : validationSpecOf(body['rule'], where);
  assertCanEdit({ ...d, sheet, ref });
  for (let r = ref.row; r < ref.row + ref.numRows; r++) {
    for (let c = ref.col; c < ref.col + ref.numCols; c++) {
      const cell = ensureCell(sheet, r, c);
      if (spec) cell.validation = spec;
      else delete cell.validation;
    }
  }
}

export function addConditionalFormatRule(d: SsHandle, body: Json, where: string): void {
  const rule = objOf(body['rule']);
  if (rule['gradientRule'] !== undefined) throw new Error(`Fake Sheets service: gradientRule is not implemented (${where})`);
  const ranges = (Array.isArray(rule['ranges']) ? rule['ranges'] : []).map((r) => gridRefOf(d.ss, r, where));
  const first = ranges[0];
  if (!first) throw new ApiError(`${where}: At least one range must be specified`);
  if (ranges.some((r) => r.sheet !== first.sheet)) throw new ApiError(`${where}: All ranges of a conditional format rule must be on the same sheet`);
  const boolean = objOf(rule['booleanRule']);
  const { criteria, values } = condition(boolean['condition'], 'cf', where);
  const format = objOf(boolean['format']);
  const text = objOf(format['textFormat']);
  const bold = text['bold'];
  const spec: CfRuleSpec = {
    criteria: criteria as BooleanCriteriaName,
    values,
    background: hexOf(format['backgroundColorStyle'] ?? format['backgroundColor']) ?? null,
    fontColor: hexOf(text['foregroundColorStyle'] ?? text['foregroundColor']) ?? null,
    bold: typeof bold === 'boolean' ? bold : null,
    ranges: ranges.map((r) => r.ref),
  };
  const sheet = first.sheet;
  const index = optInt(body['index'], `${where}.index`) ?? 0;
  if (index < 0 || index > sheet.cfRules.length) throw new ApiError(`${where}: index ${index} is out of bounds (the sheet has ${sheet.cfRules.length} rules)`);
  assertSheetEditable({ ...d, sheet });
  sheet.cfRules.splice(index, 0, spec);
}

/**
 * addProtectedRange. A range with only sheetId protects the whole sheet. Without editors the
 * protection is editable by the owner and the requesting user only (not by the file's editors).
 */
export function addProtectedRange(d: SsHandle, body: Json, where: string): Json {
  const pr = objOf(body['protectedRange']);
  if (pr['namedRangeId'] !== undefined) throw new Error(`Fake Sheets service: protectedRange.namedRangeId is not implemented (${where})`);
  const { sheet, ref } = gridRefOf(d.ss, pr['range'], where);
  const whole = isWholeSheet(pr['range']);
  const unprotected = (Array.isArray(pr['unprotectedRanges']) ? pr['unprotectedRanges'] : []).map((u) => gridRefOf(d.ss, u, where));
  if (!whole && unprotected.length > 0) throw new ApiError(`${where}: Unprotected ranges are only supported on protected sheets.`);
  if (unprotected.some((u) => u.sheet !== sheet)) throw new ApiError(`${where}: Unprotected ranges must be on the protected sheet.`);
  if (whole) assertSheetEditable({ ...d, sheet });
  else assertCanEdit({ ...d, sheet, ref });
  const editors = objOf(pr['editors']);
  const users = Array.isArray(editors['users']) ? editors['users'].map(emailOf) : [];
  const p: ProtectionModel = {
    id: d.ss.nextProtectionId++,
    type: whole ? 'SHEET' : 'RANGE',
    sheetId: sheet.id,
    ref: whole ? null : ref,
    description: optStr(pr['description']) ?? '',
    editors: new Set([d.file.owner, d.env.ws.currentUser, ...users]),
    warningOnly: pr['warningOnly'] === true,
    domainEdit: editors['domainUsersCanEdit'] === true,
    unprotected: unprotected.map((u) => u.ref),
    rangeName: null,
  };
  d.ss.protections.push(p);
  return { protectedRange: protectedRangeJson(d, p) };
}

export function addNamedRange(d: SsHandle, body: Json, where: string): Json {
  const nr = objOf(body['namedRange']);
  const name = String(nr['name'] ?? '');
  if (!isValidRangeName(name))
    throw new ApiError(
      `${where}: Invalid named range name: "${name}". Use letters, numbers and underscores; do not start with a number or look like a cell reference (A1, R1C1).`,
    );
  if ([...d.ss.namedRanges.keys()].some((n) => n.toLowerCase() === name.toLowerCase()))
    throw new ApiError(`${where}: A named range with the name "${name}" already exists.`);
  const { ref } = gridRefOf(d.ss, nr['range'], where);
  d.ss.namedRanges.set(name, { ...ref });
  // The fake keys named ranges by name, so the name doubles as the namedRangeId.
  return { namedRange: { namedRangeId: name, name, range: gridRangeOf(ref) } };
}

// ----------------------------------------------------- spreadsheets.get JSON --

const criteriaType = (criteria: string, use: 'dv' | 'cf'): string =>
  Object.entries(CONDITIONS).find(([, k]) => k[use] === criteria)?.[0] ?? 'CONDITION_TYPE_UNSPECIFIED';
const conditionValues = (values: readonly unknown[]): Json[] => values.map((v) => ({ userEnteredValue: String(v) }));

export function conditionalFormatJson(rule: CfRuleSpec): Json {
  const textFormat: Json = {};
  if (rule.fontColor !== null) textFormat['foregroundColor'] = rgbOf(rule.fontColor);
  if (rule.bold !== null) textFormat['bold'] = rule.bold;
  const format: Json = {};
  if (rule.background !== null) format['backgroundColor'] = rgbOf(rule.background);
  if (Object.keys(textFormat).length > 0) format['textFormat'] = textFormat;
  const cond: Json = { type: criteriaType(rule.criteria, 'cf') };
  if (rule.values.length > 0) cond['values'] = conditionValues(rule.values);
  return { ranges: rule.ranges.map(gridRangeOf), booleanRule: { condition: cond, format } };
}

export function protectedRangeJson(h: SsHandle, p: ProtectionModel): Json {
  const out: Json = { protectedRangeId: p.id, range: p.ref ? gridRangeOf(p.ref) : { sheetId: p.sheetId } };
  if (p.description) out['description'] = p.description;
  if (p.warningOnly) out['warningOnly'] = true;
  const canEdit = canEditProtection(p, h.env.ws.currentUser, h.file);
  if (canEdit) out['requestingUserCanEdit'] = true;
  if (p.unprotected.length > 0) out['unprotectedRanges'] = p.unprotected.map(gridRangeOf);
  if (canEdit && !p.warningOnly) {
    const users = p.editors === null ? [h.file.owner, ...h.file.editors] : [...p.editors];
    out['editors'] = p.domainEdit ? { users, domainUsersCanEdit: true } : { users };
  }
  return out;
}

export function namedRangesJson(h: SsHandle): Json[] {
  return [...h.ss.namedRanges].map(([name, ref]: [string, GridRef]) => ({ namedRangeId: name, name, range: gridRangeOf(ref) }));
}
