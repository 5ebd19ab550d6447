import { type Campaign, CampaignSchema } from '../../core/campaign/schema';
import { DEFAULT_CATALOG_ID } from '../../core/catalog';
import { UserFacingError } from '../../app/errors';
import type { Sheet, Spreadsheet } from '../services';

export const CAMPAIGN_SHEET = 'Кампания';

/** Key → label on the «Кампания» sheet, in order. */
const FIELDS = [
  ['year', 'Год мониторинга'],
  ['municipality', 'Муниципалитет'],
  ['department', 'Отдел образования'],
  ['catalogId', 'Каталог показателей'],
  ['deadline', 'Срок сдачи (ГГГГ-ММ-ДД)'],
  ['folderUrl', 'Папка кампании (заполняется автоматически)'],
  // letters to schools (issue 19); a sheet made before them gets these rows on first use (ensureLetterSettings)
  ['senderName', 'Подпись писем школам (имя, должность)'],
  ['senderEmail', 'Адрес для ответов школ (e-mail)'],
  ['reminderDays', 'Напоминать школе не чаще, чем раз в (дней)'],
] as const;
const LETTER_FIELDS = FIELDS.slice(FIELDS.findIndex(([k]) => k === 'senderName'));
const OVERRIDES_TITLE = 'Утверждённые отделом целевые значения (ключ ячейки → значение, например A1.R1.C1 → Не < 80)';

export interface CampaignSettings {
  campaign: Campaign;
  folderUrl: string;
}

/** Creates or refreshes the «Кампания» sheet with the given settings (one setValues). */
export function writeCampaignSheet(
  ss: Spreadsheet,
  settings: { year: number; municipality: string; department: string; catalogId: string; deadline: string } & LetterSettings,
): Sheet {
  const sheet = ss.getSheetByName(CAMPAIGN_SHEET) ?? ss.insertSheet(CAMPAIGN_SHEET, 0);
  const rows: (string | number)[][] = [
    ['Кампания мониторинга системы воспитания', ''],
    ...FIELDS.map(([key, label]): (string | number)[] => [
      label,
      key === 'folderUrl' ? '' : key === 'year' ? settings.year : `'${String(settings[key] ?? '')}`,
    ]),
    ['', ''],
    [OVERRIDES_TITLE, ''],
    ['Ключ ячейки', 'Целевое значение'],
  ];
  sheet.getRange(1, 1, rows.length, 2).setValues(rows);
  sheet.getRange(1, 1).setFontWeight('bold').setFontSize(13);
  sheet.setColumnWidth(1, 360);
  sheet.setColumnWidth(2, 360);
  return sheet;
}

const NO_CAMPAIGN = 'Нет листа «Кампания». Начните с пункта меню «Новая кампания».';

/** Reads and checks the campaign settings; a Russian error names the row to fix. */
export function readCampaign(ss: Spreadsheet): CampaignSettings {
  const sheet = ss.getSheetByName(CAMPAIGN_SHEET);
  if (!sheet) throw new UserFacingError(NO_CAMPAIGN);
  return campaignFromValues(sheet.getDataRange().getValues());
}

/** The settings from the sheet's values (null: the sheet is missing). */
export function campaignFromValues(values: unknown[][] | null): CampaignSettings {
  if (values === null) throw new UserFacingError(NO_CAMPAIGN);
  const byLabel = new Map<string, unknown>();
  const overrides: Record<string, string> = {};
  let inOverrides = false;
  for (const row of values) {
    const label = String(row[0] ?? '').trim();
    if (label === 'Ключ ячейки') {
      inOverrides = true;
      continue;
    }
    if (inOverrides && label !== '' && String(row[1] ?? '').trim() !== '') overrides[label] = String(row[1]).trim();
    else byLabel.set(label, row[1]);
  }
  const text = (key: (typeof FIELDS)[number][0]): string => String(byLabel.get(FIELDS.find(([k]) => k === key)?.[1] ?? '') ?? '').trim();
  const raw = {
    year: Number(text('year')),
    municipality: text('municipality'),
    department: text('department') || undefined,
    catalogId: text('catalogId') || DEFAULT_CATALOG_ID,
    deadline: text('deadline') || undefined,
    senderName: text('senderName') || undefined,
    senderEmail: text('senderEmail') || undefined,
    reminderDays: text('reminderDays') === '' ? undefined : Number(text('reminderDays')),
    targetOverrides: overrides,
  };
  const parsed = CampaignSchema.safeParse(raw);
  if (!parsed.success)
    throw new UserFacingError(`Лист «Кампания»: ${parsed.error.issues.map((i) => `${labelOf(String(i.path[0] ?? ''))} — ${i.message}`).join('; ')}`);
  return { campaign: parsed.data, folderUrl: text('folderUrl') };
}

function labelOf(key: string): string {
  return FIELDS.find(([k]) => k === key)?.[1] ?? key;
}

export interface LetterSettings {
  senderName?: string;
  senderEmail?: string;
  reminderDays?: number | string;
}

/** A «Кампания» sheet made before the letters gets their rows under the folder's (labels only; the department fills them). */
export function ensureLetterSettings(ss: Spreadsheet): void {
  const sheet = ss.getSheetByName(CAMPAIGN_SHEET);
  if (!sheet) return;
  const labels = sheet
    .getRange(1, 1, Math.max(1, sheet.getLastRow()), 1)
    .getValues()
    .map((r) => String(r[0] ?? '').trim());
  if (LETTER_FIELDS.every(([, label]) => labels.includes(label))) return;
  const after = FIELDS.findIndex(([k]) => k === 'folderUrl') + 2;
  sheet.insertRowsAfter(after, LETTER_FIELDS.length);
  sheet.getRange(after + 1, 1, LETTER_FIELDS.length, 2).setValues(LETTER_FIELDS.map(([, label]) => [label, '']));
}

/** Records the campaign folder's address on the sheet. */
export function writeFolderUrl(ss: Spreadsheet, url: string): void {
  const sheet = ss.getSheetByName(CAMPAIGN_SHEET);
  if (!sheet) return;
  const row = FIELDS.findIndex(([k]) => k === 'folderUrl') + 2;
  sheet.getRange(row, 2).setValue(url);
}

/** Records the campaign's catalog id (the catalog itself lives on the «Каталог…» sheets). */
export function writeCatalogId(ss: Spreadsheet, id: string): void {
  const sheet = ss.getSheetByName(CAMPAIGN_SHEET);
  if (!sheet) return;
  const row = FIELDS.findIndex(([k]) => k === 'catalogId') + 2;
  sheet.getRange(row, 2).setValue(`'${id}`);
}
