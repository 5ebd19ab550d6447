/**
 * The pure core at scale: N synthetic schools × the full Kalar catalog. Grids are prepared untimed
 * (renderSchoolGrid); then parse + validate (validateFiles) and consolidate are timed separately,
 * median of several runs each.
 */
import { performance } from 'node:perf_hooks';
import { getCatalog } from '../src/core/catalog';
import { consolidate } from '../src/core/consolidate/consolidate';
import { renderSchoolGrid } from '../src/core/layout/grid';
import { schoolWorkbookLayout } from '../src/core/layout/school-workbook';
import { type ReadFile, type SchoolOutcome, validateFiles } from '../src/core/submission/collect';
import { CAMPAIGN_INPUT, syntheticSchools, valuesFor } from './sim';

export interface CoreRow {
  n: number;
  runs: number;
  /** Medians of the runs, ms. */
  validateMs: number;
  consolidateMs: number;
  /** Fastest runs (least disturbed by other load), ms. */
  validateMinMs: number;
  consolidateMinMs: number;
  accepted: number;
}

export interface CoreResult {
  rows: CoreRow[];
  /** Per-school time at 1,000 ÷ per-school time at 100 (fastest runs): 1 is exactly linear, < 1 fixed costs. */
  validateGrowth: number;
  consolidateGrowth: number;
  /** At most linear: per-school time at 1,000 within 1.5× that at 100. */
  linear: boolean;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function timeIt(runs: number, fn: () => void): { median: number; min: number } {
  fn(); // warm-up (JIT), not counted
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return { median: median(times), min: Math.min(...times) };
}

/** Parse + validate timed; the grids are garbage once it returns, so they do not weigh on the consolidate timing. */
function validatePhase(n: number, runs: number): { v: { median: number; min: number }; outcomes: SchoolOutcome[] } {
  const catalog = getCatalog('kalar');
  const campaign = { ...CAMPAIGN_INPUT, catalogId: 'kalar' };
  const schools = syntheticSchools(n);
  const files: ReadFile[] = schools.map((school, i) => ({
    file: `${school.id}.xlsx`,
    expectedSchoolId: school.id,
    grid: renderSchoolGrid(schoolWorkbookLayout(catalog, campaign, school), valuesFor(catalog, schools, i)),
  }));
  let outcomes = validateFiles(files, catalog, campaign.year, schools).schools;
  const v = timeIt(runs, () => {
    outcomes = validateFiles(files, catalog, campaign.year, schools).schools;
  });
  return { v, outcomes };
}

export function coreRow(n: number, runs: number): CoreRow {
  const catalog = getCatalog('kalar');
  const campaign = { ...CAMPAIGN_INPUT, catalogId: 'kalar' };
  const { v, outcomes } = validatePhase(n, runs);
  const c = timeIt(runs, () => {
    consolidate({ catalog, campaign, outcomes, previous: null });
  });
  return {
    n,
    runs,
    validateMs: v.median,
    consolidateMs: c.median,
    validateMinMs: v.min,
    consolidateMinMs: c.min,
    accepted: outcomes.filter((o) => o.status === 'accepted').length,
  };
}

export function runCore(sizes: number[] = [10, 100, 1000], log: (s: string) => void = () => undefined): CoreResult {
  const rows: CoreRow[] = [];
  for (const n of sizes) {
    const row = coreRow(n, n >= 1000 ? 7 : 15);
    log(
      `core: ${n} schools — parse+validate ${row.validateMs.toFixed(1)} ms, consolidate ${row.consolidateMs.toFixed(1)} ms (median of ${row.runs}; fastest ${row.validateMinMs.toFixed(1)} / ${row.consolidateMinMs.toFixed(1)} ms; accepted ${row.accepted})`,
    );
    rows.push(row);
  }
  const at = (n: number): CoreRow | undefined => rows.find((r) => r.n === n);
  const growth = (pick: (r: CoreRow) => number): number => {
    const a = at(100);
    const b = at(1000);
    return a && b ? pick(b) / pick(a) / 10 : Number.NaN;
  };
  const validateGrowth = growth((r) => r.validateMinMs);
  const consolidateGrowth = growth((r) => r.consolidateMinMs);
  const linear = [validateGrowth, consolidateGrowth].every((g) => g <= 1.5);
  return { rows, validateGrowth, consolidateGrowth, linear };
}
