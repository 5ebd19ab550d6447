import type { CampaignStore, YearResult } from '../../app/ports';
import { YearResultFileSchema } from '../../core/export/contract';
import type { Decision } from '../../core/submission/lifecycle';
import { type SurveysFile, SurveysFileSchema } from '../../core/survey/store';
import { type DriveFile, MIME, createFile, driveApi, readText, writeText } from '../drive';
import { withBackoff } from '../limits';
import type { RegistryRow } from './registry-sheet';

const resultName = (year: number): string => `Итоги ${year}.json`;
const surveysName = (year: number): string => `Анкеты ${year}.json`;

/**
 * The campaign's store in Google: decisions live in the registry rows (validated JSON in a computed column, written
 * back with the registry), results and survey counts are JSON files in the campaign folder — «Итоги <год>.json» is
 * the export contract with the schools' values, so next year's campaign reads it for dynamics and plausibility checks.
 * The folder is searched once per execution.
 */
export class GasCampaignStore implements CampaignStore {
  private files: Map<string, DriveFile> | null = null;

  constructor(
    private readonly year: number,
    private readonly rows: RegistryRow[],
    private readonly folder: () => string,
    /** The previous campaign's folder (a campaign chained by «Новая кампания»): last year's «Итоги» is looked up there too. */
    private readonly previousFolder: string | null = null,
  ) {}

  decisions(): Record<string, Decision> {
    const out: Record<string, Decision> = {};
    for (const r of this.rows) if (r.decision) out[r.school.id] = r.decision;
    return out;
  }

  saveDecision(schoolId: string, decision: Decision): void {
    const row = this.rows.find((r) => r.school.id === schoolId);
    if (row) row.decision = decision;
  }

  previous(): YearResult | null {
    return this.yearResult(this.year - 1);
  }

  current(): YearResult | null {
    return this.yearResult(this.year);
  }

  saveCurrent(year: YearResult): void {
    this.write(resultName(this.year), JSON.stringify({ ...year.result, schoolValues: year.schoolValues }));
  }

  surveys(): SurveysFile | null {
    return this.json(surveysName(this.year), SurveysFileSchema);
  }

  saveSurveys(file: SurveysFile): void {
    this.write(surveysName(this.year), JSON.stringify(file));
  }

  private yearResult(year: number): YearResult | null {
    const file = this.json(resultName(year), YearResultFileSchema);
    if (!file) return null;
    const { schoolValues, ...result } = file;
    return { result, schoolValues: schoolValues ?? {} };
  }

  /**
   * This year's and last year's files, found with one Drive search in the campaign folder (and the previous campaign's
   * folder when chained; a file in this campaign's own folder wins).
   */
  private known(): Map<string, DriveFile> {
    if (this.files) return this.files;
    const names = [resultName(this.year), resultName(this.year - 1), surveysName(this.year)];
    const folder = this.folder();
    const parents = this.previousFolder ? `('${folder}' in parents or '${this.previousFolder}' in parents)` : `'${folder}' in parents`;
    const q = `${parents} and (${names.map((n) => `name = '${n}'`).join(' or ')}) and trashed = false`;
    const fields = this.previousFolder ? 'files(id,name,parents)' : 'files(id,name)';
    const found = withBackoff(() => driveApi().Files.list({ q, fields, pageSize: 20 }));
    const files = new Map<string, DriveFile>();
    for (const file of found.files ?? []) {
      if (!file.name) continue;
      if (!files.has(file.name) || file.parents?.includes(folder)) files.set(file.name, file);
    }
    this.files = files;
    return files;
  }

  /** A stored JSON file, checked; a damaged one counts as absent (it is rewritten by the next save). */
  private json<T>(name: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T | null {
    const file = this.known().get(name);
    if (!file?.id) return null;
    try {
      const parsed = schema.safeParse(JSON.parse(readText(file.id)));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private write(name: string, json: string): void {
    const files = this.known();
    const existing = files.get(name);
    if (existing?.id) writeText(existing.id, json);
    else files.set(name, createFile(name, MIME.json, `data:${name}`, this.folder(), json));
  }
}
