/**
 * The unhinted copy of PT Sans that resvg reads (src/node/chart/unhinted.ts): the same glyphs, advance widths and
 * character map as the shipped font, a third of its size, and the same picture to the byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Chart } from '../../../src/core/chart/model';
import { FONT_FILES, readFontMetrics } from '../../../src/node/chart/font';
import { chartSvg, renderSvg } from '../../../src/node/chart/render';
import { unhintedCopies, unhintedFont } from '../../../src/node/chart/unhinted';

const chart: Chart = {
  id: 'test',
  kind: 'bullet',
  title: 'Доля обучающихся, вовлечённых в деятельность «Движения первых», % — ЁЁ ёё №',
  unit: '%',
  max: 100,
  categories: ['Охват НОШ', 'Охват ООШ — «Орлята России»', 'Доступность ОО, Wi-Fi'].map((label, i) => ({
    label,
    name: label,
    key: `K${i}`,
    target: { value: 70, op: '>=' as const },
    standing: i === 0 ? ('achieved' as const) : ('notAchieved' as const),
    direction: 'none' as const,
  })),
  series: [{ name: 'значение', role: 'current', values: [72.4, 41.5, 68] }],
  notes: [],
  audience: 'public',
  alt: 'проверка',
};

test('every glyph, advance width and character of the shipped fonts is kept; the copies are far smaller', () => {
  for (const file of FONT_FILES) {
    const original = readFileSync(file);
    const copy = unhintedFont(original);
    const path = `${tmpdir()}/msoko-unhinted-test-${process.pid}.ttf`;
    writeFileSync(path, copy);
    const a = readFontMetrics(file);
    const b = readFontMetrics(path);
    expect(b.unitsPerEm).toBe(a.unitsPerEm);
    expect(b.advances).toEqual(a.advances);
    expect([...b.glyphs]).toEqual([...a.glyphs]);
    expect(copy.length).toBeLessThan(original.length * 0.45);
  }
});

test('a chart drawn with the unhinted copies is the same picture, byte for byte', () => {
  const { svg } = chartSvg(chart);
  const copies = unhintedCopies(FONT_FILES);
  expect(copies).not.toEqual(FONT_FILES);
  const original = renderSvg(svg, 1.3, FONT_FILES);
  const unhinted = renderSvg(svg, 1.3, copies);
  expect(Buffer.from(unhinted.png).equals(Buffer.from(original.png))).toBe(true);
});

test('the copies are shared between runs, and one that is not what this code makes is written anew', () => {
  const first = unhintedCopies(FONT_FILES);
  expect(unhintedCopies(FONT_FILES)).toEqual(first);
  writeFileSync(first[0] as string, 'not a font');
  expect(unhintedCopies(FONT_FILES)).toEqual(first);
  expect(readFileSync(first[0] as string).equals(unhintedFont(readFileSync(FONT_FILES[0] as string)))).toBe(true);
});
