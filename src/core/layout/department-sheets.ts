import type { Catalog } from '../catalog/types';
import { contribution } from '../consolidate/consolidate';
import { formatChange, improved } from '../consolidate/format';
import { round1 } from '../consolidate/stats';
import type { ConsolidationExport } from '../export/contract';
import { indicatorName } from '../recommend/findings';
import type { SchoolOutcome } from '../submission/collect';
import { tableSheet } from './table-sheet';
import type { SheetSpec } from './types';

/** «Свод по школам»: each accepted school's own value per cell — for the department only, never published. */
export function schoolsSheet(catalog: Catalog, accepted: SchoolOutcome[]): SheetSpec {
  const cells = catalog.cells;
  const rows = accepted.map((o) => {
    const values = o.submission?.values ?? {};
    return [
      o.school.shortName,
      ...cells.map((cell) => {
        const c = contribution(cell, values, () => true);
        if (!c) return '—';
        if (cell.aggregate === 'schoolShare' || cell.aggregate === 'schoolCount') return c.yes ? 'да' : 'нет';
        if (cell.aggregate === 'countPair') return `${c.count}/${c.second}`;
        if (cell.aggregate === 'countRatio') return c.own === null ? `${c.count}/—` : `${c.count}/${round1(c.own)}`;
        return c.own === null ? '—' : round1(c.own);
      }),
    ];
  });
  const title = 'Свод по школам — только для внутреннего анализа отдела, не публикуется';
  return tableSheet('Свод по школам', title, ['ОО', ...cells.map((c) => c.key)], rows, [24, ...cells.map(() => 12)], 'stat');
}

/** «Динамика»: every cell against last year, with the direction of the change under its polarity. */
export function dynamicsSheet(catalog: Catalog, result: ConsolidationExport): SheetSpec {
  const rows = result.appendices.flatMap((a) =>
    a.rows.flatMap((r) =>
      r.cells.map((c) => {
        const cell = catalog.cells.find((x) => x.key === c.key);
        const better = improved(c);
        return [
          c.key,
          cell ? indicatorName(catalog, cell) : c.key,
          c.value,
          c.previous,
          formatChange(c),
          better === null ? '—' : better ? 'улучшение' : 'ухудшение',
        ];
      }),
    ),
  );
  return tableSheet(
    'Динамика',
    `Динамика показателей: ${result.year} к ${result.year - 1} году`,
    ['Ячейка', 'Показатель', 'Значение', 'Прошлый год', 'Изменение', 'Оценка'],
    rows,
    [16, 70, 12, 12, 18, 14],
  );
}
