/**
 * The add-on on the FakeWorkspace, counted from its call log: service calls of each step for two
 * municipality sizes → fixed + per-school cost; a naive per-cell reader of the same data for
 * comparison; the service calls per school document (schools with and without a Google account);
 * projected Apps Script wall time from the latency model.
 */
import { META_SHEET, inputPositions } from '../src/core/layout/positions';
import { type CallCounts, type LatencyModel, type LinearCalls, type Projection, linearFit, project, totalCalls } from './latency';
import { DEPARTMENT, Sim, syntheticSchools } from './sim';

export const STEPS = ['generate', 'validate', 'consolidate', 'documents'] as const;
export type Step = (typeof STEPS)[number];

export interface Municipality {
  n: number;
  catalogId: string;
  calls: Partial<Record<Step, CallCounts>>;
  /** The REST requests UrlFetchApp.fetchAll sent in each step (not service calls: one fetchAll carries a group). */
  requests: Partial<Record<Step, CallCounts>>;
  chunks: Partial<Record<Step, number>>;
  naive: NaiveRead | null;
  appendices: number;
}

export interface NaiveRead {
  calls: CallCounts;
  cellsRead: number;
  /** Every non-empty cell the naive reader got equals what the school typed (plus the 5 stamp cells). */
  sameData: boolean;
}

/**
 * The per-cell reference, plain code on the fake's SpreadsheetApp: for each school openById, then one
 * getRange(r, c).getValue() per input cell (and the 5 stamp cells); getSheetByName once per sheet.
 */
export function naiveRead(sim: Sim): NaiveRead {
  const positions = [...inputPositions(sim.catalog).values()];
  for (let row = 2; row <= 6; row++) positions.push({ sheet: META_SHEET, row, col: 2 });
  const ids = sim.fileIds();
  const mark = sim.ws.calls.length;
  const { SpreadsheetApp } = sim.ws.installGlobals();
  let cellsRead = 0;
  let sameData = true;
  for (const school of sim.schools) {
    const ss = SpreadsheetApp.openById(ids.get(school.id) ?? '');
    const sheets = new Map<string, ReturnType<typeof ss.getSheetByName>>();
    let nonEmpty = 0;
    for (const at of positions) {
      if (!sheets.has(at.sheet)) sheets.set(at.sheet, ss.getSheetByName(at.sheet));
      const value: unknown = sheets.get(at.sheet)?.getRange(at.row, at.col).getValue();
      cellsRead += 1;
      if (value !== '' && value !== null && value !== undefined) nonEmpty += 1;
    }
    if (nonEmpty !== (sim.typedCells.get(school.id) ?? -1) + 5) sameData = false;
  }
  sim.ws.endExecution();
  return { calls: sim.callsSince(mark), cellsRead, sameData };
}

export interface MeasureOptions {
  /**
   * The schools' addresses have no Google account (mail.ru, Yandex, regional domains: most school mail): Drive then
   * refuses a silent share and the add-on shares again with an invitation e-mail. Default: they have one (the
   * synthetic addresses are on the department's domain).
   */
  schoolsWithoutGoogleAccount?: boolean;
}

/** A municipality of n schools through the steps, each step's calls counted separately (and the Sim, to go on with). */
export function measureMunicipality(
  n: number,
  catalogId: string,
  steps: readonly Step[],
  withNaive: boolean,
  opts: MeasureOptions = {},
): Municipality & { sim: Sim } {
  const sim = new Sim({ catalogId });
  if (opts.schoolsWithoutGoogleAccount) sim.ws.googleAccounts = (email) => email.trim().toLowerCase() === DEPARTMENT;
  sim.setUp(syntheticSchools(n));
  const out: Municipality = { n, catalogId, calls: {}, requests: {}, chunks: {}, naive: null, appendices: sim.catalog.appendices.length };
  for (const step of steps) {
    if (step !== 'generate' && sim.typedCells.size === 0) sim.fillSchools(); // the schools type their values
    const mark = sim.ws.calls.length;
    const { chunks, last } = sim.runToEnd(step);
    if (!last.done) throw new Error(`${step} did not finish: ${last.message}`);
    out.calls[step] = sim.callsSince(mark);
    out.requests[step] = sim.callsSince(mark, true);
    out.chunks[step] = chunks;
  }
  if (withNaive) out.naive = naiveRead(sim);
  return { ...out, sim };
}

export interface StepCost {
  step: Step;
  fit: LinearCalls;
  perSchool: number;
  fixed: number;
  /** The per-school calls by kind (non-zero). */
  perSchoolByKind: CallCounts;
  projections: Projection[];
}

/** Every service call the documents step makes per school document (fit over two sizes), by kind. */
export interface DocumentCalls {
  perDocument: number;
  byKind: CallCounts;
  /** The REST requests per document that the parallel fetchAll rounds carry (create, batchUpdate, share). */
  requestsPerDocument: number;
  requestsByKind: CallCounts;
}

export interface AddonResult {
  sizes: [number, number];
  steps: StepCost[];
  documents: {
    /** Schools whose address has a Google account: shared silently, one Permissions.create. */
    withGoogleAccount: DocumentCalls;
    /** Schools without one: the silent share is refused, then an invitation e-mail (two Permissions.create). */
    withoutGoogleAccount: DocumentCalls & { sizes: [number, number] };
  };
  perAppendix: number;
  naive: {
    perSchool: number;
    totalAtLarge: number;
    batchedTotalAtLarge: number;
    ratioTotal: number;
    ratioPerSchool: number;
    cellsPerSchool: number;
    sameData: boolean;
  };
  /** Generation per school for each catalog (catalog id → inputs, calls per school). */
  generateByCatalog: { catalogId: string; inputs: number; appendices: number; perSchool: number; consolidateFixed: number }[];
}

const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

/** A step's service calls and REST requests per document, fitted over two sizes. */
function documentCalls(small: Municipality, large: Municipality, model: LatencyModel): DocumentCalls {
  const calls = stepCost('documents', small, large, model, []);
  const requests = stepCost('documents', { ...small, calls: small.requests }, { ...large, calls: large.requests }, model, []);
  return { perDocument: calls.perSchool, byKind: calls.perSchoolByKind, requestsPerDocument: requests.perSchool, requestsByKind: requests.perSchoolByKind };
}

export function stepCost(step: Step, small: Municipality, large: Municipality, model: LatencyModel, projectAt: number[]): StepCost {
  const fit = linearFit({ n: small.n, calls: small.calls[step] ?? {} }, { n: large.n, calls: large.calls[step] ?? {} });
  const perSchoolByKind: CallCounts = {};
  for (const [k, v] of Object.entries(fit.perSchool)) if (Math.abs(v) > 1e-9) perSchoolByKind[k] = round(v, 3);
  const creates =
    step === 'generate'
      ? { kind: 'spreadsheetsCreated' as const, perSchool: 1 }
      : step === 'documents'
        ? { kind: 'documentsCreated' as const, perSchool: 1 }
        : null;
  return {
    step,
    fit,
    perSchool: round(totalCalls(fit.perSchool), 3),
    fixed: round(totalCalls(fit.fixed), 1),
    perSchoolByKind,
    projections: projectAt.map((n) => project(model, fit, n, creates)),
  };
}

export function runAddon(model: LatencyModel, sizes: [number, number] = [10, 40], log: (s: string) => void = () => undefined): AddonResult {
  log(`add-on: municipality of ${sizes[0]} schools, all steps…`);
  const small = measureMunicipality(sizes[0], 'kalar', STEPS, false);
  log(`add-on: municipality of ${sizes[1]} schools, all steps + naive per-cell reader…`);
  const large = measureMunicipality(sizes[1], 'kalar', STEPS, true);
  const steps = STEPS.map((s) => stepCost(s, small, large, model, [50, 1000]));
  const consolidate = steps.find((s) => s.step === 'consolidate') as StepCost;
  const naive = large.naive as NaiveRead;
  const naiveTotal = totalCalls(naive.calls);
  const batchedTotal = totalCalls(large.calls.consolidate ?? {});
  const noAccountSizes: [number, number] = [5, 15];
  log(`add-on: documents for schools without a Google account (${noAccountSizes[0]} and ${noAccountSizes[1]} schools)…`);
  const noAccount = noAccountSizes.map((n) => measureMunicipality(n, 'kalar', STEPS, false, { schoolsWithoutGoogleAccount: true }));
  const generateByCatalog: AddonResult['generateByCatalog'] = [];
  for (const catalogId of ['kalar', 'tomarinsky', 'mosalsky']) {
    log(`add-on: generation and consolidation with catalog ${catalogId} (5 and 15 schools)…`);
    const a = measureMunicipality(5, catalogId, ['generate', 'consolidate'], false);
    const b = measureMunicipality(15, catalogId, ['generate', 'consolidate'], false);
    const g = stepCost('generate', a, b, model, []);
    const c = stepCost('consolidate', a, b, model, []);
    const sim = new Sim({ catalogId });
    generateByCatalog.push({
      catalogId,
      inputs: sim.catalog.inputs.length,
      appendices: sim.catalog.appendices.length,
      perSchool: g.perSchool,
      consolidateFixed: c.fixed,
    });
  }
  return {
    sizes,
    steps,
    documents: {
      withGoogleAccount: documentCalls(small, large, model),
      withoutGoogleAccount: { sizes: noAccountSizes, ...documentCalls(noAccount[0] as Municipality, noAccount[1] as Municipality, model) },
    },
    perAppendix: round(consolidate.fixed / large.appendices, 2),
    naive: {
      perSchool: round(naiveTotal / large.n, 1),
      totalAtLarge: naiveTotal,
      batchedTotalAtLarge: batchedTotal,
      ratioTotal: round(naiveTotal / batchedTotal, 1),
      ratioPerSchool: round(naiveTotal / large.n / consolidate.perSchool, 1),
      cellsPerSchool: naive.cellsRead / large.n,
      sameData: naive.sameData,
    },
    generateByCatalog,
  };
}
