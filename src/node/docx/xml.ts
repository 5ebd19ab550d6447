/** XML text helpers for the hand-written WordprocessingML parts; what XML forbids is removed by the core's xmlSafe. */
import { xmlSafe } from '../../core/text/xml-safe';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const SPECIAL = /[&<>"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** One test for both cases keeps the common case (plain text) to a single regex scan. */
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]/;

/** The value, safe as element text or as a double-quoted attribute value. */
export function escapeXml(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return xmlSafe(value).replace(SPECIAL, (c) => ENTITY[c] ?? c);
}
