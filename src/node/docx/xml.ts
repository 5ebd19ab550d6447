/** XML text helpers for the hand-written WordprocessingML parts. */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * Characters XML 1.0 forbids (C0 controls other than tab, newline and carriage return; U+FFFE, U+FFFF) and
 * unpaired surrogates, which would otherwise reach the file as U+FFFD or break a strict parser.
 */
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPECIAL = /[&<>"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** One test for both cases keeps the common case (plain text) to a single regex scan. */
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** The value, safe as element text or as a double-quoted attribute value. */
export function escapeXml(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return value.replace(ILLEGAL, '').replace(SPECIAL, (c) => ENTITY[c] ?? c);
}
