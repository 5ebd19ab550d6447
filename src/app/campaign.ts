import * as z from 'zod/mini';
import { type RegistryParse, parseRegistry } from '../core/campaign/registry';
import type { Campaign, School } from '../core/campaign/schema';
import { CATALOG_SOURCES, DEFAULT_CATALOG_ID, getCatalog } from '../core/catalog';
import type { Catalog } from '../core/catalog/types';
import { UserFacingError } from './errors';

/** Everything a use case needs about the campaign, read once per execution or command. */
export interface CampaignContext {
  campaign: Campaign;
  catalog: Catalog;
  schools: School[];
}

export const DEFAULT_DEPARTMENT = 'Отдел управления образованием';

/** The settings of a new campaign, as the sidebar, the menu and `msoko init` send them. */
export const NewCampaignSchema = z.object({
  year: z.int().check(z.gte(2020, 'год: не раньше 2020'), z.lte(2100, 'год: не позже 2100')),
  municipality: z.string().check(z.trim(), z.minLength(2, 'укажите муниципалитет')),
  department: z.optional(z.string()),
  catalogId: z.optional(z.string()),
  deadline: z.optional(z.string().check(z.regex(/^(\d{4}-\d{2}-\d{2})?$/, 'срок: ГГГГ-ММ-ДД'))),
  /** The previous campaign (Google: its spreadsheet's link; offline: its folder): results, history and register carry over. */
  previous: z.optional(z.string().check(z.maxLength(500, 'прошлая кампания: слишком длинная ссылка'))),
});
export type NewCampaign = z.input<typeof NewCampaignSchema>;

/** A new campaign's settings, checked, with the defaults filled in; a Russian error names what is wrong. */
export function newCampaign(raw: unknown): Campaign {
  const parsed = NewCampaignSchema.safeParse(raw);
  if (!parsed.success) throw new UserFacingError(`Кампания: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const d = parsed.data;
  const catalogId = d.catalogId?.trim() || DEFAULT_CATALOG_ID;
  catalogOf(catalogId);
  const campaign: Campaign = {
    year: d.year,
    municipality: d.municipality,
    department: d.department?.trim() || DEFAULT_DEPARTMENT,
    catalogId,
    targetOverrides: {},
  };
  if (d.deadline) campaign.deadline = d.deadline;
  return campaign;
}

/** The previous campaign named in the settings, if any (checked like the rest by `newCampaign`). */
export function previousOf(raw: unknown): string | null {
  const parsed = NewCampaignSchema.safeParse(raw);
  return parsed.success ? parsed.data.previous?.trim() || null : null;
}

/** The catalog by id; an unknown id is the user's mistake, not an internal failure. */
export function catalogOf(id: string): Catalog {
  if (!Object.keys(CATALOG_SOURCES).includes(id)) throw new UserFacingError(`Каталог «${id}» не найден. Доступны: ${Object.keys(CATALOG_SOURCES).join(', ')}`);
  return getCatalog(id);
}

/**
 * The registry's schools, or a Russian error that names the source and every refused row: a registry with a bad
 * row is not half-loaded.
 */
export function registrySchools(parse: RegistryParse, source: string): School[] {
  if (parse.missing.length > 0) {
    throw new UserFacingError(`${source}: в заголовке нет столбцов ${parse.missing.join(', ')} (нужно: код, наименование, краткое наименование, тип, e-mail)`);
  }
  if (parse.problems.length > 0) throw new UserFacingError(`${source}:\n  ${parse.problems.join('\n  ')}`);
  if (parse.rows.length === 0) throw new UserFacingError(`${source}: в реестре нет ни одной ОО — заполните его.`);
  return parse.rows.map((r) => r.school);
}

export { parseRegistry };
