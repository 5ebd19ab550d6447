import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { catalogOf } from '../../app/campaign';
import { type CatalogForm, catalogFormRefusal } from '../../app/catalog-import';
import { UserFacingError } from '../../app/errors';
import { CATALOG_SOURCES } from '../../core/catalog';
import { expandCatalog } from '../../core/catalog/expand';
import { campaignCatalogVersion, formHash } from '../../core/catalog/form-version';
import { type CatalogSource, CatalogSourceSchema } from '../../core/catalog/schema';
import type { Catalog } from '../../core/catalog/types';
import { paths, readJsonFile, writeJson } from '../campaign/files';
import { readCatalogWorkbook } from './workbook-file';

/** The campaign's own copy of its catalog: a later edit of the workbook or a program update does not change a running campaign. */
export const catalogFile = (dir: string): string => join(dir, 'catalog.json');

export interface CampaignCatalog {
  catalog: Catalog;
  /** null for a campaign made before campaigns kept their copy: it runs on the built-in catalog of its id. */
  source: CatalogSource | null;
}

/** The catalog a campaign runs on: its catalog.json, else the built-in catalog of campaign.json's id. */
export function loadCampaignCatalog(dir: string, catalogId: string): CampaignCatalog {
  const file = catalogFile(dir);
  const source = readJsonFile(file, CatalogSourceSchema);
  if (!source) return { catalog: catalogOf(catalogId), source: null };
  if (source.id !== catalogId) throw new UserFacingError(`${file}: каталог «${source.id}», а в campaign.json указан «${catalogId}»`);
  return { catalog: versioned(source, file), source };
}

/** The catalog with the version its school files carry (the specialist's text + the form's hash, D: form-version). */
function versioned(source: CatalogSource, where: string): Catalog {
  let catalog: Catalog;
  try {
    catalog = expandCatalog(source);
  } catch (e) {
    throw new UserFacingError(`${where}: ${(e as Error).message}`);
  }
  return { ...catalog, version: campaignCatalogVersion(source, catalog, CATALOG_SOURCES[source.id]) };
}

/** `--catalog`: a built-in id, or a catalog workbook (.xlsx) read and checked like a school's file. */
export async function catalogArgument(arg: string): Promise<CatalogSource> {
  if (/\.xlsx$/i.test(arg)) return readCatalogWorkbook(arg);
  catalogOf(arg);
  return CATALOG_SOURCES[arg] as CatalogSource;
}

/** Files that left the department or came back: once there are any, the school form must not change. */
export function schoolFilesOut(dir: string): string[] {
  const p = paths(dir);
  return [p.schools, p.received].flatMap((folder) => {
    if (!existsSync(folder) || !lstatSync(folder).isDirectory()) return [];
    return readdirSync(folder).filter((f) => /\.xlsx$/i.test(f) && !f.startsWith('~$'));
  });
}

/**
 * Saves a campaign's catalog. While school files are out, a catalog whose school form differs is refused: the
 * returned files would not match it. Targets, notes, decisions, groups and the «ключевой» mark may change and apply
 * at the next consolidation.
 */
export function saveCampaignCatalog(dir: string, source: CatalogSource, current: Catalog | null): Catalog {
  const next = versioned(source, catalogFile(dir));
  const out = schoolFilesOut(dir).length;
  const refusal = current && out > 0 ? catalogFormRefusal(formOf(next), formOf(current), out) : null;
  if (refusal) throw new UserFacingError(refusal);
  writeJson(catalogFile(dir), source);
  return next;
}

const formOf = (c: Catalog): CatalogForm => ({ id: c.id, version: c.version, hash: formHash(c) });
