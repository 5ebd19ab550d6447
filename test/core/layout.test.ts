import { CATALOG_SOURCES } from '../../src/core/catalog';
import { expandCatalog } from '../../src/core/catalog/expand';
import type { Catalog } from '../../src/core/catalog/types';
import { consolidate } from '../../src/core/consolidate/consolidate';
import { a1, sheetRef } from '../../src/core/layout/a1';
import { TABLE_LINES, appendixTableSheet } from '../../src/core/layout/appendix-table';
import { COL, PROFILE_SHEET, type Position, STATUS_ID, inputPositions, layoutHash, sheetLines } from '../../src/core/layout/positions';
import { MAX_COUNT } from '../../src/core/layout/school-workbook';
import type { MergeSpec, SheetSpec } from '../../src/core/layout/types';
import { REGISTRY, campaign, catalog, demoOutcomes, layoutFor, outcome, school } from './builders';

const kalar = catalog();
const layout = layoutFor(school('sosh1'));
const sheets = layout.workbook.sheets;
const sheetNamed = (name: string): SheetSpec => sheets.find((s) => s.name === name) as SheetSpec;
const cellAt = (sheet: SheetSpec, row: number, col: number) => sheet.cells.find((c) => c.row === row && c.col === col);

/** Pairs of merges that share at least one cell. */
function overlaps(merges: MergeSpec[]): [MergeSpec, MergeSpec][] {
  const out: [MergeSpec, MergeSpec][] = [];
  merges.forEach((a, i) => {
    merges.slice(i + 1).forEach((b) => {
      const rows = a.row < b.row + b.rows && b.row < a.row + a.rows;
      const cols = a.col < b.col + b.cols && b.col < a.col + a.cols;
      if (rows && cols) out.push([a, b]);
    });
  });
  return out;
}

describe('merge overlap checker', () => {
  test('finds overlapping merges and ignores adjacent ones', () => {
    expect(
      overlaps([
        { row: 1, col: 1, rows: 2, cols: 2 },
        { row: 2, col: 2, rows: 1, cols: 1 },
      ]),
    ).toHaveLength(1);
    expect(
      overlaps([
        { row: 1, col: 1, rows: 2, cols: 2 },
        { row: 3, col: 1, rows: 1, cols: 5 },
        { row: 1, col: 3, rows: 2, cols: 1 },
      ]),
    ).toHaveLength(0);
  });
});

describe('school workbook layout', () => {
  test('sheets: Инструкция, Сведения об ОО, Приложение 1..11, Служебный (hidden); every sheet protected', () => {
    expect(sheets.map((s) => s.name)).toEqual(['Инструкция', 'Сведения об ОО', ...Array.from({ length: 11 }, (_, i) => `Приложение ${i + 1}`), 'Служебный']);
    expect(sheets.filter((s) => s.hidden).map((s) => s.name)).toEqual(['Служебный']);
    expect(sheets.filter((s) => !s.protect).map((s) => s.name)).toEqual([]);
    for (const s of sheets) expect(String(cellAt(s, 1, 1)?.value ?? '')).toMatch(new RegExp(`^${s.marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  test('every non-derived input has exactly one input cell, with a validation fitting its kind', () => {
    const specs = sheets.flatMap((s) => s.inputs.map((i) => ({ ...i, sheet: s.name })));
    for (const input of kalar.inputs) {
      const mine = specs.filter((s) => s.id === input.id);
      if (input.derived) {
        expect(mine).toHaveLength(0);
        continue;
      }
      expect({ id: input.id, n: mine.length }).toEqual({ id: input.id, n: 1 });
      const spec = mine[0] as (typeof mine)[number];
      expect({ sheet: spec.sheet, row: spec.row, col: spec.col }).toEqual(layout.positions.get(input.id));
      expect(spec.validationMessage).toMatch(/[А-Яа-я]/);
      if (input.kind === 'flag') expect(spec.validation).toEqual({ type: 'list', values: ['да', 'нет'] });
      else if (input.kind === 'count') expect(spec.validation).toEqual({ type: 'wholeNumber', min: 0, max: MAX_COUNT });
      else if (input.kind === 'url') expect(spec.validation).toEqual({ type: 'url' });
    }
    const status = specs.find((s) => s.id === STATUS_ID);
    expect(status?.sheet).toBe(PROFILE_SHEET);
    expect(specs).toHaveLength(kalar.inputs.filter((i) => !i.derived).length + 1);
    const places = specs.map((s) => `${s.sheet}!${a1(s.row, s.col)}`);
    expect(new Set(places).size).toBe(places.length);
  });

  test('input cells are empty and writable: no literal or formula cell sits on an input (except the status default)', () => {
    for (const s of sheets) {
      for (const input of s.inputs) {
        const clash = cellAt(s, input.row, input.col);
        if (input.id === STATUS_ID) expect(clash?.value).toBe('Заполняется');
        else expect(clash).toBeUndefined();
      }
    }
  });

  test('every input line carries its id in column G; derived inputs are SUM formulas', () => {
    for (const plan of sheetLines(kalar)) {
      const sheet = sheetNamed(plan.sheet);
      for (const line of plan.lines) {
        if (!line.input) continue;
        expect({ at: `${plan.sheet}!G${line.row}`, code: cellAt(sheet, line.row, COL.code)?.value }).toEqual({
          at: `${plan.sheet}!G${line.row}`,
          code: line.input.id,
        });
        if (line.input.derived) expect(cellAt(sheet, line.row, COL.value)?.formula).toMatch(/^SUM\(/);
      }
    }
  });

  test('every group line of an appendix sheet, except the bases and the cross-checks, has an evidence (url) input in column F', () => {
    for (const plan of sheetLines(kalar).filter((p) => p.appendix !== null)) {
      for (const line of plan.lines.filter((l) => l.kind === 'group')) {
        if (line.number === 'Б' || line.number === 'К') {
          expect(line.input).toBeNull();
          continue;
        }
        expect({ sheet: plan.sheet, row: line.row, kind: line.input?.kind }).toEqual({ sheet: plan.sheet, row: line.row, kind: 'url' });
        const spec = sheetNamed(plan.sheet).inputs.find((i) => i.id === line.input?.id);
        expect(spec?.col).toBe(COL.evidence);
      }
    }
  });

  test('a self-check formula sits beside every input; part inputs refer to their whole, gated flags to their gate', () => {
    const where = (p: Position, from: string): string =>
      p.sheet === from ? `$${a1(p.row, p.col).replace(/(\d+)$/, '$$$1')}` : sheetRef(p.sheet, p.row, p.col);
    for (const input of kalar.inputs.filter((i) => !i.derived)) {
      const at = layout.positions.get(input.id) as Position;
      const formula = cellAt(sheetNamed(at.sheet), at.row, COL.check)?.formula;
      expect({ id: input.id, has: typeof formula === 'string' }).toEqual({ id: input.id, has: true });
      expect(formula).toContain(a1(at.row, at.col));
      const ref = input.whole ?? input.applicableIf;
      if (ref)
        expect({ id: input.id, refersToWhole: (formula as string).includes(where(layout.positions.get(ref) as Position, at.sheet)) }).toEqual({
          id: input.id,
          refersToWhole: true,
        });
    }
    const a3c4 = layout.positions.get('A3_C4') as Position;
    expect(cellAt(sheetNamed('Приложение 3'), a3c4.row, COL.check)?.formula).toContain(`'Сведения об ОО'!$D$`);
  });

  test('the cross-checks appear as «К» lines on the sheet of their total', () => {
    const checksOn = (name: string): string[] =>
      sheetNamed(name)
        .cells.filter((c) => c.col === COL.code && c.style === 'code' && /^A\d+-/.test(String(c.value)))
        .map((c) => String(c.value));
    expect(checksOn('Приложение 6')).toEqual(['A6-levels']);
    expect(checksOn('Приложение 5')).toEqual(['A5-pdn', 'A5-school']);
    expect(checksOn('Приложение 1')).toEqual(['A4-A1-volunteers']);
  });

  test('the hidden sheet carries the stamp', () => {
    const meta = sheetNamed('Служебный');
    const stamp = Object.fromEntries(meta.cells.filter((c) => c.col === 1 && c.row > 1).map((c) => [c.value, cellAt(meta, c.row, 2)?.value]));
    expect(stamp).toEqual({ schoolId: 'sosh1', year: '2026', catalogId: 'kalar', catalogVersion: '2022.1', layoutHash: layoutHash(kalar) });
    expect(layout.stamp).toEqual({ schoolId: 'sosh1', year: 2026, catalogId: 'kalar', catalogVersion: '2022.1', layoutHash: layoutHash(kalar) });
  });

  test('layoutHash is the same for every school and changes with the catalog version', () => {
    const hashes = new Set(REGISTRY.map((s) => layoutFor(s).stamp.layoutHash));
    expect(hashes.size).toBe(1);
    expect(layoutHash(kalar)).toMatch(/^[0-9a-f]{8}$/);
    expect(layoutHash(expandCatalog({ ...CATALOG_SOURCES.kalar }))).toBe(layoutHash(kalar));
    const bumped: Catalog = expandCatalog({ ...CATALOG_SOURCES.kalar, version: '2099.1' });
    expect(layoutHash(bumped)).not.toBe(layoutHash(kalar));
    expect(layoutHash(catalog('tomarinsky'))).not.toBe(layoutHash(kalar));
  });

  test('inputPositions: links in column F, values in column D, status on the profile sheet', () => {
    const positions = inputPositions(kalar);
    for (const input of kalar.inputs) expect(positions.get(input.id)?.col).toBe(input.kind === 'url' ? COL.evidence : COL.value);
    expect(positions.get(STATUS_ID)).toEqual({ sheet: PROFILE_SHEET, row: 7, col: COL.value });
  });

  test.each(['tomarinsky', 'mosalsky'])('the %s workbook also gives every non-derived input one validated cell', (id) => {
    const cat = catalog(id);
    const l = layoutFor(school('sosh1'), cat);
    const ids = l.workbook.sheets.flatMap((s) => s.inputs.map((i) => i.id));
    expect(ids.sort()).toEqual([...cat.inputs.filter((i) => !i.derived).map((i) => i.id), STATUS_ID].sort());
  });
});

describe('appendixTableSheet', () => {
  const outcomes = [...demoOutcomes(REGISTRY.length - 1, 3), outcome(REGISTRY[REGISTRY.length - 1] as (typeof REGISTRY)[number], null, 'missing')];
  const previous = consolidate({ catalog: kalar, campaign: campaign({ year: 2025 }), outcomes: demoOutcomes(REGISTRY.length, 9), previous: null });
  const result = consolidate({ catalog: kalar, campaign: campaign(), outcomes, previous });

  test.each(kalar.appendices.map((a) => a.number))('Приложение %i: header, parts, 6 lines per row, no overlapping merges, values', (n) => {
    const app = kalar.appendices.find((a) => a.number === n) as Catalog['appendices'][number];
    const sheet = appendixTableSheet(kalar, result, n, { suppressSmall: true, evidence: true });
    expect(sheet.name).toBe(`Приложение ${n}`);
    expect(String(cellAt(sheet, 1, 1)?.value)).toContain(`Приложение ${n}. Таблица ${app.table}`);
    expect(String(cellAt(sheet, 2, 1)?.value)).toMatch(/неполные данные/);
    expect(overlaps(sheet.merges)).toEqual([]);

    const titleRow = app.indicatorsHeader ? 4 : 3;
    const hasParts = app.columns.some((c) => c.parts.length > 0);
    const lastHeader = hasParts ? titleRow + 1 : titleRow;
    if (app.indicatorsHeader) expect(cellAt(sheet, 3, 4)?.value).toBe(app.indicatorsHeader);
    let col = 4;
    for (const column of app.columns) {
      expect({ col, title: cellAt(sheet, titleRow, col)?.value }).toEqual({ col, title: column.title });
      column.parts.forEach((p, i) => {
        expect({ col: col + i, part: cellAt(sheet, titleRow + 1, col + i)?.value }).toEqual({ col: col + i, part: p.title });
      });
      col += Math.max(1, column.parts.length);
    }
    const leaves = col - 4;
    expect(cellAt(sheet, 3, col)?.value).toBe('Ссылки на подтверждающие документы');
    expect(sheet.frozenRows).toBe(lastHeader);

    app.rows.forEach((row, r) => {
      const top = lastHeader + 1 + r * TABLE_LINES.length;
      expect(cellAt(sheet, top, 2)?.value).toBe(row.title);
      expect(TABLE_LINES.map((_, i) => cellAt(sheet, top + i, 3)?.value)).toEqual([...TABLE_LINES]);
      expect(sheet.merges).toContainEqual({ row: top, col: 1, rows: 6, cols: 1 });
      for (let c = 4; c < 4 + leaves; c += 1) {
        for (let i = 0; i < TABLE_LINES.length; i += 1) {
          const v = cellAt(sheet, top + i, c)?.value;
          expect({ row: top + i, col: c, present: v !== undefined && v !== '' }).toEqual({ row: top + i, col: c, present: true });
        }
      }
    });
    expect(sheet.printArea).toBe(`A1:${a1(lastHeader + app.rows.length * TABLE_LINES.length, col)}`);
  });

  test('without evidence the table ends at the last indicator column; a quarantined target is marked «не утв.»', () => {
    const sheet = appendixTableSheet(kalar, result, 10, { suppressSmall: false, evidence: false });
    const values = sheet.cells.map((c) => String(c.value));
    expect(values).not.toContain('Ссылки на подтверждающие документы');
    expect(values).toContain('Не < 1500 (не утв.)');
    expect(values).toContain('цель не утверждена');
  });

  test('an appendix missing from the result is refused', () => {
    expect(() => appendixTableSheet(kalar, { ...result, appendices: [] }, 1, { suppressSmall: false, evidence: false })).toThrow(/Нет приложения 1/);
  });
});
