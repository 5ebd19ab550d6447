/**
 * A TrueType font without its hinting, for resvg. resvg never runs hinting instructions, but for every glyph it
 * draws it reads the whole font file from disk again (resvg-js 2.6 has no way to hand it the bytes once): a chart
 * of ~1,400 glyphs read PT Sans' 280 KB that many times, about 40 % of a school chart's time. Without the glyph
 * instructions and the hinting tables the same outlines, metrics, character map and shaping tables take ~100 KB,
 * so every glyph costs a third; the pictures are the same to the byte (test/node/chart/unhinted.test.ts).
 *
 * The copy is made at run time into the temporary folder and never shipped (OFL: the shipped font is unchanged).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { threadId } from 'node:worker_threads';

/** Tables only a hinting rasteriser reads. */
const HINTING_TABLES = new Set(['fpgm', 'prep', 'cvt ', 'gasp', 'hdmx', 'LTSH', 'VDMX', 'DSIG']);

interface Table {
  tag: string;
  data: Buffer;
}

function readTables(font: Buffer): Map<string, Buffer> {
  const count = font.readUInt16BE(4);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const offset = font.readUInt32BE(at + 8);
    out.set(font.toString('latin1', at, at + 4), font.subarray(offset, offset + font.readUInt32BE(at + 12)));
  }
  return out;
}

/** A simple glyph with its instructions left out; composite glyphs and empty ones as they are. */
function withoutInstructions(glyph: Buffer): Buffer {
  if (glyph.length === 0 || glyph.readInt16BE(0) < 0) return glyph;
  const lengthAt = 10 + 2 * glyph.readInt16BE(0);
  const length = glyph.readUInt16BE(lengthAt);
  if (length === 0) return glyph;
  return Buffer.concat([glyph.subarray(0, lengthAt), Buffer.from([0, 0]), glyph.subarray(lengthAt + 2 + length)]);
}

/** glyf and loca rebuilt (long offsets, every glyph padded to an even length). */
function strippedGlyphs(tables: Map<string, Buffer>): { glyf: Buffer; loca: Buffer } {
  const head = tables.get('head');
  const maxp = tables.get('maxp');
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  if (!head || !maxp || !loca || !glyf) throw new Error('not a TrueType font with glyf outlines');
  const long = head.readInt16BE(50) === 1;
  const glyphs = maxp.readUInt16BE(4);
  const offset = (g: number): number => (long ? loca.readUInt32BE(4 * g) : 2 * loca.readUInt16BE(2 * g));
  const parts: Buffer[] = [];
  const offsets = Buffer.alloc(4 * (glyphs + 1));
  let size = 0;
  for (let g = 0; g < glyphs; g++) {
    const glyph = withoutInstructions(glyf.subarray(offset(g), offset(g + 1)));
    parts.push(glyph);
    size += glyph.length;
    if (glyph.length % 2 === 1) {
      parts.push(Buffer.alloc(1));
      size += 1;
    }
    offsets.writeUInt32BE(size, 4 * (g + 1));
  }
  return { glyf: Buffer.concat(parts), loca: offsets };
}

function checksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    const word = ((data[i] ?? 0) << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}

/** The font's bytes without hinting: same glyph ids, outlines, metrics and tables otherwise. */
export function unhintedFont(font: Buffer): Buffer {
  const tables = readTables(font);
  const { glyf, loca } = strippedGlyphs(tables);
  const head = Buffer.from(tables.get('head') as Buffer);
  head.writeUInt32BE(0, 8); // checkSumAdjustment, set below
  head.writeInt16BE(1, 50); // indexToLocFormat: long offsets
  const kept: Table[] = [...tables.entries()]
    .filter(([tag]) => !HINTING_TABLES.has(tag))
    .map(([tag, data]) => ({ tag, data: tag === 'glyf' ? glyf : tag === 'loca' ? loca : tag === 'head' ? head : data }))
    .sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const count = kept.length;
  const directory = Buffer.alloc(12 + 16 * count);
  let power = 1;
  let log = 0;
  while (power * 2 <= count) {
    power *= 2;
    log += 1;
  }
  directory.writeUInt32BE(0x00010000, 0);
  directory.writeUInt16BE(count, 4);
  directory.writeUInt16BE(power * 16, 6);
  directory.writeUInt16BE(log, 8);
  directory.writeUInt16BE(count * 16 - power * 16, 10);
  const bodies: Buffer[] = [];
  let at = directory.length;
  kept.forEach(({ tag, data }, i) => {
    const entry = 12 + 16 * i;
    directory.write(tag, entry, 'latin1');
    directory.writeUInt32BE(checksum(data), entry + 4);
    directory.writeUInt32BE(at, entry + 8);
    directory.writeUInt32BE(data.length, entry + 12);
    const padding = Buffer.alloc((4 - (data.length % 4)) % 4);
    bodies.push(data, padding);
    at += data.length + padding.length;
  });
  const out = Buffer.concat([directory, ...bodies]);
  const headAt = directory.readUInt32BE(12 + 16 * kept.findIndex((t) => t.tag === 'head') + 8);
  out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headAt + 8);
  return out;
}

/**
 * Paths of unhinted copies of `files` in the temporary folder, named by the originals' content so that every run
 * and worker thread shares them (a copy that is not exactly what this code makes is written anew); the originals
 * when no copy can be made, which only costs time.
 */
export function unhintedCopies(files: readonly string[]): string[] {
  try {
    const fonts = files.map((file) => readFileSync(file));
    const hash = createHash('sha256');
    for (const font of fonts) hash.update(font);
    const dir = join(tmpdir(), `msoko-fonts-${hash.digest('hex').slice(0, 16)}`);
    mkdirSync(dir, { recursive: true });
    return files.map((file, i) => {
      const path = join(dir, basename(file));
      const bytes = unhintedFont(fonts[i] as Buffer);
      if (existsSync(path) && readFileSync(path).equals(bytes)) return path;
      const temporary = `${path}.tmp-${process.pid}-${threadId}`;
      try {
        writeFileSync(temporary, bytes);
        renameSync(temporary, path);
      } finally {
        rmSync(temporary, { force: true });
      }
      return path;
    });
  } catch {
    return [...files];
  }
}
