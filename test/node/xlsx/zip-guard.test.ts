/**
 * The zip guard (src/node/xlsx/read/zip-index.ts) in front of every reader: what the lean reader cannot read
 * unambiguously is refused in Russian and never reaches jszip; sizes are held while inflating; a fuzz over
 * mutated packages gives a grid or a Russian reason, never an exception.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { TOO_LARGE, leanReadWorkbook } from '../../../src/node/xlsx/read/package-reader';
import { readWorkbookFile } from '../../../src/node/xlsx/read/read-workbook';
import { LeanZip, MAX_ENTRIES, MAX_TOTAL_BYTES, ZipTooLarge } from '../../../src/node/xlsx/read/zip-index';
import { minimalParts } from '../hostile/parts';
import { type RawEntry, buildZip } from '../hostile/zip-build';

const DIR = mkdtempSync(path.join(tmpdir(), 'msoko-zip-guard-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const entries = (extra: Partial<RawEntry> & { at?: string } = {}): RawEntry[] =>
  Object.entries(minimalParts()).map(([name, data]) => (name === extra.at ? { name, data, ...extra } : { name, data }));
const file = (name: string, bytes: Buffer): string => {
  const out = path.join(DIR, name);
  writeFileSync(out, bytes);
  return out;
};
const REFUSED = /^файл \.xlsx повреждён или записан необычной программой \(/;

test('the minimal package reads', async () => {
  expect(await readWorkbookFile(file('ok.xlsx', buildZip(entries())))).toEqual({ sheets: [{ name: 'Лист1', values: [[1]] }] });
});

describe('what the lean reader cannot read is refused, never handed to jszip', () => {
  const bomb = { name: 'xl/media/image1.png', data: Buffer.alloc(20 * 1024 * 1024), declaredSize: 1000 };
  const cases: [string, Buffer, RegExp][] = [
    ['two entries with one name (the second a bomb)', buildZip([...entries(), { ...bomb, name: 'xl/styles.xml' }]), /две части с одним именем/],
    ['a ZIP64 end record', buildZip([...entries(), bomb], { zip64Locator: true }), /ZIP64/],
    ['a ZIP64 extra field', buildZip(entries({ at: 'xl/styles.xml', extra: Buffer.from([1, 0, 0, 0]) })), /ZIP64/],
    ['a disk number other than 0', buildZip([...entries(), { ...bomb, disk: 1 }]), /несколько томов/],
    ['an unknown compression method', buildZip(entries({ at: 'xl/styles.xml', method: 12 })), /неизвестным способом/],
  ];
  test.each(cases)('%s', async (name, bytes, reason) => {
    const got = await readWorkbookFile(file(`${name}.xlsx`, bytes));
    expect(got).toEqual({ unreadable: expect.stringMatching(REFUSED) });
    expect((got as { unreadable: string }).unreadable).toMatch(reason);
    expect((got as { unreadable: string }).unreadable).not.toMatch(/[A-Za-z]{4,} [a-z]{3,}/); // no English fragments
  });

  test('a part that lies about its size is a bomb even when only the fallback would read it', async () => {
    const sheet = minimalParts()['xl/worksheets/sheet1.xml'].replace('<v>1</v>', '<v><![CDATA[1]]></v>'); // the lean reader gives up on CDATA
    const bytes = buildZip([...entries().filter((e) => !e.name.includes('sheet1')), { name: 'xl/worksheets/sheet1.xml', data: sheet }, bomb]);
    expect(leanReadWorkbook(bytes)).toEqual({ fallback: expect.any(String) });
    expect(await readWorkbookFile(file('fallback-bomb.xlsx', bytes))).toEqual({ unreadable: TOO_LARGE });
  });
});

test('limits: entry count, declared total, and the bytes inflated stay under the total', () => {
  const many = Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => ({ name: `x/${i}`, data: '', method: 0 }));
  expect(() => new LeanZip(buildZip(many))).toThrow(ZipTooLarge);
  const big = Array.from({ length: 3 }, (_, i) => ({ name: `x/${i}`, data: Buffer.alloc(30 * 1024 * 1024, 32 + i) }));
  expect(() => new LeanZip(buildZip(big))).toThrow(ZipTooLarge); // each under the part limit, ratio ≥ 200, 90 MB in all
  const honest = Array.from({ length: 3 }, (_, i) => ({ name: `x/${i}`, data: Buffer.alloc(900 * 1024, 32 + i) }));
  const zip = new LeanZip(buildZip(honest));
  zip.readAll();
  expect(zip.inflated).toBe(3 * 900 * 1024);
  const lying = new LeanZip(buildZip([{ name: 'a', data: Buffer.alloc(8 * 1024 * 1024), declaredSize: 4096 }]));
  expect(() => lying.readAll()).toThrow(ZipTooLarge);
  expect(lying.inflated).toBeLessThanOrEqual(MAX_TOTAL_BYTES);
});

test('fuzz: a mutated package gives a grid or a Russian reason, never an exception', async () => {
  const good = buildZip(entries());
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (edits) => {
      const bytes = Buffer.from(good);
      for (const [at, b] of edits) bytes[at] = b;
      const got = await readWorkbookFile(file('fuzz.xlsx', bytes));
      if ('unreadable' in got) expect(got.unreadable).toMatch(/[а-яё]/);
      else expect(Array.isArray(got.sheets)).toBe(true);
    }),
    { numRuns: 300 },
  );
});
