/**
 * Recognises what a file is from its bytes before a reader sees it — an .xlsx package, an OpenDocument spreadsheet
 * (.ods) or neither — so a school gets a precise reason («защищён паролем», «это .docx») instead of a zip-library error.
 */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];

const startsWith = (bytes: Uint8Array, sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
const has = (bytes: Buffer, text: string): boolean => bytes.includes(Buffer.from(text, 'latin1'));

/** An OLE compound file: an .xlsx with a password to open is wrapped in one, and an old .xls is one. */
const ENCRYPTED_OR_XLS =
  'файл защищён паролем на открытие или это не .xlsx (например, старый формат .xls) — снимите пароль на открытие и сохраните как «Книга Excel (.xlsx)»';

export const NOT_XLSX_HINT = 'сохраните файл в Excel или LibreOffice как «Книга Excel (.xlsx)» и отправьте снова';

export type WorkbookKind = 'xlsx' | 'ods';

/** Which spreadsheet package the bytes look like; otherwise the Russian reason they are not one. */
export function sniffWorkbook(bytes: Buffer): WorkbookKind | { unreadable: string } {
  const reason = sniffXlsx(bytes);
  if (reason === ODS) return 'ods';
  return reason === null ? 'xlsx' : { unreadable: reason };
}

const ODS = 'ods';

/** null when the bytes look like an .xlsx package, ODS for an OpenDocument spreadsheet; otherwise the Russian reason. */
function sniffXlsx(bytes: Buffer): string | null {
  if (bytes.length === 0) return 'файл пустой (0 байт) — вероятно, он не был сохранён или не докачался';
  if (startsWith(bytes, OLE)) return ENCRYPTED_OR_XLS;
  if (startsWith(bytes, EMPTY_ZIP)) return `файл — пустой zip-архив, а не книга .xlsx; ${NOT_XLSX_HINT}`;
  if (!startsWith(bytes, ZIP)) {
    const head = bytes.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
    if (head.startsWith('%pdf')) return `это PDF-документ, а не таблица .xlsx; ${NOT_XLSX_HINT}`;
    if (head.startsWith('<!doctype html') || head.startsWith('<html')) return `это веб-страница (HTML), а не таблица .xlsx — скачайте сам файл, а не страницу`;
    if (head.startsWith('<?xml')) return `это XML-файл, а не книга .xlsx; ${NOT_XLSX_HINT}`;
    return `файл не является книгой .xlsx (повреждён или другого формата); ${NOT_XLSX_HINT}`;
  }
  // A whole zip ends with its central directory (the «PK\x05\x06» record within the last 64 KB).
  if (bytes.subarray(Math.max(0, bytes.length - 65_557)).lastIndexOf(Buffer.from(EMPTY_ZIP)) < 0) {
    return `файл .xlsx обрезан или повреждён (не докачался или не сохранился до конца); ${NOT_XLSX_HINT}`;
  }
  if (has(bytes, 'xl/workbook.xml')) return null;
  // the stored «mimetype» part, first in the package
  if (has(bytes, 'opendocument.spreadsheet')) return ODS;
  if (has(bytes, 'word/document.xml')) return 'это документ Word (.docx), а не таблица .xlsx — отправьте файл мониторинга';
  if (has(bytes, 'opendocument.text')) return 'это текстовый документ (.odt), а не таблица .xlsx — отправьте файл мониторинга';
  return `это zip-архив, но не книга Excel (.xlsx) — распакуйте его или ${NOT_XLSX_HINT}`;
}
