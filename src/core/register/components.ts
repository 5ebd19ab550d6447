import type { Catalog } from '../catalog/types';
import type { ComponentRow, ConsolidationExport } from '../export/contract';
import { rangeA1 } from '../layout/a1';
import { tableSheet } from '../layout/table-sheet';
import type { SheetSpec } from '../layout/types';
import { directionTextFor } from '../recommend/texts';
import type { MeasureEffect } from './effect';
import type { RegisterRow } from './register';

/**
 * The four components of the management cycle per direction (Bashmakovsky §3.8, R11) — the evaluator's checklist:
 * 1) indicators with method and source, 2) this year's monitoring data, 3) analysis and targeted recommendations,
 * 4) decisions registered, with their effect analysed. A missing component starts with «нет», so it is highlighted.
 */
export const COMPONENT_TITLES = ['Показатели (метод, источник)', 'Данные мониторинга', 'Анализ и адресные рекомендации', 'Управленческие решения и эффект'];
export const COMPONENTS_SHEET = 'Четыре компонента';

const decided = (r: RegisterRow): boolean => r.kind.trim() !== '' || r.document.trim() !== '';

export function componentRows(catalog: Catalog, result: ConsolidationExport, register: RegisterRow[], effects: MeasureEffect[]): ComponentRow[] {
  const total = result.schools.length;
  return result.appendices.flatMap((app) =>
    app.rows.map((row): ComponentRow => {
      const key = `A${app.number}.${row.id}`;
      const direction = `${catalog.appendixWord} ${app.number}${app.rows.length > 1 ? `, ${row.title}` : `. ${app.title}`}`;
      const targets = row.cells.filter((c) => c.targetRule !== null && c.quarantine === null).length;
      const indicators =
        row.cells.length === 0
          ? 'нет показателей в каталоге'
          : `${row.cells.length} показ. (отношение сумм / доля ОО; источник — каталог «${catalog.id}» ${catalog.version}), целевых значений — ${targets}`;
      const reported = Math.max(0, ...row.cells.map((c) => c.n));
      const monitoring = reported > 0 ? `данные ${reported} из ${total} ОО` : 'нет данных ОО за этот год';
      const analysis = directionTextFor(catalog, app.number, app.rows.length > 1 ? row.id : null)
        ? 'анализ в отчёте; рекомендации ОО сформированы (доставка не отмечена)'
        : 'нет текстов рекомендаций по направлению';
      const mine = (r: RegisterRow): boolean =>
        r.key === key || r.key.endsWith(`/${key}`) || (r.key === '' && r.watch.includes(`${key}.`)) || (r.key === '' && r.watch.includes(`${key} `));
      const now = register.filter((r) => mine(r) && !r.key.includes('/') && decided(r));
      const before = effects.filter((e) => e.key.endsWith(`/${key}`) || (e.key.includes('/#') && e.row.watch.includes(`${key}.`)));
      const parts: string[] = [];
      parts.push(
        now.length > 0 ? `решений ${result.year} г.: ${now.length}${now.some((r) => r.document) ? ' (с документом)' : ''}` : 'нет зарегистрированных решений',
      );
      if (before.length > 0) parts.push(`эффект мер прошлого года: ${before.map((e) => e.verdict).join(', ')}`);
      const decisions = parts.join('; ');
      const missing = [
        row.cells.length === 0 ? COMPONENT_TITLES[0] : '',
        reported === 0 ? COMPONENT_TITLES[1] : '',
        analysis.startsWith('нет') ? COMPONENT_TITLES[2] : '',
        now.length === 0 ? COMPONENT_TITLES[3] : '',
      ].filter((m): m is string => m !== '');
      return { key, direction, indicators, monitoring, analysis, decisions, missing };
    }),
  );
}

/** «Четыре компонента» in the department's spreadsheet and the offline workbook: a missing component is highlighted. */
export function componentsSheet(rows: ComponentRow[], year: number): SheetSpec {
  const body = rows.map((r) => [
    r.direction,
    r.indicators,
    r.monitoring,
    r.analysis,
    r.decisions,
    r.missing.length === 0 ? 'все есть' : `нет: ${r.missing.length}`,
  ]);
  const sheet = tableSheet(
    COMPONENTS_SHEET,
    `Четыре компонента управленческого цикла по направлениям — ${year} (Башмаковский, §3.8)`,
    ['Направление', ...COMPONENT_TITLES, 'Пробелы'],
    body,
    [40, 34, 18, 30, 36, 12],
  );
  const range = rangeA1(3, 2, Math.max(1, rows.length), COMPONENT_TITLES.length + 1);
  return { ...sheet, conditional: [{ range, when: 'startsWith', text: 'нет', fill: '#F4CCCC', font: '#990000' }] };
}
