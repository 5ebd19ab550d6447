/**
 * «importCatalog» offline: the campaign's own catalog (catalog.json) replaced from a built-in catalog or an .xlsx the
 * panel uploaded as base64 — read through the hardened reader like `msoko init --catalog`, refused while school files
 * are out if the school form would change. A Google Sheets link cannot be opened offline.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogOf } from '../../app/campaign';
import type { CatalogImport } from '../../app/catalog-import';
import { UserFacingError } from '../../app/errors';
import { CATALOG_SOURCES } from '../../core/catalog';
import type { CatalogSource } from '../../core/catalog/schema';
import { paths, readJsonFile } from '../campaign/files';
import { CampaignFileSchema, saveCampaign } from '../campaign/load';
import { loadCampaignCatalog, saveCampaignCatalog } from '../catalog/campaign-catalog';
import { catalogProblemsText, catalogWorkbookFile } from '../catalog/workbook-file';
import { safeFileName } from './file-names';

const NO_LINKS =
  'Офлайн каталог по ссылке не открыть: откройте таблицу каталога в Google Таблицах, выберите «Файл → Скачать → Microsoft Excel (.xlsx)» ' +
  'и загрузите этот файл.';

let serial = 0;

async function uploaded(dir: string, name: string, base64: string): Promise<CatalogSource> {
  serial += 1;
  const tmp = join(dir, `.catalog-upload-${process.pid}-${serial}.xlsx`);
  try {
    writeFileSync(tmp, Buffer.from(base64, 'base64'));
    const result = await catalogWorkbookFile(tmp);
    if ('source' in result) return result.source;
    throw new UserFacingError(catalogProblemsText(safeFileName(name) ?? 'каталог.xlsx', result.problems));
  } finally {
    rmSync(tmp, { force: true });
  }
}

export async function importCatalogOffline(dir: string, request: CatalogImport): Promise<{ message: string }> {
  const campaign = readJsonFile(paths(dir).campaign, CampaignFileSchema);
  if (!campaign) throw new UserFacingError('Сначала создайте кампанию.');
  if (request.kind === 'url') throw new UserFacingError(NO_LINKS);
  let source: CatalogSource;
  if (request.kind === 'builtin') {
    catalogOf(request.id);
    source = CATALOG_SOURCES[request.id] as CatalogSource;
  } else source = await uploaded(dir, request.name, request.base64);
  const current = loadCampaignCatalog(dir, campaign.catalogId).catalog;
  const catalog = saveCampaignCatalog(dir, source, current);
  if (campaign.catalogId !== source.id) saveCampaign(dir, { ...campaign, catalogId: source.id });
  return { message: `Каталог «${source.title}» (версия ${catalog.version}) стал каталогом кампании (catalog.json).` };
}
