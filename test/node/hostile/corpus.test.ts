/**
 * Issue 14's six classes of hostile files, two variants each, dropped into a real campaign's received/ (the demo):
 * every one is refused or read with a Russian message that names the file, nothing crashes, the other schools
 * consolidate as before, and every output parses strictly.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, msoko, msokoJson, tempDir } from '../cli/helpers';
import { minimalParts, sheetXml } from './parts';
import { type RawEntry, buildZip } from './zip-build';

const entries = (sheet?: string): RawEntry[] => Object.entries(minimalParts(sheet)).map(([name, data]) => ({ name, data }));
const bomb = (name: string): RawEntry => ({ name, data: Buffer.alloc(100 * 1024 * 1024), declaredSize: 1000 });
const cellXml = (ref: string, text: string): string => `<row r="${ref.replace(/^[A-Z]+/, '')}"><c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c></row>`;

const CORPUS: Record<string, Buffer> = {
  // 1. zip-bomb guard bypass
  'bomb-duplicate-name.xlsx': buildZip([...entries(), bomb('xl/styles.xml')]),
  'bomb-zip64.xlsx': buildZip([...entries(), bomb('xl/media/image1.png')], { zip64Locator: true }),
  // 2. absurd cell references
  'row-1e10.xlsx': buildZip(entries(sheetXml('<row r="10000000000"><c r="A10000000000"><v>1</v></c></row>'))),
  'column-beyond-xfd.xlsx': buildZip(entries(sheetXml('<row r="1"><c r="XFE1"><v>1</v></c></row>'))),
  // 3. characters XML forbids, and a bidi override
  'text-fffe.xlsx': buildZip(entries(sheetXml(cellXml('A1', 'Школа_xFFFE_№ 1')))),
  'text-rlo.xlsx': buildZip(entries(sheetXml(cellXml('A1', 'txt.\u202Eexe')))),
  // 4. huge text
  'text-huge.xlsx': buildZip(entries(sheetXml(cellXml('A1', 'Щ'.repeat(3_000_000))))),
  'text-many-large.xlsx': buildZip(entries(sheetXml(['A1', 'A2', 'A3', 'A4'].map((r) => cellXml(r, '7'.repeat(40_000))).join('')))),
  // 5. merges
  'merges-240k.xlsx': buildZip(
    entries(
      sheetXml(
        '<row r="1"><c r="A1"><v>1</v></c></row>',
        `<mergeCells>${Array.from({ length: 240_000 }, (_, i) => `<mergeCell ref="A${2 * i + 1}:B${2 * i + 1}"/>`).join('')}</mergeCells>`,
      ),
    ),
  ),
  'merges-overlap.xlsx': buildZip(
    entries(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', '<mergeCells><mergeCell ref="A1:C3"/><mergeCell ref="B2:D4"/></mergeCells>')),
  ),
};

const base = tempDir('hostile-corpus');

test('every hostile file gets a Russian message naming it; the other schools consolidate; the outputs parse strictly', () => {
  const dir = path.join(base, 'demo');
  expect(msoko(['demo', dir]).code).toBe(0);
  const before = msokoJson<{ schools: { status: string }[] }>(['consolidate', dir, '--json']).json;
  const accepted = before.schools.filter((s) => s.status === 'accepted').length;
  const received = path.join(dir, 'received');
  for (const [name, bytes] of Object.entries(CORPUS)) writeFileSync(path.join(received, name), bytes);
  // 6. links in received/: one dangling, one to a file outside the campaign
  const outside = path.join(dir, '..', 'outside.xlsx');
  writeFileSync(outside, CORPUS['row-1e10.xlsx'] as Buffer);
  symlinkSync(path.join(dir, 'нет-такого.xlsx'), path.join(received, 'link-dangling.xlsx'));
  symlinkSync(outside, path.join(received, 'link-outside.xlsx'));

  const validated = msokoJson<{ strays: { file: string; messages: string[] }[]; skipped?: unknown }>(['validate', dir, '--json']);
  expect(validated.code).toBe(1);
  expect(validated.stderr).not.toMatch(/Внутренняя ошибка|RangeError|ENOENT|ELOOP/);
  const report = JSON.stringify(validated.json);
  for (const name of [...Object.keys(CORPUS), 'link-dangling.xlsx', 'link-outside.xlsx']) expect([name, report.includes(name)]).toEqual([name, true]);
  for (const stray of validated.json.strays) {
    expect(stray.messages.length).toBeGreaterThan(0);
    for (const m of stray.messages) {
      expect(m).toMatch(/[а-яё]/i);
      expect(m).not.toMatch(/Corrupted|Error:|undefined|Файл: файл/);
      expect(m.length).toBeLessThan(600);
    }
  }
  const after = msokoJson<{ schools: { status: string }[] }>(['consolidate', dir, '--json']).json;
  expect(after.schools.filter((s) => s.status === 'accepted').length).toBe(accepted);

  const outputs = ['out/appendices.xlsx', 'out/validation.xlsx', 'measures.xlsx'].map((f) => path.join(dir, f)).filter((f) => existsSync(f));
  mkdirSync(path.join(dir, 'check'), { recursive: true });
  const strict = execFileSync('/usr/bin/python3', [path.join(ROOT, 'test', 'python', 'xml_strict.py'), ...outputs], { encoding: 'utf8' });
  expect(strict).not.toMatch(/FAIL|error/i);
  expect(readdirSync(received).length).toBeGreaterThan(10);
}, 240_000);
