/**
 * received/ holds only regular files: a dangling, looping or outside link is reported in Russian and never followed,
 * and the other schools still consolidate (the built CLI on the demo campaign).
 */
import { cpSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { msoko, tempDir } from '../cli/helpers';

const root = tempDir('received-links');

test('links in received/ are reported and skipped; the run goes on', () => {
  const dir = path.join(root, 'demo');
  expect(msoko(['demo', dir], 300_000).code).toBe(0);
  const received = path.join(dir, 'received');
  const outside = path.join(root, 'outside.xlsx');
  cpSync(path.join(dir, 'schools', 'sosh1.xlsx'), outside);
  symlinkSync(path.join(root, 'nowhere.xlsx'), path.join(received, 'dangling.xlsx'));
  symlinkSync(path.join(received, 'loop.xlsx'), path.join(received, 'loop.xlsx'));
  symlinkSync(outside, path.join(received, 'outside.xlsx'));
  writeFileSync(path.join(received, 'escape.xlsx'), Buffer.from('PK\u0003\u0004 \u001b[2J'));
  const r = msoko(['validate', dir], 300_000);
  expect(r.stderr).not.toMatch(/Внутренняя ошибка|ENOENT|ELOOP/);
  expect(r.code).toBe(1);
  for (const name of ['dangling.xlsx', 'loop.xlsx', 'outside.xlsx']) expect(r.stdout).toMatch(new RegExp(`«${name}»[^\\n]*ссылка \\(ярлык\\)`));
  expect(r.stdout).not.toMatch(/\u001b/);
  const c = msoko(['consolidate', dir], 300_000);
  expect([c.code, c.stderr]).toEqual([1, '']);
  expect(c.stdout).toMatch(/В своде 7 из 10 ОО/);
});
