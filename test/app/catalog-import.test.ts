/** The importCatalog payload as both servers parse it, and the one refusal rule for a catalog once school files are out. */
import { type CatalogForm, catalogFormRefusal } from '../../src/app/catalog-import';
import { parsePanelArgs } from '../../src/app/panel-calls';

const message = (raw: unknown): string => {
  const r = parsePanelArgs('importCatalog', [raw]);
  return r.ok ? '' : r.message;
};

test('the three kinds parse; a broken payload is refused in Russian, naming the call', () => {
  expect(parsePanelArgs('importCatalog', [{ kind: 'builtin', id: 'kalar' }]).ok).toBe(true);
  expect(parsePanelArgs('importCatalog', [{ kind: 'url', url: 'https://docs.google.com/spreadsheets/d/abc/edit' }]).ok).toBe(true);
  expect(parsePanelArgs('importCatalog', [{ kind: 'xlsx', name: 'k.xlsx', base64: 'UEsDBA==' }]).ok).toBe(true);
  expect(message({ kind: 'xlsx', name: 'k.xlsx', base64: 'не base64' })).toBe('Запрос «importCatalog»: файл передан повреждённым — выберите его ещё раз');
  expect(message({ kind: 'xlsx', name: 'k.xlsx', base64: 'A'.repeat(7 * 1024 * 1024) })).toContain('файл больше 5 МБ');
  expect(message({ kind: 'url', url: 'x' })).toBe('Запрос «importCatalog»: вставьте ссылку на Google Таблицу');
  expect(message({ kind: 'ftp' })).toMatch(/^Запрос «importCatalog»: /);
});

test('once files are out: another catalog, another form or another version text is refused; targets alone are not', () => {
  const current: CatalogForm = { id: 'bashmakovsky', version: '2026.1 #1a2b3c4d', hash: '1a2b3c4d' };
  expect(catalogFormRefusal({ ...current }, current, 3)).toBeNull();
  expect(catalogFormRefusal({ ...current, hash: 'ffffffff', version: '2026.1 #ffffffff' }, current, 0)).toBeNull();
  expect(catalogFormRefusal({ ...current, id: 'kalar' }, current, 3)).toBe(
    'Каталог не заменён: таблицы школ уже разосланы по каталогу «bashmakovsky», а новый каталог — «kalar».',
  );
  expect(catalogFormRefusal({ ...current, hash: 'ffffffff', version: '2026.1 #ffffffff' }, current, 3)).toMatch(
    /^Каталог не заменён: таблицы школ уже разосланы \(файлов: 3\), а новый каталог меняет форму школы/,
  );
  expect(catalogFormRefusal({ ...current, version: '2026.2 #1a2b3c4d' }, current, 3)).toContain('Оставьте в книге версию «2026.1»');
  expect(catalogFormRefusal({ ...current, id: 'kalar' }, current, 1, 'Каталог на листах не принят', 'Верните.')).toBe(
    'Каталог на листах не принят: таблицы школ уже разосланы по каталогу «bashmakovsky», а новый каталог — «kalar». Верните.',
  );
});
