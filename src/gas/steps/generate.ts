import { sheetRef } from '../../core/layout/a1';
import { type SchoolCell, TEMPLATE_SCHOOL, schoolSpecificCells } from '../../core/layout/school-template';
import { schoolWorkbookLayout } from '../../core/layout/school-workbook';
import { protectAndValidate, renderSheet } from '../render/sheet-renderer';
import { advancedSheets, asSheetText, type Spreadsheet } from '../services';
import { getSetting, setSettingNow } from '../store/job-store';
import { fileIdOf } from '../store/registry-sheet';
import { type StepContext, campaignFolder } from './context';
import type { StepDef } from './runner';

const CREATING = 'создаётся';
const templateKey = (ctx: StepContext): string => `templateId.${ctx.settings.campaign.year}.${ctx.catalog.id}.${ctx.catalog.version}`;

/**
 * Creates each school's spreadsheet: the template (all sheets, validations, protections, named ranges)
 * is built once per campaign; a school's file is a Drive copy of it with the few school-specific cells
 * written in one call, shared with that school's e-mails only (never by link).
 */
export const generateStep: StepDef = {
  start(ctx) {
    const existing = getSetting(templateKey(ctx));
    if (existing && fileExists(existing)) return;
    setSettingNow(templateKey(ctx), buildTemplate(ctx).getId());
  },
  item(ctx, row) {
    const existing = row.fileUrl ? fileIdOf(row.fileUrl) : null;
    if (existing && fileExists(existing) && row.lifecycle !== CREATING) return;
    let id = existing && fileExists(existing) ? existing : null;
    if (!id) {
      const templateId = getSetting(templateKey(ctx));
      if (!templateId) throw new Error('нет шаблона таблицы школы');
      const copy = DriveApp.getFileById(templateId).makeCopy(
        `${row.school.shortName} — мониторинг воспитания ${ctx.settings.campaign.year}`,
        campaignFolder(ctx),
      );
      id = copy.getId();
      // recorded at once: if a quota stops the step below, the next run finishes this file instead of copying again
      row.fileUrl = copy.getUrl();
      row.lifecycle = CREATING;
    }
    const ss = SpreadsheetApp.openById(id);
    writeSchoolCells(ss, schoolSpecificCells(ctx.catalog, ctx.settings.campaign, row.school));
    if (row.school.emails.length > 0) ss.addEditors(row.school.emails);
    row.fileUrl = ss.getUrl();
    row.lifecycle = 'не получено';
  },
  finish(ctx) {
    const made = ctx.registry.filter((r) => r.fileUrl !== '').length;
    return `Таблицы школ готовы: ${made} из ${ctx.registry.length}. Каждая открыта только своей школе (по адресам из реестра).`;
  },
};

function fileExists(id: string): boolean {
  try {
    return !DriveApp.getFileById(id).isTrashed();
  } catch {
    return false;
  }
}

function buildTemplate(ctx: StepContext): Spreadsheet {
  const layout = schoolWorkbookLayout(ctx.catalog, ctx.settings.campaign, TEMPLATE_SCHOOL);
  const ss = SpreadsheetApp.create(`Шаблон таблицы школы — ${ctx.settings.campaign.year}`);
  ss.setSpreadsheetLocale('ru_RU');
  ss.setSpreadsheetTimeZone(Session.getScriptTimeZone());
  const first = ss.getSheets()[0];
  layout.workbook.sheets.forEach((spec, i) => {
    const sheet = i === 0 && first ? first.setName(spec.name) : ss.insertSheet(spec.name);
    renderSheet(ss, sheet, spec);
    protectAndValidate(ss, sheet, spec);
  });
  DriveApp.getFileById(ss.getId()).moveTo(campaignFolder(ctx));
  return ss;
}

function writeSchoolCells(ss: Spreadsheet, cells: SchoolCell[]): void {
  const text = (v: string | number): string | number => (typeof v === 'string' ? asSheetText(v) : v);
  const api = advancedSheets();
  if (api?.Spreadsheets?.Values) {
    api.Spreadsheets.Values.batchUpdate(
      { valueInputOption: 'USER_ENTERED', data: cells.map((c) => ({ range: sheetRef(c.sheet, c.row, c.col).replace(/\$/g, ''), values: [[text(c.value)]] })) },
      ss.getId(),
    );
    return;
  }
  for (const c of cells) ss.getSheetByName(c.sheet)?.getRange(c.row, c.col).setValue(text(c.value));
}
