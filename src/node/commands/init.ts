import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { DEFAULT_CATALOG_ID } from '../../core/catalog';
import { type CampaignFile, UserError, catalogById, paths, saveCampaign } from '../campaign-folder';
import { toCsv } from '../csv';

export interface InitOptions {
  year: number;
  municipality: string;
  catalog: string;
  force: boolean;
}

/** A campaign folder: campaign.json and a registry template to fill in. */
export function init(dir: string, o: InitOptions): string[] {
  const p = paths(dir);
  if (existsSync(p.campaign) && !o.force) throw new UserError(`В «${dir}» уже есть кампания (campaign.json). Чтобы перезаписать, добавьте --force.`);
  catalogById(o.catalog);
  mkdirSync(dir, { recursive: true });
  const campaign: CampaignFile = {
    year: o.year,
    municipality: o.municipality,
    department: 'Отдел управления образованием',
    catalogId: o.catalog || DEFAULT_CATALOG_ID,
    targetOverrides: {},
    password: randomPassword(),
  };
  saveCampaign(dir, campaign);
  const written = [p.campaign];
  if (!existsSync(p.registryCsv)) {
    writeFileSync(
      p.registryCsv,
      toCsv([
        ['id', 'name', 'short_name', 'type', 'emails'],
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
  for (let i = 0; i < 12; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}
