/**
 * An OpenDocument spreadsheet (.ods) through the one guarded zip layer (zip-index.ts: size, entry and ratio limits)
 * into the WorkbookGrid and named cells of ods-content.ts. Never throws: what cannot be read is a Russian reason.
 */
import { type OdsContent, readOdsContent } from './ods-content';
import { LeanZip, MAX_TOTAL_BYTES, ZipRefused, ZipTooLarge } from './zip-index';

export const ODS_HINT = 'откройте его в LibreOffice и сохраните снова как «Электронная таблица ODF (.ods)» или «Книга Excel (.xlsx)»';
const MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';
const TOO_LARGE =
  `файл .ods распаковывается в слишком большой объём (больше ${MAX_TOTAL_BYTES / 1024 / 1024} МБ) — ` + `это не файл мониторинга или он повреждён; ${ODS_HINT}`;

export function readOdsPackage(bytes: Buffer): OdsContent | { unreadable: string } {
  try {
    const zip = new LeanZip(bytes);
    const mime = zip.read('mimetype')?.toString('latin1').trim();
    // a template (.ots) holds the same content; a text or drawing is not a table
    if (mime !== undefined && !mime.startsWith(MIMETYPE)) return { unreadable: `это документ OpenDocument, но не электронная таблица (.ods); ${ODS_HINT}` };
    if (zip.read('META-INF/manifest.xml')?.includes('encryption-data'))
      return { unreadable: 'таблица .ods защищена паролем на открытие — снимите пароль в LibreOffice (Файл → Свойства → Безопасность) и сохраните снова' };
    const xml = zip.read('content.xml');
    if (xml === undefined) return { unreadable: `в файле .ods нет содержимого таблицы (content.xml) — он повреждён; ${ODS_HINT}` };
    const content = readOdsContent(xml);
    if (content.grid.sheets.length === 0) return { unreadable: `в таблице .ods нет ни одного листа; ${ODS_HINT}` };
    return content;
  } catch (error) {
    if (error instanceof ZipTooLarge) return { unreadable: TOO_LARGE };
    if (error instanceof ZipRefused) return { unreadable: `файл .ods повреждён или записан необычной программой (${error.message}); ${ODS_HINT}` };
    // malformed XML (LeanUnsupported), nesting deep enough to exhaust the stack
    return { unreadable: `содержимое таблицы .ods не читается — файл повреждён или записан необычной программой; ${ODS_HINT}` };
  }
}
