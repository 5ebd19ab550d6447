import type { Catalog } from '../catalog/types';
import { contribution } from '../consolidate/consolidate';
import { formatChange, improved } from '../consolidate/format';
import { round1 } from '../consolidate/stats';
import type { ConsolidationExport } from '../export/contract';
import { indicatorName } from '../recommend/findings';
import type { SchoolOutcome } from '../submission/collect';
import { dynamicsOf } from '../history/history';
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

/**
 * «Динамика»: every indicator over all available years (up to five, matched by key) with its trend under its polarity
 * and the change against last year; indicators new in this year's catalog are marked, those gone are listed below.
 */
export function dynamicsSheet(catalog: Catalog, result: ConsolidationExport): SheetSpec {
  const d = dynamicsOf(result);
  const rows: (string | number | null)[][] = d.lines.map((l) => {
    const cell = catalog.cells.find((x) => x.key === l.key);
    const better = improved(l.cell);
    return [
      l.key,
      `${cell ? indicatorName(catalog, cell) : l.key}${l.isNew ? ' (новый показатель)' : ''}`,
      ...l.series.map((v) => (v === null ? '—' : v)),
      l.cell.target || '—',
      formatChange(l.cell),
      better === null ? '—' : better ? 'улучшение' : 'ухудшение',
      l.trend,
    ];
  });
  if (d.gone.length > 0) {
    rows.push([], ['', `Показатели прошлых лет, которых нет в каталоге ${result.year} г. (не сравниваются):`]);
    for (const g of d.gone) rows.push([g.key, `был в ${g.years.join(', ')} г.`]);
  }
  const span = d.years.length > 1 ? `${d.years[0]}–${result.year} гг.` : `${result.year} г. (данных прошлых лет нет)`;
  return tableSheet(
    'Динамика',
    `Динамика показателей: ${span}`,
    ['Ячейка', 'Показатель', ...d.years.map(String), 'Цель', 'Изменение к прошлому году', 'Оценка', 'Тренд'],
    rows,
    [16, 70, ...d.years.map(() => 10), 12, 18, 14, 22],
  );
}
