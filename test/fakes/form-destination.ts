/**
 * Form.setDestination(FormApp.DestinationType.SPREADSHEET, id): the form's responses land in a new sheet of that
 * spreadsheet — a header row («Отметка времени» and each question's title, in the spreadsheet's ru_RU locale) and one
 * row per response, the earlier responses copied at once, each later one appended as it is submitted.
 * Source: https://developers.google.com/apps-script/reference/forms/form#setDestination(DestinationType,String) and
 * the Forms help «Choose where to save form responses». The sheet name «Ответы на форму (N)» is what a ru_RU
 * spreadsheet shows (en: «Form Responses N»); the add-on never relies on it.
 */
import { type FileRecord, type SheetModel, newSheetModel } from './model';
import type { FormModel, FormResponseModel } from './form';
import type { FakeWorkspace } from './workspace';

export interface FormDestination {
  spreadsheetId: string;
  sheetId: number;
}

const destinations = new WeakMap<FormModel, FormDestination>();

export function destinationOf(form: FormModel): FormDestination | undefined {
  return destinations.get(form);
}

function questionTitles(form: FormModel): string[] {
  return form.items.filter((i) => i.type !== 'SECTION_HEADER').map((i) => i.title);
}

function rowOf(ws: FakeWorkspace, form: FormModel, r: FormResponseModel): (string | Date)[] {
  const answers = form.items
    .filter((i) => i.type !== 'SECTION_HEADER')
    .map((i) => {
      const a = r.answers.get(i.id);
      return Array.isArray(a) ? a.join(', ') : (a ?? '');
    });
  return [new ws.realm.Date(r.timestamp), ...(form.collectEmail ? [r.email] : []), ...answers];
}

function put(sheet: SheetModel, row: number, values: (string | Date)[]): void {
  sheet.rows[row - 1] = values.map((v) => (v === '' ? undefined : { value: v }));
  if (row > sheet.maxRows) sheet.maxRows = row;
  if (values.length > sheet.maxCols) sheet.maxCols = values.length;
}

export function linkDestination(ws: FakeWorkspace, form: FormModel, target: FileRecord): void {
  const ss = target.spreadsheet;
  if (!ss) throw ws.error('Invalid argument: id');
  const linked = ss.sheets.filter((s) => /^Ответы на форму \(\d+\)$/.test(s.name)).length;
  const sheet = newSheetModel(ss.nextSheetId++, `Ответы на форму (${linked + 1})`);
  ss.sheets.unshift(sheet);
  put(sheet, 1, ['Отметка времени', ...(form.collectEmail ? ['Адрес электронной почты'] : []), ...questionTitles(form)]);
  form.responses.forEach((r, i) => {
    put(sheet, i + 2, rowOf(ws, form, r));
  });
  destinations.set(form, { spreadsheetId: target.id, sheetId: sheet.id });
}

export function unlinkDestination(form: FormModel): void {
  destinations.delete(form);
}

/** Called when a response is submitted: appended to the linked sheet, if the form has one and it still exists. */
export function appendToDestination(ws: FakeWorkspace, form: FormModel, r: FormResponseModel): void {
  const d = destinations.get(form);
  if (!d) return;
  const sheet = ws.files.get(d.spreadsheetId)?.spreadsheet?.sheets.find((s) => s.id === d.sheetId);
  if (!sheet) return;
  let last = sheet.rows.length;
  while (last > 0 && !sheet.rows[last - 1]) last -= 1;
  put(sheet, last + 1, rowOf(ws, form, r));
}
