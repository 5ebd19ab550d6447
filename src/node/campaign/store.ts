import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { CampaignStore, Clock, YearResult } from '../../app/ports';
import { UserFacingError } from '../../app/errors';
import { YearResultFileSchema } from '../../core/export/contract';
import { type Decision, DecisionsSchema } from '../../core/submission/lifecycle';
import { SchoolValuesSchema } from '../../core/submission/values';
import { type SurveysFile, SurveysFileSchema } from '../../core/survey/store';
import { paths, readJsonFile, writeJson } from './files';
import type { CampaignFolder } from './load';

/**
 * A year's result: appendices.json (the export contract) and school-values.json beside it, or the add-on's
 * «Итоги <год>.json», which carries the values inside.
 */
function readYear(appendices: string): YearResult | null {
  const file = readJsonFile(appendices, YearResultFileSchema);
  if (!file) return null;
  const { schoolValues, ...result } = file;
  return { result, schoolValues: schoolValues ?? readJsonFile(join(dirname(appendices), 'school-values.json'), SchoolValuesSchema) ?? {} };
}

/**
 * The campaign's store in its folder: decisions.json, surveys.json, out/appendices.json with out/school-values.json;
 * last year's result from `--previous` or campaign.json «previous» (a path relative to the campaign folder).
 */
export class FolderCampaignStore implements CampaignStore {
  private readonly previousPath: string | null;

  constructor(
    private readonly folder: CampaignFolder,
    previousOption: string | null = null,
  ) {
    const configured = folder.campaign.previous
      ? isAbsolute(folder.campaign.previous)
        ? folder.campaign.previous
        : join(folder.dir, folder.campaign.previous)
      : null;
    this.previousPath = previousOption ?? configured;
    if (this.previousPath !== null && !existsSync(this.previousPath)) throw new UserFacingError(`Нет файла прошлого года ${this.previousPath}`);
  }

  decisions(): Record<string, Decision> {
    return readJsonFile(paths(this.folder.dir).decisions, DecisionsSchema) ?? {};
  }

  saveDecision(schoolId: string, decision: Decision): void {
    const all = this.decisions();
    all[schoolId] = decision;
    writeJson(paths(this.folder.dir).decisions, all);
  }

  previous(): YearResult | null {
    return this.previousPath ? readYear(this.previousPath) : null;
  }

  current(): YearResult | null {
    return readYear(this.files.json);
  }

  saveCurrent(year: YearResult): void {
    writeJson(this.files.json, year.result);
    writeJson(this.files.schoolValues, year.schoolValues, false);
  }

  surveys(): SurveysFile | null {
    return readJsonFile(paths(this.folder.dir).surveys, SurveysFileSchema);
  }

  saveSurveys(file: SurveysFile): void {
    writeJson(paths(this.folder.dir).surveys, file);
  }

  get files(): { xlsx: string; json: string; schoolValues: string } {
    const out = paths(this.folder.dir).out;
    return { xlsx: join(out, 'appendices.xlsx'), json: join(out, 'appendices.json'), schoolValues: join(out, 'school-values.json') };
  }
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Local time of the computer the department works on. */
export const localClock: Clock = {
  now: () => new Date(),
  date: (at) => `${two(at.getDate())}.${two(at.getMonth() + 1)}.${at.getFullYear()}`,
  stamp: (at) => `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`,
};
