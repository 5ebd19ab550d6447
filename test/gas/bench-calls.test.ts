/**
 * The deterministic part of `npm run bench`: service-call counts of the add-on on the FakeWorkspace
 * (never times). Runs the built dist/Code.js, one fresh vm context per execution (bench/sim.ts).
 */
import { type StepCost, measureMunicipality, stepCost } from '../../bench/addon';
import { type LatencyModel, loadLatencyModel, totalCalls } from '../../bench/latency';
import { consolidateInChunks, cycle, docsWriteQuotaProbe, quotaGeneration } from '../../bench/resumable';
import { Sim, syntheticSchools } from '../../bench/sim';

const model = loadLatencyModel();
const SMALL = 5;
const LARGE = 30;
type Measured = ReturnType<typeof measureMunicipality>;
let small: Measured;
let large: Measured;
let consolidate: StepCost;
let generate: StepCost;
let documents: StepCost;

beforeAll(() => {
  small = measureMunicipality(SMALL, 'kalar', ['generate', 'consolidate', 'documents'], false);
  large = measureMunicipality(LARGE, 'kalar', ['generate', 'consolidate', 'documents'], true);
  consolidate = stepCost('consolidate', small, large, model, []);
  generate = stepCost('generate', small, large, model, []);
  documents = stepCost('documents', small, large, model, []);
});

describe('add-on service calls (call log of the FakeWorkspace)', () => {
  test('consolidation: one Spreadsheets.get (values and number formats) per school, at most 2 calls per school', () => {
    // plus one for the sheet ids when the tables are written and one for the «Каталог…» sheets (the department's catalog,
    // read each step); the department's own sheets come with two batchGets («Кампания» and «Школы»; «Реестр мер» and
    // «Прошлые годы», which replaced the register's Values.get)
    expect(large.calls.consolidate?.['Sheets.Spreadsheets.get']).toBe(LARGE + 2);
    expect(large.calls.consolidate?.['Sheets.Spreadsheets.Values.batchGet']).toBe(2);
    expect(large.calls.consolidate?.['Sheets.Spreadsheets.Values.get']).toBeUndefined();
    expect(consolidate.perSchool).toBeLessThanOrEqual(2);
    expect(consolidate.perSchoolByKind).toEqual({ 'Sheets.Spreadsheets.get': 1 });
  });

  test('consolidation: no extra calls per extra appendix (Kalar, 11 appendices, against a 1-appendix catalog)', () => {
    const a = measureMunicipality(3, 'tomarinsky', ['generate', 'consolidate'], false);
    const b = measureMunicipality(6, 'tomarinsky', ['generate', 'consolidate'], false);
    const oneAppendix = stepCost('consolidate', a, b, model, []);
    const perExtraAppendix = (consolidate.fixed - oneAppendix.fixed) / (large.appendices - a.appendices);
    expect(perExtraAppendix).toBe(0);
    // the sheets of all appendices are listed by one Spreadsheets.get and written by four batched calls together
    expect(large.calls.consolidate?.['Sheets.Spreadsheets.batchUpdate']).toBe(3);
    expect(large.calls.consolidate?.['Sheets.Spreadsheets.Values.batchUpdate']).toBe(1);
  });

  test("consolidation: fixed calls at most 3 per appendix and the catalog read (34 for Kalar's 11, the work sheet made on the way)", () => {
    expect(large.appendices).toBe(11);
    // 31 before the department's register of measures; it is read fresh under the lock (one Values.get, one getId);
    // one more since the catalog lives on the «Каталог…» sheets (one Spreadsheets.get per execution, values and formulas)
    expect(consolidate.fixed).toBe(34);
    expect(consolidate.fixed).toBeLessThanOrEqual(3 * large.appendices + 1);
  });

  test('consolidation: document properties read once and written once, the campaign folder looked up once', () => {
    const calls = large.calls.consolidate ?? {};
    const props = Object.fromEntries(Object.entries(calls).filter(([k]) => k.startsWith('Properties') || k.startsWith('PropertiesService')));
    // getProperties: the snapshot; getProperty: the job again before saving it (a cancel from another tab)
    expect(props).toEqual({
      'PropertiesService.getDocumentProperties': 1,
      'Properties.getProperties': 1,
      'Properties.getProperty': 1,
      'Properties.setProperties': 1,
    });
    // the campaign folder by its id, the year's files with one Drive v3 search
    expect(calls['Drive.Files.get']).toBe(1);
    expect(calls['Drive.Files.list']).toBe(1);
    // the department's sheets come with one batchGet; the run was read in this execution: the work sheet is written, not read back
    expect(calls['Range.getValues']).toBeUndefined();
  });

  test('consolidation again (all result sheets present): still at most 3 calls per appendix, none per existing sheet', () => {
    const m = measureMunicipality(3, 'kalar', ['generate', 'validate', 'consolidate'], false);
    const mark = m.sim.ws.calls.length;
    expect(m.sim.runToEnd('consolidate').last.done).toBe(true);
    const calls = m.sim.callsSince(mark);
    // every Spreadsheets.get but the ones for the sheet ids and the «Каталог…» sheets reads a school
    const fixed = totalCalls(calls) - ((calls['Sheets.Spreadsheets.get'] ?? 0) - 2);
    expect(fixed).toBe(32); // 29 before the register of measures (read fresh under the lock: Values.get, getId), 31 before the catalog sheets
    expect(fixed).toBeLessThanOrEqual(3 * m.appendices + 1);
    expect([calls['Spreadsheet.getSheets'], calls['Sheet.getName'], calls['Sheet.getSheetId']]).toEqual([undefined, undefined, undefined]);
  });

  test('generation: at most 25 calls per school, one Drive copy each, whatever the catalog', () => {
    expect(generate.perSchool).toBeLessThanOrEqual(25);
    expect(generate.perSchoolByKind['Drive.Files.copy']).toBe(1);
    // settings and the campaign folder are looked up once per chunk, not per school
    for (const kind of ['PropertiesService.getDocumentProperties', 'Properties.getProperty', 'Drive.Files.get'])
      expect([kind, generate.perSchoolByKind[kind]]).toEqual([kind, undefined]);
    const a = measureMunicipality(3, 'mosalsky', ['generate'], false);
    const b = measureMunicipality(6, 'mosalsky', ['generate'], false);
    expect(stepCost('generate', a, b, model, []).perSchool).toBe(generate.perSchool);
  });

  test('documents: under one service call per school document; per document one create, one batchUpdate, one share request', () => {
    // a group of schools is made with three parallel UrlFetchApp.fetchAll rounds (create, fill, share), each with the
    // script's token; the documents earlier runs made are found by their stamps with one search per chunk, not per school
    expect(documents.perSchool).toBeLessThanOrEqual(0.5);
    expect(Object.keys(documents.perSchoolByKind).sort()).toEqual(['ScriptApp.getOAuthToken', 'UrlFetchApp.fetchAll']);
    const requests = stepCost('documents', { ...small, calls: small.requests }, { ...large, calls: large.requests }, model, []);
    expect(requests.perSchoolByKind).toEqual({ 'Drive.Files.create': 1, 'Docs.Documents.batchUpdate': 1, 'Drive.Permissions.create': 1 });
    // the Docs API renders every document; DocumentApp only puts the report's chart pictures in (the Docs API takes
    // images only from a public URL): one document opened, one picture per chart, not one call per paragraph
    const app = Object.fromEntries(Object.entries(large.calls.documents ?? {}).filter(([k]) => /^(DocumentApp|Document|Body|Paragraph|Table)\./.test(k)));
    const pictures = large.calls.documents?.['EmbeddedChart.getAs'] ?? 0;
    expect(pictures).toBeGreaterThan(large.appendices);
    expect(app).toEqual({ 'DocumentApp.openById': 1, 'Document.getBody': 1, 'Body.insertImage': pictures });
    expect(large.calls.documents?.['Docs.Documents.get']).toBe(1);
  });

  test('documents: an address without a Google account costs a second share request (the silent share refused, then an invitation)', () => {
    const a = measureMunicipality(3, 'kalar', ['generate', 'consolidate', 'documents'], false, { schoolsWithoutGoogleAccount: true });
    const b = measureMunicipality(6, 'kalar', ['generate', 'consolidate', 'documents'], false, { schoolsWithoutGoogleAccount: true });
    const d = stepCost('documents', { ...a, calls: a.requests }, { ...b, calls: b.requests }, model, []);
    expect(d.perSchoolByKind['Drive.Permissions.create']).toBe(2);
    expect(d.perSchool).toBe(4);
  });

  test('the naive per-cell reader reads the same data with ≥ 100× more calls', () => {
    const naive = large.naive;
    if (!naive) throw new Error('no naive read');
    expect(naive.sameData).toBe(true);
    const naiveTotal = totalCalls(naive.calls);
    const batchedTotal = totalCalls(large.calls.consolidate ?? {});
    expect(naiveTotal / batchedTotal).toBeGreaterThanOrEqual(100);
    expect(naiveTotal / LARGE / consolidate.perSchool).toBeGreaterThanOrEqual(100);
  });
});

describe('resumable runs on the simulated clock', () => {
  test(`${LARGE} schools consolidated in several chunks: each school read once, result as in one run and as the core`, () => {
    // 20 s per read makes the 270 s time guard cut the run into chunks of ~13 schools
    const slow: LatencyModel = { ...model, calls: { ...model.calls, 'Sheets.Spreadsheets.get': { ms: 20_000, source: 'test' } } };
    const r = consolidateInChunks(large.sim, slow);
    expect(r.asBuilt.failure).toBeNull();
    expect(r.chunked.chunks).toBeGreaterThanOrEqual(3);
    expect(r.chunked.eachReadOnce).toBe(true);
    expect(r.chunked.reads).toBe(LARGE);
    expect(r.oneShot.chunks).toBe(1);
    expect(r.sameAsOneShot).toBe(true);
    expect(r.sameAsCore).toBe(true);
  });

  test('generation under a daily quota stops with the Russian message and resumes without duplicates', () => {
    const q = quotaGeneration(25, 10, model);
    expect(q.days).toBe(3); // 26 files (template + 25) at 10 a day
    expect(q.pauses).toBe(2);
    expect(q.pauseMessagesOk).toBe(true);
    expect(q.createdOnce).toBe(true);
    expect(q.spreadsheets).toBe(26);
  });

  test('a 100-school cycle: every Sheets, Docs and Drive request body within 2,000,000 bytes; documents under the Docs write quota', () => {
    const c = cycle(100, model);
    expect(c.bytes.largest.bytes).toBeGreaterThan(0);
    expect(c.bytes.largest.bytes).toBeLessThanOrEqual(2_000_000);
    for (const [step, largest] of Object.entries(c.bytes.byStep)) expect([step, largest.bytes <= 2_000_000]).toEqual([step, true]);
    // the Docs and Drive bodies are in the log, not only the Sheets ones (the documents step also writes the public
    // appendix tables, a Sheets body that may be its largest)
    expect(['Docs.Documents.batchUpdate', 'Sheets.Spreadsheets.batchUpdate', 'Sheets.Spreadsheets.Values.batchUpdate']).toContain(
      c.bytes.byStep['documents']?.call,
    );
    expect(c.documents.failure).toBeNull();
    // 100 schools in parallel REST requests, and the report through the Docs advanced service
    expect(c.documents.requests['Docs.Documents.batchUpdate']).toBe(100);
    expect(c.documents.calls['Docs.Documents.batchUpdate']).toBe(1);
    expect(c.documents.createdOnce).toBe(true);
    expect(c.documents.docsWriteQuotaEnforced).toBe(true);
    expect(c.documents.docsWritesMaxPerMinute).toBeLessThanOrEqual(60);
  });

  test("the Sim leaves the fake's Docs API quota on (60 writes a minute per user): the 61st write of a minute is refused", () => {
    expect(docsWriteQuotaProbe(new Sim())).toBe(true);
  });

  test("the bundle's Date reads the fake clock, which each service call advances", () => {
    const sim = new Sim({ latency: model });
    sim.setUp(syntheticSchools(2));
    const before = sim.ws.nowMs();
    expect(sim.runStep('validate').ok).toBe(true);
    const after = sim.ws.nowMs();
    expect(after).toBeGreaterThan(before);
    const job = JSON.parse(sim.ws.documentProperties.get(sim.ws.hostId ?? '')?.get('msoko.job') ?? '{}') as { startedAt?: string };
    const started = Date.parse(job.startedAt ?? '');
    expect(started).toBeGreaterThanOrEqual(before);
    expect(started).toBeLessThanOrEqual(after);
  });
});
