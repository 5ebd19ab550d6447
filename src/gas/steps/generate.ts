import { withBackoff } from '../limits';
import { sheetRef } from '../../core/layout/a1';
import { type SchoolCell, TEMPLATE_SCHOOL, schoolSpecificCells } from '../../core/layout/school-template';
import { schoolWorkbookLayout } from '../../core/layout/school-workbook';
import { LIFECYCLE_LABELS } from '../../core/submission/lifecycle';
import { type DriveFile, MIME, copyFile, createFile, fileById, findStamped, stamp, stampIndex, trash, urlOf } from '../drive';
import { protectAndValidate, renderSheet } from '../render/sheet-renderer';
import { shareWith } from '../share';
import { advancedSheets, asSheetText, type Spreadsheet } from '../services';
import { lockForm } from '../store/catalog-sheets';
import { getSetting, setSettingNow } from '../store/job-store';
import { fileIdOf } from '../store/registry-sheet';
import { type StepContext, folderId } from './context';
import type { StepDef } from './runner';

const CREATING = 'создаётся';
const templateRole = (ctx: StepContext): string => `template:${ctx.settings.campaign.year}:${ctx.catalog.id}:${ctx.catalog.version}`;
const templateKey = (ctx: StepContext): string => `templateId.${ctx.settings.campaign.year}.${ctx.catalog.id}.${ctx.catalog.version}`;
const schoolRole = (ctx: StepContext, schoolId: string): string => `school:${ctx.settings.campaign.year}:${schoolId}`;

const INVITATION =
  'Отдел образования открыл вашей школе таблицу мониторинга системы воспитания. Откройте её по ссылке в этом письме ' +
  'и заполните белые ячейки; если у адреса нет Google-аккаунта, создайте его для этого адреса.';

/** A school's spreadsheet in Drive (the launch letter names it too). */
export const schoolFileName = (shortName: string, year: number): string => `${shortName} — мониторинг воспитания ${year}`;
/**
 * Creates each school's spreadsheet: the template (all sheets, validations, protections, named ranges) is built once
 * per campaign; a school's file is a Drive copy of it (stamped with the school's code, so a step that died before
 * recording the copy finds it again) with the few school-specific cells written in one call, shared with that
 * school's e-mails only (never by link), with no e-mail where Google allows it.
 */
/** The school files earlier runs made, found with one search per execution (module state lives one execution). */
let made: Map<string, DriveFile> | null = null;

export const generateStep: StepDef = {
  start(ctx) {
    // from now on school files are out: the «Каталог…» sheets may change targets and texts, not the school form
    lockForm(ctx.catalog, ctx.settings.campaign.year);
    const known = getSetting(templateKey(ctx));
    if (known && fileById(known)) return;
    const found = findStamped(templateRole(ctx), folderId(ctx));
    setSettingNow(templateKey(ctx), found?.id ?? buildTemplate(ctx));
  },
  item(ctx, row, job) {
    const existing = row.fileUrl ? fileIdOf(row.fileUrl) : null;
    const alive = existing ? fileById(existing) : null;
    if (alive && row.lifecycle !== CREATING) return;
    made ??= stampIndex(`school:${ctx.settings.campaign.year}`, folderId(ctx));
    let file = alive ?? made.get(schoolRole(ctx, row.school.id)) ?? null;
    if (!file) {
      const templateId = getSetting(templateKey(ctx));
      if (!templateId) throw new Error('нет шаблона таблицы школы');
      file = copyFile(templateId, schoolFileName(row.school.shortName, ctx.settings.campaign.year), schoolRole(ctx, row.school.id), folderId(ctx));
    }
    const id = file.id ?? '';
    row.fileUrl = urlOf(file);
    row.lifecycle = CREATING;
    writeSchoolCells(SpreadsheetApp.openById(id), schoolSpecificCells(ctx.catalog, ctx.settings.campaign, row.school));
    const invited = shareWith(id, row.school.emails, 'writer', INVITATION);
    if (invited.length > 0) {
      row.messages = `Приглашение отправлено письмом: у адреса ${invited.join(', ')} нет Google-аккаунта.`;
      job.notes.push(`${row.school.shortName}: у адреса ${invited.join(', ')} нет Google-аккаунта — Google отправил приглашение письмом.`);
    }
    row.lifecycle = LIFECYCLE_LABELS.missing;
  },
  finish(ctx) {
    const made = ctx.registry.filter((r) => r.fileUrl !== '').length;
    const invited = ctx.registry.filter((r) => r.messages.startsWith('Приглашение отправлено письмом')).length;
    const letters = invited > 0 ? ` Школам без Google-аккаунта (${invited}) Google отправил приглашение письмом — см. лист «Школы».` : '';
    return `Таблицы школ готовы: ${made} из ${ctx.registry.length}. Каждая открыта только своей школе (по адресам из реестра).${letters}`;
  },
};

/**
 * The template, made through Drive in the campaign folder and stamped as finished only once every sheet is drawn:
 * a template half-drawn by a killed execution is never copied (it is trashed and drawn again).
 */
function buildTemplate(ctx: StepContext): string {
  const building = `building:${templateRole(ctx)}`;
  const stale = findStamped(building, folderId(ctx));
  if (stale?.id) trash(stale.id);
  const file = createFile(`Шаблон таблицы школы — ${ctx.settings.campaign.year}`, MIME.spreadsheet, building, folderId(ctx));
  const id = file.id ?? '';
  const ss = SpreadsheetApp.openById(id);
  const layout = schoolWorkbookLayout(ctx.catalog, ctx.settings.campaign, TEMPLATE_SCHOOL);
  ss.setSpreadsheetLocale('ru_RU');
  ss.setSpreadsheetTimeZone(ctx.ss.getSpreadsheetTimeZone());
  const first = ss.getSheets()[0];
  layout.workbook.sheets.forEach((spec, i) => {
    const sheet = i === 0 && first ? first.setName(spec.name) : ss.insertSheet(spec.name);
    renderSheet(ss, sheet, spec);
    protectAndValidate(ss, sheet, spec);
  });
  stamp(id, templateRole(ctx));
  return id;
}

function writeSchoolCells(ss: Spreadsheet, cells: SchoolCell[]): void {
  const text = (v: string | number): string | number => (typeof v === 'string' ? asSheetText(v) : v);
  const api = advancedSheets();
  if (api?.Spreadsheets?.Values) {
    const values = api.Spreadsheets.Values;
    withBackoff(() =>
      values.batchUpdate(
        {
          valueInputOption: 'USER_ENTERED',
          data: cells.map((c) => ({ range: sheetRef(c.sheet, c.row, c.col).replace(/\$/g, ''), values: [[text(c.value)]] })),
        },
        ss.getId(),
      ),
    );
    return;
  }
  for (const c of cells) ss.getSheetByName(c.sheet)?.getRange(c.row, c.col).setValue(text(c.value));
}
