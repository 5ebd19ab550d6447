/** Names that arrive from a browser, made safe to write inside a campaign folder. */
import { resolve, sep } from 'node:path';

const FORBIDDEN = /[\u0000-\u001f\u007f<>:"|?*\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * The last path segment of a browser's file name, without control characters, bidi overrides, characters Windows
 * forbids, leading dots (hidden files, «..») or trailing dots and spaces; null when nothing usable is left.
 */
export function safeFileName(raw: string): string | null {
  const last = raw.split(/[\\/]/).pop() ?? '';
  let name = last.normalize('NFC').replace(FORBIDDEN, '').trim();
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (name.length > 120) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, 120 - ext.length) + ext;
  }
  if (name === '' || WINDOWS_DEVICE.test(name)) return null;
  return name;
}

/** `name` inside `dir`, or null if it would leave it (belt and braces after safeFileName). */
export function inside(dir: string, name: string): string | null {
  const root = resolve(dir);
  const full = resolve(root, name);
  return full.startsWith(root + sep) ? full : null;
}
