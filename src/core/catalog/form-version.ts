import type { Campaign, School } from '../campaign/schema';
import { schoolWorkbookLayout } from '../layout/school-workbook';
import { CatalogSourceSchema, type CatalogSource } from './schema';
import type { Catalog } from './types';

const PROBE_CAMPAIGN: Campaign = { year: 2000, municipality: '—', catalogId: '—', targetOverrides: {} };
const PROBE_SCHOOL: School = { id: 'probe', name: 'Школа', shortName: 'Школа', type: 'СОШ', emails: [] };

/**
 * A hash of the school form a catalog makes: every sheet, line, label, validation and check formula of the school
 * workbook, with the version left out. Targets, notes, decisions, groups and the «ключевой» mark are not on the form,
 * so they change the catalog without changing this hash. FNV-1a, 32 bits, as `layoutHash`.
 */
export function formHash(catalog: Catalog): string {
  const workbook = schoolWorkbookLayout({ ...catalog, version: '' }, PROBE_CAMPAIGN, PROBE_SCHOOL).workbook;
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(workbook)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Two catalog sources with the same content (zod's output has one key order). */
export function sameSource(a: CatalogSource, b: CatalogSource): boolean {
  return JSON.stringify(CatalogSourceSchema.parse(a)) === JSON.stringify(CatalogSourceSchema.parse(b));
}

/**
 * The version a campaign's own catalog goes by: the specialist's text plus the form's hash («2026.1 #1a2b3c4d»), so a
 * form edited without a version bump is still told apart in the school files' stamps. A copy equal to a built-in
 * catalog keeps the built-in version, which the add-on uses too.
 */
export function campaignCatalogVersion(source: CatalogSource, catalog: Catalog, builtIn: CatalogSource | undefined): string {
  if (builtIn && sameSource(source, builtIn)) return source.version;
  return `${source.version} #${formHash(catalog)}`;
}
