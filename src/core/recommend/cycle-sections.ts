import { chartBlocks } from '../chart/blocks';
import { componentsChart } from '../chart/components';
import type { Catalog } from '../catalog/types';
import { SUPPRESS_BELOW, ruNumber } from '../consolidate/format';
import type { Block } from '../document/model';
import type { ConsolidationExport } from '../export/contract';
import { dynamicsOf } from '../history/history';
import { COMPONENT_TITLES } from '../register/components';
import { indicatorName } from './findings';

/**
 * The report's sections of the management cycle across years (issue 16): dynamics over every available year, the
 * effect of last year's measures, and the four components per direction. Municipal values only, no school named.
 */
export function dynamicsBlocks(catalog: Catalog, result: ConsolidationExport): Block[] {
  const d = dynamicsOf(result);
  const blocks: Block[] = [
    { type: 'heading', level: 2, text: `Динамика показателей за ${d.years.length > 1 ? `${d.years[0]}–${result.year} гг.` : `${result.year} г.`}` },
  ];
  if (d.years.length < 2) {
    blocks.push({
      type: 'paragraph',
      text: 'Данных прошлых лет нет: динамика появится со следующей кампании или после ввода значений прошлых лет на листе «Прошлые годы».',
    });
    return blocks;
  }
  const sensitive = new Set(catalog.cells.filter((c) => c.sensitive).map((c) => c.key));
  const show = (key: string, v: number | null, count: boolean): string =>
    v === null ? '—' : count && sensitive.has(key) && v > 0 && v < SUPPRESS_BELOW ? `<${SUPPRESS_BELOW}` : ruNumber(v);
  const lines = d.lines.filter((l) => l.series.slice(0, -1).some((v) => v !== null));
  blocks.push({
    type: 'paragraph',
    text:
      `Показатели сопоставлены по ключу ячейки за ${d.years.length} лет; тренд — последнее значение к первому с учётом направления ` +
      `показателя («устойчиво» — изменение в одну сторону каждый год). Сопоставимых показателей — ${lines.length}.`,
  });
  blocks.push({
    type: 'table',
    header: ['Показатель', ...d.years.map(String), 'Тренд'],
    rows: lines.map((l) => {
      const cell = catalog.cells.find((c) => c.key === l.key);
      const count = l.cell.aggregate === 'sum' || l.cell.aggregate === 'schoolCount' || l.cell.aggregate === 'countPair';
      return [cell ? indicatorName(catalog, cell) : l.key, ...l.series.map((v) => show(l.key, v, count)), l.trend];
    }),
    widths: [40, ...d.years.map(() => Math.floor(44 / d.years.length)), 16],
  });
  const fresh = d.lines.filter((l) => l.isNew);
  if (fresh.length > 0) blocks.push({ type: 'paragraph', text: `Новые показатели (в прошлые годы не собирались): ${fresh.map((l) => l.key).join(', ')}.` });
  if (d.gone.length > 0)
    blocks.push({
      type: 'paragraph',
      text: `Показатели прошлых лет, которых нет в каталоге ${result.year} г. (не сравниваются): ${d.gone.map((g) => g.key).join(', ')}.`,
    });
  return blocks;
}

export function effectBlocks(result: ConsolidationExport): Block[] {
  const m = result.management;
  const blocks: Block[] = [{ type: 'heading', level: 2, text: 'Анализ эффективности принятых мер' }];
  if (!m || m.registerSource === null) {
    blocks.push({ type: 'paragraph', text: 'Реестр мер прошлого года не найден: эффективность мер будет оценена в следующей кампании.' });
    return blocks;
  }
  const measures = new Set(m.effects.map((e) => `${e.measure}\u0000${e.document}`)).size;
  blocks.push({
    type: 'paragraph',
    text:
      `Использован реестр мер ${result.year - 1} г.: ${m.registerSource}. Мер — ${measures}. Мера «эффективна», если показатель для контроля ` +
      'достиг цели или изменился в нужную сторону; «недостаточно данных» — нет данных, мера не отмечена выполненной или данных меньше 3 ОО.',
  });
  if (m.effects.length > 0)
    blocks.push({
      type: 'table',
      header: ['Мера', 'Документ', 'Показатель', 'Было', 'Стало', 'Цель', 'Вывод'],
      rows: m.effects.map((e) => [e.measure, e.document, e.indicator, e.before, e.after, e.target, e.verdict]),
      widths: [24, 12, 24, 9, 9, 10, 12],
    });
  return blocks;
}

export function componentBlocks(result: ConsolidationExport): Block[] {
  const rows = result.management?.components ?? [];
  if (rows.length === 0) return [];
  const gaps = rows.filter((r) => r.missing.length > 0);
  return [
    { type: 'heading', level: 2, text: 'Четыре компонента управленческого цикла по направлениям' },
    {
      type: 'paragraph',
      text: `Направлений — ${rows.length}, с недостающими компонентами — ${gaps.length}. Недостающий компонент отмечен словом «нет».`,
    },
    {
      type: 'table',
      header: ['Направление', ...COMPONENT_TITLES],
      rows: rows.map((r) => [r.direction, r.indicators, r.monitoring, r.analysis, r.decisions]),
      widths: [22, 22, 14, 20, 22],
    },
    ...chartBlocks(componentsChart(rows, result.year), 'public'),
  ];
}
