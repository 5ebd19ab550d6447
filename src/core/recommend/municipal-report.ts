import type { Campaign } from '../campaign/schema';
import type { Catalog } from '../catalog/types';
import { chartBlocks } from '../chart/blocks';
import { historyFromResult } from '../chart/history';
import { achievedDynamicsChart, appendixCharts, overviewChart, surveyChart } from '../chart/municipal';
import { formatAchieved, formatChange, formatValue, improved } from '../consolidate/format';
import type { Block, DocumentModel } from '../document/model';
import type { ConsolidationExport, ResultCell } from '../export/contract';
import { surveyBlocks } from '../survey/present';
import { componentBlocks, dynamicsBlocks, effectBlocks } from './cycle-sections';
import { directionName, indicatorName } from './findings';
import { directionTextFor, fillTemplate, reportSections } from './texts';
import type { ReportSection } from './texts-schema';

export interface RegisterEntry {
  /** The direction the finding is about («A2.R1»): the register's stable key across consolidations. */
  key: string;
  finding: string;
  recommendation: string;
  measure: string;
  watch: string;
}

/**
 * The municipal analytical report: aggregates per appendix, targets achieved or not, dynamics, proposed
 * management measures and the management-cycle register. Municipal aggregates only: no school is named,
 * no ranking, small sensitive counts suppressed.
 */
export function municipalReport(catalog: Catalog, campaign: Campaign, result: ConsolidationExport): DocumentModel {
  const blocks: Block[] = [];
  const section = (s: ReportSection, values: Record<string, string | number> = {}): void => {
    blocks.push({ type: 'heading', level: 2, text: s.title });
    for (const p of s.paragraphs) blocks.push({ type: 'paragraph', text: fillTemplate(p, values) });
    if (s.items.length > 0) blocks.push({ type: 'bullets', items: s.items });
  };
  section(reportSections.introduction);
  section(reportSections.legalBasis);
  section(reportSections.methodology);

  const total = result.schools.length;
  const accepted = result.schools.filter((s) => s.status === 'accepted').length;
  const reported = result.schools.filter((s) => s.status !== 'missing').length;
  blocks.push({ type: 'heading', level: 2, text: 'Охват мониторинга' });
  blocks.push({
    type: 'paragraph',
    text:
      `В реестре мониторинга ${total} общеобразовательных организаций; сведения представили ${reported}, в муниципальный свод включены ` +
      `сведения ${accepted} организаций${accepted < total ? ' (данные неполные: значения рассчитаны по организациям, чьи сведения приняты)' : ''}.`,
  });
  const history = historyFromResult(result);
  blocks.push(...chartBlocks(overviewChart(catalog, result, history), 'public'));

  const cells = result.appendices.flatMap((a) => a.rows.flatMap((r) => r.cells));
  const sensitive = new Set(catalog.cells.filter((c) => c.sensitive).map((c) => c.key));
  const show = (c: ResultCell): string => String(formatValue(c, { suppressSmall: true, sensitive: sensitive.has(c.key) })).replace('.', ',');
  for (const app of result.appendices) {
    const list = app.rows.flatMap((r) => r.cells);
    const assessed = list.filter((c) => c.achieved !== null);
    blocks.push({ type: 'heading', level: 2, text: `${catalog.appendixWord} ${app.number}. ${app.title}` });
    blocks.push({
      type: 'table',
      header: ['Направление / показатель', 'Значение', 'Плановое значение', 'Достигнуто', 'Изменение к прошлому году'],
      rows: app.rows.flatMap((r) =>
        r.cells.map((c) => {
          const cell = catalog.cells.find((x) => x.key === c.key);
          const name = cell ? indicatorName(catalog, cell) : c.key;
          return [app.rows.length > 1 ? `${r.title}: ${name}` : name, show(c), c.target || '—', formatAchieved(c), formatChange(c)];
        }),
      ),
      widths: [40, 13, 16, 13, 18],
    });
    const up = list.filter((c) => improved(c) === true).length;
    const down = list.filter((c) => improved(c) === false).length;
    blocks.push({
      type: 'paragraph',
      text:
        `Плановых значений достигнуто: ${assessed.filter((c) => c.achieved).length} ` +
        `из ${assessed.length}. Положительная динамика — ${up}, отрицательная — ${down}.`,
      tone: 'emphasis',
    });
    for (const chart of appendixCharts(catalog, result, app)) blocks.push(...chartBlocks(chart, 'public'));
  }

  // satisfaction survey (msoko import-survey): municipal shares only, no school named
  if (result.surveys) blocks.push(...surveyBlocks(result.surveys), ...chartBlocks(surveyChart(result), 'public'));
  blocks.push(...dynamicsBlocks(catalog, result), ...chartBlocks(achievedDynamicsChart(catalog, result, history), 'public'));

  const register = managementRegister(catalog, result);
  blocks.push({ type: 'heading', level: 2, text: 'Предлагаемые управленческие меры' });
  const measures = [...new Set(register.map((r) => r.measure))];
  blocks.push(
    measures.length > 0
      ? { type: 'bullets', items: measures }
      : { type: 'paragraph', text: 'Все плановые значения достигнуты; рекомендуется обобщить и распространить опыт.' },
  );
  section(reportSections.managementCycle);
  blocks.push({ type: 'heading', level: 3, text: 'Реестр мер управленческого цикла' });
  blocks.push({
    type: 'table',
    header: ['Вывод', 'Рекомендация', 'Мера (приказ, семинар, сопровождение)', 'Показатель для контроля в следующем году'],
    rows: register.map((r) => [r.finding, r.recommendation, r.measure, r.watch]),
    widths: [28, 28, 24, 20],
  });
  blocks.push(...effectBlocks(result), ...componentBlocks(result));

  const assessed = cells.filter((c) => c.achieved !== null);
  const strengths = result.appendices
    .filter((a) => a.rows.flatMap((r) => r.cells).some((c) => c.achieved === true))
    .map((a) => `${catalog.appendixWord.toLowerCase()} ${a.number}`);
  const priorities = [...new Set(register.map((r) => r.finding.split(':')[0] ?? ''))].slice(0, 6);
  section(reportSections.conclusion, {
    period: `${campaign.year} год`,
    reported: accepted,
    total,
    achieved: assessed.filter((c) => c.achieved).length,
    assessed: assessed.length,
    strengths: strengths.join(', ') || 'нет',
    priorities: priorities.join('; ') || 'нет',
  });
  return {
    title: 'Аналитический отчёт по результатам мониторинга системы организации воспитания и социализации обучающихся',
    subtitle: `${campaign.municipality} · ${campaign.year} год`,
    audience: 'public',
    blocks,
  };
}

/** Finding → recommendation → measure → indicator to watch, one line per direction with unmet targets or a decline. */
export function managementRegister(catalog: Catalog, result: ConsolidationExport): RegisterEntry[] {
  const entries: RegisterEntry[] = [];
  for (const app of result.appendices) {
    for (const row of app.rows) {
      const bad = row.cells.filter((c) => c.achieved === false || improved(c) === false);
      if (bad.length === 0) continue;
      const first = catalog.cells.find((c) => c.key === (bad[0] as ResultCell).key);
      if (!first) continue;
      const text = directionTextFor(catalog, app.number, app.rows.length > 1 ? row.id : null);
      const names = bad.slice(0, 3).map((c) => {
        const cell = catalog.cells.find((x) => x.key === c.key);
        return cell ? indicatorName(catalog, cell) : c.key;
      });
      const notMet = bad.filter((c) => c.achieved === false).length;
      const problem = notMet > 0 ? `не достигнуто плановых значений — ${notMet}` : 'отрицательная динамика';
      const decline = bad.length > notMet ? `, снижение — ${bad.length - notMet}` : '';
      entries.push({
        key: `A${app.number}.${row.id}`,
        finding: `${directionName(catalog, first)}: ${problem}${decline}`,
        recommendation: text?.schoolRecommendations[0] ?? 'Проанализировать причины и включить мероприятия в планы воспитательной работы ОО.',
        measure: text ? text.municipalMeasures.map((m) => `${capitalise(m.kind)}: ${m.text}`).join(' ') : 'Методическое сопровождение ОО по направлению.',
        watch: `${names.join('; ')}${bad.length > 3 ? ' и др.' : ''}`,
      });
    }
  }
  return entries;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
