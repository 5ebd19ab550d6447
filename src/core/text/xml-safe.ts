/**
 * Text that reaches XML or a terminal. XML 1.0 forbids C0 controls except tab, LF and CR, U+FFFE, U+FFFF and lone
 * surrogates: one of them in a shared string makes the whole workbook not well-formed (LibreOffice then drops every
 * later string). Bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) are allowed by XML but reorder what a
 * reader sees, so they go too. Pure: the .xlsx and .docx writers and the CLI share it.
 */
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without the characters XML 1.0 forbids and without bidi overrides. */
export const xmlSafe = (text: string): string => text.replace(XML_FORBIDDEN, '');

const TERMINAL_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** For printing: no escape sequences or other controls (tab and LF stay), and what XML forbids is gone too. */
export const terminalSafe = (text: string): string => xmlSafe(text).replace(TERMINAL_CONTROLS, '');

/** At most `max` characters of a school's text for a message: one line, controls removed, «…» when cut. */
export function quoted(text: string, max = 100): string {
  const head = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const clean = terminalSafe(head).replace(/\s+/g, ' ');
  return clean.length <= max && head.length === text.length ? clean : `${clean.slice(0, max - 1)}…`;
}

const NEEDS_CLEANING = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]/;

/**
 * Every string inside a value (a workbook or document spec) through xmlSafe; objects and arrays are copied only
 * where something changed, so a clean spec comes back as itself.
 */
export function xmlSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return (NEEDS_CLEANING.test(value) ? xmlSafe(value) : value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const cleaned = xmlSafeDeep(v);
      if (cleaned === v) continue;
      out ??= value.slice();
      out[i] = cleaned;
    }
    return (out ?? value) as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value; // Dates, Maps: left as they are
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const cleaned = xmlSafeDeep(v);
    if (cleaned === v) continue;
    out ??= { ...(value as Record<string, unknown>) };
    out[k] = cleaned;
  }
  return (out ?? value) as T;
}
