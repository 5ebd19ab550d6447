/** The registry typed in the panel's table: checked like an uploaded one, then written as schools.csv. */
import { rmSync } from 'node:fs';
import { parseRegistry, registrySchools } from '../../app/campaign';
import type { UploadReply } from '../../app/panel-calls';
import { REGISTRY_CSV_HEADER } from '../../core/campaign/registry';
import { paths, writeFileAtomic } from '../campaign/files';
import { toCsv } from '../csv';

export async function saveRegistryRows(dir: string, rows: string[][]): Promise<UploadReply> {
  const filled = rows.filter((r) => r.some((v) => v.trim() !== ''));
  const schools = registrySchools(parseRegistry([REGISTRY_CSV_HEADER, ...filled]), 'Реестр');
  const p = paths(dir);
  writeFileAtomic(p.registryCsv, toCsv([REGISTRY_CSV_HEADER, ...filled]));
  rmSync(p.registryXlsx, { force: true });
  return { ok: true, message: `Реестр сохранён: школ — ${schools.length}.`, saved: [p.registryCsv] };
}
