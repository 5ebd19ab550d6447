/**
 * The one font every chart is drawn with: PT Sans (ParaType, OFL 1.1, with Cyrillic), shipped as TTF by the npm
 * package @expo-google-fonts/pt-sans. resvg reads only TTF/OTF and drops text silently when a glyph or the font is
 * missing, so the font's own tables are read here: its character map (a label the font cannot draw is found before
 * rendering, not by eye) and its advance widths (ECharts lays out labels with them instead of a guess per character).
 */
import { readFileSync } from 'node:fs';

export const FONT_FAMILY = 'PT Sans';

/** Resolved from the package, so the path holds on any machine and OS where `npm install` ran. */
export const FONT_FILES = [
  require.resolve('@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf'),
  require.resolve('@expo-google-fonts/pt-sans/700Bold/PTSans_700Bold.ttf'),
];

export interface FontMetrics {
  unitsPerEm: number;
  /** Glyph id per code point. */
  glyphs: Map<number, number>;
  advances: number[];
}

function tables(data: Buffer): Map<string, number> {
  const count = data.readUInt16BE(4);
  const out = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    out.set(data.toString('latin1', at, at + 4), data.readUInt32BE(at + 8));
  }
  return out;
}

/** cmap formats 4 (BMP) and 12 (full Unicode), Windows Unicode encodings: what TrueType fonts with Cyrillic carry. */
function characterMap(data: Buffer, cmap: number): Map<number, number> {
  const map = new Map<number, number>();
  const count = data.readUInt16BE(cmap + 2);
  const subtables: number[] = [];
  for (let i = 0; i < count; i++) {
    const platform = data.readUInt16BE(cmap + 4 + 8 * i);
    const encoding = data.readUInt16BE(cmap + 6 + 8 * i);
    if (platform === 3 && (encoding === 1 || encoding === 10)) subtables.push(cmap + data.readUInt32BE(cmap + 8 + 8 * i));
  }
  for (const at of subtables) {
    const format = data.readUInt16BE(at);
    if (format === 4) {
      const segments = data.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + 2 * segments + 2;
      const deltas = starts + 2 * segments;
      const offsets = deltas + 2 * segments;
      for (let s = 0; s < segments; s++) {
        const end = data.readUInt16BE(ends + 2 * s);
        const start = data.readUInt16BE(starts + 2 * s);
        const delta = data.readInt16BE(deltas + 2 * s);
        const offset = data.readUInt16BE(offsets + 2 * s);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph: number;
          if (offset === 0) glyph = (c + delta) & 0xffff;
          else {
            const raw = data.readUInt16BE(offsets + 2 * s + offset + 2 * (c - start));
            glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
          }
          if (glyph !== 0) map.set(c, glyph);
        }
      }
    } else if (format === 12) {
      const groups = data.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++) {
        const base = at + 16 + 12 * g;
        const start = data.readUInt32BE(base);
        const end = data.readUInt32BE(base + 4);
        const glyph = data.readUInt32BE(base + 8);
        for (let c = start; c <= end; c++) map.set(c, glyph + (c - start));
      }
    }
  }
  return map;
}

export function readFontMetrics(path: string): FontMetrics {
  const data = readFileSync(path);
  const t = tables(data);
  const head = t.get('head');
  const hhea = t.get('hhea');
  const hmtx = t.get('hmtx');
  const cmap = t.get('cmap');
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) throw new Error(`${path}: not a TrueType font with cmap and hmtx`);
  const metrics = data.readUInt16BE(hhea + 34);
  const advances: number[] = [];
  for (let i = 0; i < metrics; i++) advances.push(data.readUInt16BE(hmtx + 4 * i));
  return { unitsPerEm: data.readUInt16BE(head + 18), glyphs: characterMap(data, cmap), advances };
}

let regular: FontMetrics | null = null;
export const fontMetrics = (): FontMetrics => {
  regular ??= readFontMetrics(FONT_FILES[0] as string);
  return regular;
};

/** The width of a text in pixels at `size` px: the glyphs' advance widths (no kerning). */
export function textWidth(text: string, size: number, metrics: FontMetrics = fontMetrics()): number {
  let units = 0;
  const last = metrics.advances[metrics.advances.length - 1] ?? metrics.unitsPerEm / 2;
  for (const ch of text) {
    const glyph = metrics.glyphs.get(ch.codePointAt(0) ?? 0);
    units += glyph === undefined ? metrics.unitsPerEm / 2 : (metrics.advances[glyph] ?? last);
  }
  return (units * size) / metrics.unitsPerEm;
}

/** Characters of a text that the font has no glyph for (whitespace aside). */
export function missingGlyphs(text: string, metrics: FontMetrics = fontMetrics()): string[] {
  const missing = new Set<string>();
  for (const ch of text) if (!/\s/.test(ch) && !metrics.glyphs.has(ch.codePointAt(0) ?? 0)) missing.add(ch);
  return [...missing];
}
