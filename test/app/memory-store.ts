/** An in-memory CampaignStore and a fixed clock: the use cases run without either front end. */
import type { CampaignStore, Clock, YearResult } from '../../src/app/ports';
import type { Decision } from '../../src/core/submission/lifecycle';
import type { SurveysFile } from '../../src/core/survey/store';

export class MemoryStore implements CampaignStore {
  saved: Record<string, Decision> = {};
  last: YearResult | null = null;
  now: YearResult | null = null;
  counts: SurveysFile | null = null;
  writes = 0;

  decisions(): Record<string, Decision> {
    return { ...this.saved };
  }
  saveDecision(schoolId: string, decision: Decision): void {
    this.saved[schoolId] = decision;
    this.writes += 1;
  }
  previous(): YearResult | null {
    return this.last;
  }
  current(): YearResult | null {
    return this.now;
  }
  saveCurrent(year: YearResult): void {
    this.now = structuredClone(year);
    this.writes += 1;
  }
  surveys(): SurveysFile | null {
    return this.counts;
  }
  saveSurveys(file: SurveysFile): void {
    this.counts = structuredClone(file);
    this.writes += 1;
  }
}

export const fixedClock = (iso = '2026-12-05T10:15:30.000Z'): Clock => ({
  now: () => new Date(iso),
  date: (at) => at.toISOString().slice(0, 10).split('-').reverse().join('.'),
  stamp: (at) => at.toISOString().replace('T', ' ').slice(0, 19),
});
