import { catalogOf } from '../../app/campaign';
import { type CatalogImport, CatalogImportSchema, catalogFormRefusal } from '../../app/catalog-import';
import { type Reply, UserFacingError } from '../../app/errors';
import { CATALOG_SOURCES } from '../../core/catalog';
import type { CatalogSource } from '../../core/catalog/schema';
import type { Catalog } from '../../core/catalog/types';
import { PREVIOUS_YEARS_SHEET, previousYearsSheet, readPreviousYears } from '../../core/history/previous-years';
import { MIME, driveApi } from '../drive';
import { RateLimited, withBackoff } from '../limits';
import { writeStaged } from '../render/staged-write';
import { underDocumentLock } from '../lock';
import { requireOwner } from '../owner';
import type { Spreadsheet } from '../services';
import { writeCatalogId } from '../store/campaign-sheet';
import { CATALOG_SHEET_NAMES, catalogSourceOf, formOf, lockedForm, readCatalogGrid, versionedCatalog, writeCatalogSheets } from '../store/catalog-sheets';
import { spreadsheetIdOf } from '../store/cycle-store';
import { readDepartment } from '../store/department-read';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NOT_XLSX = 'это не книга Excel (.xlsx). Сохраните каталог как «Книга Excel (.xlsx)» и загрузите ещё раз.';

/**
 * «Каталог показателей» in the sidebar: the campaign's catalog from a built-in one, another Google spreadsheet (its
 * «Каталог…» sheets, opened with the `spreadsheets` scope the add-on has) or an uploaded .xlsx, written onto this
 * spreadsheet's «Каталог…» sheets. Once school files are out, a catalog that changes the school form is refused.
 */
export function importCatalog(raw: unknown): Reply<{ message: string }> {
  return underDocumentLock(() => {
    const parsed = CatalogImportSchema.safeParse(raw);
    if (!parsed.success) throw new UserFacingError(`Каталог: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    requireOwner();
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const department = readDepartment(ss);
    const { campaign } = department.settings();
    const source = sourceOf(parsed.data, ss);
    const catalog = versionedCatalog(source);
    const locked = lockedForm(campaign.year);
    const out = department.registry.rows.filter((r) => r.fileUrl !== '').length;
    const refusal = locked ? catalogFormRefusal(formOf(catalog), locked, Math.max(out, 1)) : null;
    if (refusal) throw new UserFacingError(refusal);
    writeCatalogSheets(ss, source);
    if (source.id !== campaign.catalogId) writeCatalogId(ss, source.id);
    const history = refreshPreviousYears(ss, catalog, campaign.year);
    return {
      ok: true,
      message:
        `Каталог «${source.title}» (версия ${catalog.version}) записан на листы «Каталог…» этой таблицы (${CATALOG_SHEET_NAMES.length}). ` +
        `Правьте его там: следующий шаг возьмёт правку.${history}`,
    };
  });
}

function sourceOf(request: CatalogImport, ss: Spreadsheet): CatalogSource {
  if (request.kind === 'builtin') {
    catalogOf(request.id);
    return CATALOG_SOURCES[request.id] as CatalogSource;
  }
  if (request.kind === 'url') return fromSpreadsheet(request.url, ss);
  return fromUpload(request.name, request.base64);
}

function fromSpreadsheet(url: string, ss: Spreadsheet): CatalogSource {
  const id = spreadsheetIdOf(url);
  if (!id) throw new UserFacingError(`Каталог: «${url.slice(0, 80)}» — не ссылка на Google Таблицу.`);
  if (id === ss.getId()) throw new UserFacingError('Каталог: это и есть таблица кампании — правьте листы «Каталог…» прямо здесь.');
  let grid: ReturnType<typeof readCatalogGrid>;
  try {
    grid = readCatalogGrid(
      () => id,
      () => SpreadsheetApp.openById(id),
    );
  } catch (e) {
    if (e instanceof UserFacingError || e instanceof RateLimited) throw e;
    throw new UserFacingError('Каталог: таблица по ссылке не открывается — проверьте ссылку и что у вас есть доступ к ней (хотя бы просмотр).');
  }
  if (!grid) throw new UserFacingError('Каталог: в таблице по ссылке нет листов «Каталог…» — это не книга каталога.');
  return catalogSourceOf(grid, 'Таблица по ссылке');
}

/**
 * An uploaded .xlsx, converted by Drive into a Google spreadsheet in the user's Drive (a file the add-on creates, so
 * `drive.file` reaches it), read in one call and deleted at once, whatever the reading found.
 */
function fromUpload(name: string, base64: string): CatalogSource {
  const bytes = Utilities.base64Decode(base64);
  // an .xlsx is a zip: «PK»
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new UserFacingError(`Каталог «${name}»: ${NOT_XLSX}`);
  const api = driveApi();
  let fileId: string;
  try {
    const file = withBackoff(() =>
      api.Files.create({ name: `Каталог (чтение загрузки) — ${name}`, mimeType: MIME.spreadsheet }, Utilities.newBlob(bytes, XLSX, name), { fields: 'id' }),
    );
    fileId = file.id ?? '';
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    throw new UserFacingError(`Каталог «${name}»: Google не открыл файл — ${NOT_XLSX}`);
  }
  try {
    const grid = readCatalogGrid(
      () => fileId,
      () => SpreadsheetApp.openById(fileId),
    );
    if (!grid) throw new UserFacingError(`Каталог «${name}»: в книге нет листов «Каталог…» — это не книга каталога.`);
    return catalogSourceOf(grid, `Каталог «${name}»`);
  } finally {
    try {
      withBackoff(() => api.Files.remove(fileId));
    } catch {
      // left in the user's Drive under its «Каталог (чтение загрузки)» name; nothing reads it again
    }
  }
}

/**
 * «Прошлые годы» lists the catalog's cells: redrawn for the new catalog with what the department typed there, unless a
 * typed value belongs to a cell the new catalog lacks — then the sheet stays as it is and the department is told.
 */
function refreshPreviousYears(ss: Spreadsheet, catalog: Catalog, year: number): string {
  const sheet = ss.getSheetByName(PREVIOUS_YEARS_SHEET);
  const typed = sheet ? readPreviousYears(catalog, sheet.getDataRange().getValues(), year) : { years: [], problems: [] };
  if (typed.problems.length > 0) {
    return ` На листе «${PREVIOUS_YEARS_SHEET}» есть значения, которые к новому каталогу не подходят, — лист оставлен как был: ${typed.problems[0]}.`;
  }
  writeStaged(ss, [previousYearsSheet(catalog, year, typed.years)]);
  return '';
}
