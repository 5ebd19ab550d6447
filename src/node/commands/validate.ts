import { join } from 'node:path';
import { tableSheet } from '../../core/layout/table-sheet';
import { lifecycleOf } from '../../core/submission/lifecycle';
import { formatMessage } from '../../core/submission/messages';
import { type CampaignFolder, paths } from '../campaign-folder';
import type { Intake } from '../intake';
import { writeWorkbookFile } from '../xlsx/write/render';

const STATUS_RU = { accepted: 'принято к своду', rejected: 'есть ошибки', missing: 'не получено' } as const;

export interface ValidationSummary {
  schools: { id: string; name: string; lifecycle: string; status: string; errors: number; warnings: number; files: string[]; messages: string[] }[];
  strays: { file: string; messages: string[] }[];
  report: string;
  completedWithErrors: boolean;
}

/** The validation report: per school, every message with file, sheet, cell and indicator; console and validation.xlsx. */
export async function validate(folder: CampaignFolder, got: Intake): Promise<ValidationSummary> {
  const rows: (string | number | null)[][] = [];
  const schools = got.run.schools.map((o) => {
    const lifecycle = lifecycleOf(o, got.decisions[o.school.id] ?? null, got.changedAt.get(o.school.id) ?? null);
    for (const m of o.messages)
      rows.push([o.school.shortName, o.files.join(', '), m.severity === 'error' ? 'ошибка' : 'предупреждение', m.sheet, m.cell, m.indicator, m.text]);
    if (o.status === 'missing') rows.push([o.school.shortName, '', 'не получено', null, null, null, 'файл от ОО не получен']);
    return {
      id: o.school.id,
      name: o.school.shortName,
      lifecycle,
      status: STATUS_RU[o.status],
      errors: o.messages.filter((m) => m.severity === 'error').length,
      warnings: o.messages.filter((m) => m.severity === 'warning').length,
      files: o.files,
      messages: o.messages.map(formatMessage),
    };
  });
  const strays = got.run.strays.map((s) => {
    for (const m of s.messages)
      rows.push(['(не из реестра)', s.file, m.severity === 'error' ? 'ошибка' : 'предупреждение', m.sheet, m.cell, m.indicator, m.text]);
    return { file: s.file, messages: s.messages.map(formatMessage) };
  });
  const report = join(paths(folder.dir).out, 'validation.xlsx');
  const sheet = tableSheet(
    'Проверка',
    `Проверка данных ОО — мониторинг ${folder.campaign.year}, ${folder.campaign.municipality}`,
    ['ОО', 'Файл', 'Важность', 'Лист', 'Ячейка', 'Показатель', 'Сообщение'],
    rows,
    [22, 18, 14, 16, 8, 60, 70],
  );
  const summary = tableSheet(
    'Статусы',
    'Статусы ОО',
    ['Код', 'ОО', 'Состояние', 'Ошибок', 'Предупреждений', 'Файл'],
    schools.map((s) => [s.id, s.name, s.lifecycle, s.errors, s.warnings, s.files.join(', ')]),
    [12, 30, 20, 10, 16, 30],
  );
  await writeWorkbookFile({ title: 'Проверка данных', sheets: [summary, sheet] }, report, { password: null, definedNames: false });
  const completedWithErrors = schools.some((s) => s.errors > 0) || strays.length > 0;
  return { schools, strays, report, completedWithErrors };
}
