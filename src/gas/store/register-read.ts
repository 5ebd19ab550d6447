import { quoteSheet } from '../../core/layout/a1';
import { REGISTER_SHEET, type RegisterRow, registerFromValues } from '../../core/register/register';
import { withBackoff } from '../limits';
import { type Spreadsheet, advancedSheets } from '../services';

/** The «Реестр мер» sheet as the department left it (none yet: an empty register). */
export function readRegisterSheet(ss: Spreadsheet): RegisterRow[] {
  const api = advancedSheets();
  if (api?.Spreadsheets?.Values) {
    const values = api.Spreadsheets.Values;
    const range = quoteSheet(REGISTER_SHEET);
    try {
      const res = withBackoff(() => values.get(ss.getId(), range, { valueRenderOption: 'FORMATTED_VALUE' }));
      return registerFromValues((res.values ?? []) as unknown[][]);
    } catch (e) {
      if (/Unable to parse range/i.test(String(e))) return [];
      throw e;
    }
  }
  const sheet = ss.getSheetByName(REGISTER_SHEET);
  return sheet ? registerFromValues(sheet.getDataRange().getDisplayValues()) : [];
}
