import { join } from 'node:path';
import { tableSheet } from '../../core/layout/table-sheet';
import { schoolState } from '../../app/schools';
import { formatMessage } from '../../core/submission/messages';
import { paths } from '../campaign/files';
import type { CampaignFolder } from '../campaign/load';
import { FolderCampaignStore } from '../campaign/store';
import { intake } from '../intake';
import { writeWorkbookFile } from '../xlsx/write/render';

const STATUS_RU = { accepted: 'принято к своду', rejected: 'есть ошибки', missing: 'не получено' } as const;

export interface ValidationSummary {
  schools: {
    id: string;
    name: string;
    state: string;
    lifecycle: string;
    status: string;
    errors: number;
    warnings: number;
    files: string[];
    messages: string[];
  }[];
  strays: { file: string; messages: string[] }[];
  report: string;
  completedWithErrors: boolean;
}

/** The validation report: per school, every message with file, sheet, cell and indicator; console and validation.xlsx. */
export async function validate(folder: CampaignFolder, previousPath: string | null, quiet: boolean): Promise<ValidationSummary> {
  const store = new FolderCampaignStore(folder, previousPath);
  const got = await intake(folder, store, quiet);
  const rows: (string | number | null)[][] = [];
  const decisions = store.decisions();
  const schools = got.run.schools.map((o) => {
    const state = schoolState(o, decisions[o.school.id] ?? null, got.changedAt.get(o.school.id) ?? null);
    for (const m of o.messages)
      rows.push([o.school.shortName, o.files.join(', '), m.severity === 'error' ? 'ошибка' : 'предупреждение', m.sheet, m.cell, m.indicator, m.text]);
    if (o.status === 'missing') rows.push([o.school.shortName, '', 'не получено', null, null, null, 'файл от ОО не получен']);
    return {
      id: state.id,
      name: state.name,
      state: state.state,
      lifecycle: state.lifecycle,
      status: STATUS_RU[o.status],
      errors: state.errors,
      warnings: state.warnings,
      files: o.files,
      messages: state.messages,
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
