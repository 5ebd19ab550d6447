/**
 * A campaign's catalog replaced from the panel (issue 15): the payload of «importCatalog» — a built-in catalog, a
 * Google Sheets link (Google only) or an .xlsx uploaded from the sidebar as base64 — and the one rule both servers
 * apply once school files are out: the school form must not change.
 */
import * as z from 'zod/mini';

/** The uploaded workbook's size limit; a catalog workbook is about 100 KB. */
export const MAX_CATALOG_BYTES = 5 * 1024 * 1024;
const MAX_BASE64 = Math.ceil(MAX_CATALOG_BYTES / 3) * 4;

export const CatalogImportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('builtin'), id: z.string().check(z.trim(), z.minLength(1, 'укажите каталог'), z.maxLength(40, 'каталог: слишком длинный код')) }),
  z.object({
    kind: z.literal('url'),
    url: z.string().check(z.trim(), z.minLength(10, 'вставьте ссылку на Google Таблицу'), z.maxLength(500, 'ссылка слишком длинная')),
  }),
  z.object({
    kind: z.literal('xlsx'),
    name: z.string().check(z.maxLength(255, 'имя файла слишком длинное')),
    base64: z
      .string()
      .check(
        z.minLength(4, 'файл пуст'),
        z.maxLength(MAX_BASE64, `файл больше ${MAX_CATALOG_BYTES / 1024 / 1024} МБ — это не книга каталога`),
        z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'файл передан повреждённым — выберите его ещё раз'),
      ),
  }),
]);
export type CatalogImport = z.input<typeof CatalogImportSchema>;

/** What a campaign's school form is made by: the catalog's id, its version (text + form hash) and the form hash. */
export interface CatalogForm {
  id: string;
  version: string;
  hash: string;
}

/**
 * Why a catalog may not replace the one school files were made by, or null when it may: once files are out, another
 * catalog, another school form or another version text is refused (the returned files would not match it). Targets,
 * notes, decisions, groups and the «ключевой» mark may change and apply at the next consolidation. `lead` names what
 * was refused; `fix` tells how to undo it where the catalog is edited in place (the spreadsheet's «Каталог» sheets).
 */
export function catalogFormRefusal(next: CatalogForm, current: CatalogForm, out: number, lead = 'Каталог не заменён', fix = ''): string | null {
  if (out <= 0) return null;
  const tail = fix === '' ? '' : ` ${fix}`;
  if (next.id !== current.id) return `${lead}: таблицы школ уже разосланы по каталогу «${current.id}», а новый каталог — «${next.id}».${tail}`;
  if (next.hash !== current.hash) {
    return (
      `${lead}: таблицы школ уже разосланы (файлов: ${out}), а новый каталог меняет форму школы — ` +
      'поля, листы, подписи или правила контроля. Возвращённые файлы не совпали бы с ним. ' +
      'Менять можно целевые значения, примечания, решения, группы и отметку «ключевой»; ' +
      `изменения формы внесите в каталог следующей кампании.${tail}`
    );
  }
  if (next.version !== current.version) {
    return (
      `${lead}: таблицы школ уже разосланы (файлов: ${out}) с версией каталога «${current.version}». ` +
      `Оставьте в книге версию «${current.version.replace(/ #[0-9a-f]{8}$/, '')}»: ` +
      `форма не изменилась, целевые значения и тексты применятся при следующем своде.${tail}`
    );
  }
  return null;
}
