import { catalogOf } from '../../app/campaign';
import { UserFacingError } from '../../app/errors';
import { CATALOG_SOURCES } from '../../core/catalog';
import { expandCatalog } from '../../core/catalog/expand';
import type { CatalogSource } from '../../core/catalog/schema';
import type { Catalog } from '../../core/catalog/types';
import { loadCampaign } from '../campaign/load';
import { loadCampaignCatalog, saveCampaignCatalog } from '../catalog/campaign-catalog';
import { readCatalogWorkbook, writeCatalogWorkbook } from '../catalog/workbook-file';

export interface CatalogOptions {
  id: string;
  /** Write the catalog workbook here. */
  xlsx?: string;
  /** Read the catalog from this workbook. */
  from?: string;
}

/**
 * The catalog a `msoko catalog` call is about: a campaign's own, a workbook's, or a built-in one; optionally written as a
 * workbook. A campaign folder with `--from` replaces the campaign's copy (refused when the school form would change).
 */
export async function catalogCommand(dir: string | undefined, o: CatalogOptions): Promise<{ catalog: Catalog; written: string | null; replaced: boolean }> {
  let source: CatalogSource | null = null;
  let catalog: Catalog;
  let replaced = false;
  if (dir !== undefined) {
    const campaign = await loadCampaign(dir);
    const current = loadCampaignCatalog(dir, campaign.campaign.catalogId);
    if (o.from) {
      source = await readCatalogWorkbook(o.from);
      if (source.id !== current.catalog.id) {
        throw new UserFacingError(`Каталог не заменён: у кампании каталог «${current.catalog.id}», а в книге — «${source.id}». Код каталога не меняется.`);
      }
      catalog = saveCampaignCatalog(dir, source, current.catalog);
      replaced = true;
    } else {
      catalog = current.catalog;
      source = current.source ?? CATALOG_SOURCES[catalog.id] ?? null;
    }
  } else if (o.from) {
    source = await readCatalogWorkbook(o.from);
    catalog = expandCatalog(source);
  } else {
    catalog = catalogOf(o.id);
    source = CATALOG_SOURCES[o.id] ?? null;
  }
  if (!o.xlsx) return { catalog, written: null, replaced };
  if (!source) throw new UserFacingError(`Каталог «${catalog.id}» нельзя выгрузить в книгу`);
  await writeCatalogWorkbook(source, o.xlsx);
  return { catalog, written: o.xlsx, replaced };
}
