/**
 * Campaigns on a department's catalog (issue 15 §4): the campaign keeps its own copy, its version is the specialist's
 * text plus the form's hash, school files carry it, a file made from another version is reported, and once school files
 * are out a change of the school form is refused while targets and texts may change.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UserFacingError } from '../../../src/app/errors';
import { tomarinskyCatalog } from '../../../src/core/catalog/tomarinsky';
import { type CatalogSource, CatalogSourceSchema } from '../../../src/core/catalog/schema';
import { loadCampaign } from '../../../src/node/campaign/load';
import { writeCatalogWorkbook } from '../../../src/node/catalog/workbook-file';
import { catalogCommand } from '../../../src/node/commands/catalog';
import { generate } from '../../../src/node/commands/generate';
import { init } from '../../../src/node/commands/init';
import { validate } from '../../../src/node/commands/validate';
import { msokoJson, tempDir } from '../cli/helpers';

const root = tempDir('campaign-catalog');
const base = (): CatalogSource => structuredClone(CatalogSourceSchema.parse(tomarinskyCatalog));

async function workbook(name: string, edit: (s: CatalogSource) => void): Promise<string> {
  const source = base();
  edit(source);
  const file = path.join(root, `${name}.xlsx`);
  await writeCatalogWorkbook(source, file);
  return file;
}

const newCampaign = (dir: string, catalog: string) => init(dir, { year: 2026, municipality: 'Тестовый округ', catalog, force: false, previous: null });

test('a department catalog: its own copy, and its version is the text plus the form hash', async () => {
  const file = await workbook('own', (s) => {
    s.version = '2026.1';
    s.title = 'Показатели отдела';
  });
  const dir = path.join(root, 'own');
  await newCampaign(dir, file);
  expect(JSON.parse(readFileSync(path.join(dir, 'catalog.json'), 'utf8')).version).toBe('2026.1');
  const folder = await loadCampaign(dir);
  expect(folder.catalog.version).toMatch(/^2026\.1 #[0-9a-f]{8}$/);
  const printed = msokoJson<{ catalog: { version: string; title: string } }>(['catalog', dir, '--json']);
  expect(printed.json.catalog).toMatchObject({ version: folder.catalog.version, title: 'Показатели отдела' });
  // a later edit of the workbook does not reach the running campaign
  await writeCatalogWorkbook(base(), file);
  expect((await loadCampaign(dir)).catalog.title).toBe('Показатели отдела');
}, 60_000);

test('a built-in catalog keeps its plain version, as in the add-on', async () => {
  const dir = path.join(root, 'builtin');
  await newCampaign(dir, 'tomarinsky');
  expect(existsSync(path.join(dir, 'catalog.json'))).toBe(true);
  expect((await loadCampaign(dir)).catalog.version).toBe(tomarinskyCatalog.version);
});

describe('once school files are out', () => {
  const dir = path.join(root, 'running');
  let first = '';

  beforeAll(async () => {
    await newCampaign(
      dir,
      await workbook('v1', (s) => {
        s.version = '2026.1';
      }),
    );
    first = (await generate(await loadCampaign(dir), true))[0] ?? '';
  }, 60_000);

  test('targets and notes may change: the copy is replaced, the version stays', async () => {
    const before = (await loadCampaign(dir)).catalog;
    const changed = await workbook('targets', (s) => {
      s.version = '2026.1';
      const column = s.appendices[0]?.columns.find((c) => c.polarity !== 'context');
      if (!column) throw new Error('нет показателя с целью');
      column.targets = column.targets.map((row) => row.map(() => '55'));
      column.note = 'Новое примечание';
    });
    const out = await catalogCommand(dir, { id: 'kalar', from: changed });
    expect(out.replaced).toBe(true);
    expect(out.catalog.version).toBe(before.version);
    expect((await loadCampaign(dir)).catalog.cells.some((c) => c.source === '55')).toBe(true);
  }, 60_000);

  test('a change of the school form is refused in Russian, and the copy stays', async () => {
    const changed = await workbook('form', (s) => {
      s.version = '2026.1';
      const field = s.profile[0];
      if (field) field.label = `${field.label} (новая подпись)`;
    });
    await expect(catalogCommand(dir, { id: 'kalar', from: changed })).rejects.toThrow(UserFacingError);
    await expect(catalogCommand(dir, { id: 'kalar', from: changed })).rejects.toThrow(/меняет форму школы/);
    expect(JSON.stringify((await loadCampaign(dir)).catalog)).not.toContain('новая подпись');
  }, 60_000);

  test('a school file made from another catalog version is reported', async () => {
    const other = path.join(root, 'other');
    await newCampaign(
      other,
      await workbook('v2', (s) => {
        s.version = '2026.2';
        s.appendices[0]?.rows.push({ id: 'RX', number: '9', title: 'Новая строка' });
        for (const c of s.appendices[0]?.columns ?? []) c.targets.push(c.targets[0]?.map(() => '') ?? []);
      }),
    );
    mkdirSync(path.join(other, 'received'), { recursive: true });
    copyFileSync(first, path.join(other, 'received', path.basename(first)));
    const summary = await validate(await loadCampaign(other), null, true);
    const messages = summary.schools.flatMap((s) => s.messages).join('\n');
    expect(messages).toMatch(/файл создан для каталога показателей «tomarinsky 2026\.1 #[0-9a-f]{8}», а кампания использует «tomarinsky 2026\.2 #/);
  }, 60_000);
});
