/** The department's decisions offline: «вернуть на доработку» (with reasons in a copy of the file) and «принять». */
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readWorkbookFile } from '../../../src/node/xlsx/read/read-workbook';
import { msoko, msokoJson, tempDir } from './helpers';

const dir = path.join(tempDir('decide'), 'demo');

beforeAll(() => {
  expect(msoko(['demo', dir], 300_000).code).toBe(0);
}, 300_000);

interface Status {
  rows: { id: string; lifecycle: string }[];
}
const lifecycle = (id: string): string | undefined => msokoJson<Status>(['status', dir, '--json']).json.rows.find((r) => r.id === id)?.lifecycle;

test('return writes a copy with the values, status «Заполняется» and the reasons; the school shows «возвращено»', async () => {
  const r = msoko(['return', dir, 'sosh3', '--reason', 'Исправьте численность педагогов']);
  expect(r.code).toBe(0);
  const copy = path.join(dir, 'out', 'returned', 'sosh3.xlsx');
  expect(existsSync(copy)).toBe(true);
  const grid = await readWorkbookFile(copy);
  if ('unreadable' in grid) throw new Error(grid.unreadable);
  const profile = grid.sheets.find((s) => s.name === 'Сведения об ОО');
  expect(String(profile?.values[9]?.[1])).toContain('Исправьте численность педагогов');
  expect(profile?.values[6]?.[3]).toBe('Заполняется');
  expect(lifecycle('sosh3')).toBe('возвращено');
});

test('a newer file from the school reopens it', () => {
  const file = path.join(dir, 'received', 'sosh3.xlsx');
  const later = new Date(Date.now() + 60_000);
  utimesSync(file, later, later);
  expect(lifecycle('sosh3')).toBe('есть ошибки');
});

test('accept records «принято» for a clean file and refuses a file with errors', () => {
  expect(msoko(['accept', dir, 'sosh1']).code).toBe(0);
  expect(lifecycle('sosh1')).toBe('принято');
  const refused = msoko(['accept', dir, 'nosh2']);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('есть ошибки');
  expect(msoko(['return', dir, 'sosh1']).stderr).toContain('не указан обязательный параметр');
  expect(msoko(['accept', dir, 'nope']).stderr).toContain('нет в реестре');
});

test('a second command on the same campaign is refused while the first runs; a stale lock is taken over', () => {
  const lock = path.join(dir, '.msoko.lock');
  writeFileSync(lock, `${process.pid} 2026-11-23T10:00:00.000Z\n`);
  const refused = msoko(['validate', dir]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('обрабатывается другой командой msoko');
  writeFileSync(lock, '999999 2026-11-23T10:00:00.000Z\n');
  expect(msoko(['accept', dir, 'sosh2']).code).toBe(0);
  expect(existsSync(lock)).toBe(false);
});
