import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { newCampaign } from '../../app/campaign';
import { UserFacingError } from '../../app/errors';
import { REGISTRY_CSV_HEADER } from '../../core/campaign/registry';
import { previousYearsSheet } from '../../core/history/previous-years';
import { copyPredecessor, previousYearsFile } from '../campaign/chain';
import { paths, readJsonFile } from '../campaign/files';
import { type CampaignFile, CampaignFileSchema, saveCampaign } from '../campaign/load';
import { catalogArgument, catalogFile, loadCampaignCatalog, saveCampaignCatalog } from '../catalog/campaign-catalog';
import { toCsv } from '../csv';
import { writeWorkbookFile } from '../xlsx/write/render';

export interface InitOptions {
  year: number;
  municipality: string;
  catalog: string;
  force: boolean;
  /** The previous campaign's folder: its results, history and register are copied (issue 16). */
  previous?: string | null;
}

/**
 * A campaign folder: campaign.json (checked by the application like the add-on's «Новая кампания»), a registry template
 * (or the predecessor's registry), the blank previous-years.xlsx, and with `previous` the predecessor's results, history
 * and register copied into history/<год>/.
 */
export async function init(dir: string, o: InitOptions): Promise<string[]> {
  const p = paths(dir);
  if (existsSync(p.campaign) && !o.force) throw new UserFacingError(`В «${dir}» уже есть кампания (campaign.json). Чтобы перезаписать, добавьте --force.`);
  // --catalog: a built-in id or the department's catalog workbook; the campaign keeps its own copy (catalog.json)
  const source = await catalogArgument(o.catalog);
  const builtIn = source.id === o.catalog;
  const settings = { year: o.year, municipality: o.municipality, catalogId: builtIn ? o.catalog : undefined };
  const campaign: CampaignFile = { ...newCampaign(settings), catalogId: source.id, password: randomPassword() };
  const before = existsSync(p.campaign) ? readJsonFile(p.campaign, CampaignFileSchema) : null;
  const current = before ? loadCampaignCatalog(dir, before.catalogId).catalog : null;
  mkdirSync(dir, { recursive: true });
  const catalog = saveCampaignCatalog(dir, source, current);
  const written = [p.campaign, catalogFile(dir)];
  if (o.previous) {
    const copied = copyPredecessor(dir, o.previous);
    campaign.predecessor = copied.predecessor;
    if (copied.previous) campaign.previous = copied.previous;
    written.push(...copied.files);
  }
  saveCampaign(dir, campaign);
  const blank = previousYearsFile(dir);
  if (!existsSync(blank)) {
    const sheet = previousYearsSheet(catalog, campaign.year);
    await writeWorkbookFile({ title: 'Прошлые годы', sheets: [sheet] }, blank, { password: null, definedNames: false });
    written.push(blank);
  }
  if (!existsSync(p.registryCsv)) {
    writeFileSync(
      p.registryCsv,
      toCsv([
        REGISTRY_CSV_HEADER,
        ['sosh1', 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»', 'СОШ № 1', 'СОШ', 'school1@example.ru'],
        [
          'oosh1',
          'Муниципальное бюджетное общеобразовательное учреждение «Основная общеобразовательная школа с. Примерное»',
          'ООШ с. Примерное',
          'ООШ',
          'oosh1@example.ru;zam.oosh1@example.ru',
        ],
      ]),
    );
    written.push(p.registryCsv);
  }
  return written;
}

function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < 12; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
