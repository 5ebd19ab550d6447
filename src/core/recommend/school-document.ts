import type { Campaign, School } from '../campaign/schema';
import type { Catalog } from '../catalog/types';
import { chartBlocks } from '../chart/blocks';
import { schoolChart } from '../chart/school';
import type { Block, DocumentModel } from '../document/model';
import type { ConsolidationExport } from '../export/contract';
import { formatMessage } from '../submission/messages';
import type { SchoolStatus } from '../submission/collect';
import type { Message } from '../submission/messages';
import type { Value } from '../submission/values';
import { type Finding, schoolFindings } from './findings';
import { columnHintFor, directionTextFor, dynamicsPhrases, fillTemplate, strengthPhrases } from './texts';

const signed = (n: number, unit: string): string => `${n > 0 ? '+' : n < 0 ? '−' : ''}${String(Math.abs(n)).replace('.', ',')}${unit}`;

/**
 * Адресные рекомендации for one school: its strengths, the indicators below target, negative dynamics,
 * recommendations per direction and the evidence it gave. Only this school's data; no comparison with others.
 */
/** What the department knows of one school after consolidation. */
export interface SchoolView {
  school: School;
  status: SchoolStatus;
  values: Record<string, Value> | null;
  messages: Message[];
}

/** `result` (this year's consolidation) adds the chart of the school's values against the municipal values and targets. */
export function schoolRecommendations(
  catalog: Catalog,
  campaign: Campaign,
  outcome: SchoolView,
  previous: Record<string, Value> | null,
  result: ConsolidationExport | null = null,
): DocumentModel {
  const school = outcome.school;
  const blocks: Block[] = [
    {
      type: 'paragraph',
      text:
        `Рекомендации подготовлены ${campaign.department ? campaign.department.toLowerCase().replace(/^отдел/, 'отделом') : 'отделом образования'} ` +
        `по итогам мониторинга системы организации воспитания и социализации обучающихся за ${campaign.year} ` +
        'год на основании сведений, представленных образовательной организацией. Документ адресован ' +
        `только ${school.shortName}; результаты мониторинга не публикуются в виде рейтинга образовательных организаций.`,
    },
  ];
  if (outcome.status !== 'accepted' || !outcome.values) {
    return { title: TITLE, subtitle: subtitle(school, campaign), audience: 'school', blocks: [...blocks, ...notAccepted(outcome)] };
  }
  const findings = schoolFindings(catalog, outcome.values, previous, true).filter((f) => f.standing !== 'notApplicable');
  const phrase = (template: string, f: Finding): string =>
    fillTemplate(template, {
      indicator: f.indicator,
      value: f.shown,
      target: f.targetText,
      change: f.change === null ? '—' : signed(f.change, f.cell.aggregate === 'sum' ? '' : ' п. п.'),
    });

  const strong = findings.filter((f) => f.standing === 'farAbove' || f.standing === 'achieved' || f.standing === 'withinLimit');
  const weak = findings.filter((f) => f.standing === 'below' || f.standing === 'aboveLimit');
  const falling = findings.filter((f) => f.trend === 'negative');
  const rising = findings.filter((f) => f.trend === 'positive');

  blocks.push({ type: 'heading', level: 2, text: '1. Сильные стороны' });
  const strongItems = [
    ...strong.filter((f) => f.standing === 'farAbove').map((f) => `${f.direction}: ${phrase(strengthPhrases.farAbove, f)}`),
    ...strong
      .filter((f) => f.standing !== 'farAbove')
      .map((f) => `${f.direction}: ${phrase(f.standing === 'withinLimit' ? strengthPhrases.withinLimit : strengthPhrases.achieved, f)}`),
    ...rising.map((f) => `${f.direction}: ${phrase(dynamicsPhrases.positive, f)}`),
  ];
  blocks.push(
    strongItems.length > 0
      ? { type: 'bullets', items: strongItems.slice(0, 15) }
      : { type: 'paragraph', text: 'Показателей, достигших плановых значений, в этом году нет.', tone: 'muted' },
  );
  if (strongItems.length > 15) blocks.push({ type: 'paragraph', text: `…и ещё ${strongItems.length - 15} показателей.`, tone: 'muted' });

  blocks.push({ type: 'heading', level: 2, text: '2. Показатели ниже плановых значений' });
  blocks.push(
    weak.length > 0
      ? {
          type: 'table',
          header: ['Направление', 'Показатель', 'Значение ОО', 'Плановое значение'],
          rows: weak.map((f) => [f.direction, f.indicator, f.shown, f.targetText]),
          widths: [22, 48, 15, 15],
        }
      : { type: 'paragraph', text: 'Все оцениваемые показатели образовательной организации достигли плановых значений.', tone: 'emphasis' },
  );
  if (result) blocks.push(...chartBlocks(schoolChart(catalog, result, outcome.values), 'school'));

  blocks.push({ type: 'heading', level: 2, text: '3. Отрицательная динамика' });
  blocks.push(
    falling.length > 0
      ? { type: 'bullets', items: falling.map((f) => `${f.direction}: ${phrase(dynamicsPhrases.negative, f)}`) }
      : {
          type: 'paragraph',
          text: previous
            ? 'Отрицательной динамики по сравнению с прошлым годом не выявлено.'
            : 'Данных прошлого года нет; динамика будет оценена по итогам следующего мониторинга.',
          tone: 'muted',
        },
  );

  blocks.push({ type: 'heading', level: 2, text: '4. Рекомендации по направлениям' });
  const directions = groupByDirection([...weak, ...falling]);
  if (directions.length === 0)
    blocks.push({ type: 'paragraph', text: 'Рекомендуется сохранить достигнутый уровень и обобщить опыт работы для представления на муниципальном уровне.' });
  for (const [key, list] of directions) {
    const first = list[0] as Finding;
    const text = directionTextFor(
      catalog,
      first.cell.appendix,
      catalog.appendices.find((a) => a.number === first.cell.appendix && a.rows.length > 1) ? first.cell.row : null,
    );
    blocks.push({ type: 'heading', level: 3, text: `${key}${text ? ` — ${text.title}` : ''}` });
    if (text) blocks.push({ type: 'paragraph', text: `Задачи направления: ${text.tasks.slice(0, 3).join('; ')}.`, tone: 'muted' });
    const hints = [...new Set(list.map((f) => columnHintFor(catalog, f.cell.appendix, f.cell.column)).filter((h): h is string => h !== undefined))];
    const items = [...hints, ...(text?.schoolRecommendations ?? [])];
    // a catalog without its own texts: generic ones in the catalog's words
    const generic = [...new Set(list.map((f) => genericRecommendation(f)))];
    blocks.push({ type: 'bullets', items: items.length > 0 ? items : generic });
  }

  blocks.push({ type: 'heading', level: 2, text: '5. Подтверждающие документы' });
  blocks.push(...evidenceBlocks(catalog, outcome.values));

  blocks.push({ type: 'heading', level: 2, text: '6. Показатели для контроля в следующем году' });
  const watch = [...new Set([...weak, ...falling].map((f) => `${f.direction}: ${f.indicator}`))];
  blocks.push(
    watch.length > 0
      ? { type: 'bullets', items: watch }
      : { type: 'paragraph', text: 'Все показатели на плановом уровне; контроль — в обычном порядке.', tone: 'muted' },
  );
  const warnings = outcome.messages.filter((m) => m.severity === 'warning');
  if (warnings.length > 0) {
    blocks.push({ type: 'heading', level: 2, text: 'Замечания к заполнению формы' });
    blocks.push({ type: 'bullets', items: warnings.map(formatMessage) });
  }
  return { title: TITLE, subtitle: subtitle(school, campaign), audience: 'school', blocks };
}

const TITLE = 'Адресные рекомендации по результатам мониторинга системы организации воспитания и социализации обучающихся';
const subtitle = (school: School, campaign: Campaign): string => `${school.name} · ${campaign.year} год · ${campaign.municipality}`;

function notAccepted(outcome: SchoolView): Block[] {
  if (outcome.status === 'missing') {
    return [
      { type: 'heading', level: 2, text: 'Сведения не представлены' },
      {
        type: 'paragraph',
        text:
          'Образовательная организация не представила сведения для мониторинга, поэтому её показатели не ' +
          'вошли в муниципальный свод. Рекомендуется заполнить форму и направить её в отдел образования.',
      },
    ];
  }
  return [
    { type: 'heading', level: 2, text: 'Сведения требуют исправления' },
    {
      type: 'paragraph',
      text: 'Сведения образовательной организации не вошли в муниципальный свод, так как форма содержит ошибки. Исправьте их и направьте форму повторно:',
    },
    { type: 'bullets', items: outcome.messages.filter((m) => m.severity === 'error').map(formatMessage) },
  ];
}

function groupByDirection(findings: Finding[]): [string, Finding[]][] {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = map.get(f.direction);
    if (list) list.push(f);
    else map.set(f.direction, [f]);
  }
  return [...map.entries()];
}

function evidenceBlocks(catalog: Catalog, values: Record<string, Value>): Block[] {
  const links = catalog.inputs.filter((i) => i.kind === 'url');
  const given = links.filter((i) => typeof values[i.id] === 'string' && values[i.id] !== '');
  const blocks: Block[] = given.map((i) => {
    const app = catalog.appendices.find((a) => a.number === i.sheet);
    const row = app?.rows.find((r) => r.id === i.group);
    const part = row && (app?.rows.length ?? 0) > 1 ? `, ${row.title}` : i.group === 'school' ? ', общие показатели' : '';
    const where = `${catalog.appendixWord} ${i.sheet}${part}`;
    return { type: 'link', text: where, url: String(values[i.id]) };
  });
  const missing = links.length - given.length;
  if (missing > 0)
    blocks.push({
      type: 'paragraph',
      text:
        `Не указаны ссылки на подтверждающие документы для ${missing} из ${links.length} ` +
        'разделов формы; рекомендуется разместить документы на сайте ОО и указать ссылки.',
      tone: 'muted',
    });
  return blocks;
}

function genericRecommendation(f: Finding): string {
  const target = f.targetText.trim() === '' ? '' : ` (целевое значение — ${f.targetText.trim()})`;
  return `Проанализировать причины и включить в план воспитательной работы меры по показателю «${f.indicator}»${target}.`;
}
