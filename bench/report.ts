/** The bench table (stdout) and bench/results.json. */
import { writeFileSync } from 'node:fs';
import type { AddonResult, StepCost } from './addon';
import type { CoreResult } from './core';
import type { CallCounts, LatencyModel, Projection } from './latency';
import type { ChartsRun } from './charts';
import type { OfflineRun } from './offline';
import { PANEL_TO_CLI_TARGET, type PanelRun } from './panel';
import type { CycleResult, QuotaGeneration, ResumableResult } from './resumable';

/** The whole-cycle figures besides the consolidation runs: the documents step on the simulated clock and the request bodies. */
export type CycleFigures = Omit<CycleResult, 'resumable'>;

/** Our budget for one Sheets, Docs or Drive request body (src/gas/render/request-size.ts MAX_REQUEST_BYTES). */
export const REQUEST_BYTES_BUDGET = 2_000_000;
/** Targets of the documents step. */
export const DOCS_CALLS_PER_DOCUMENT_TARGET = 3;
export const DOCUMENTS_1000_MINUTES_TARGET = 20;

export interface Report {
  model: LatencyModel;
  quick: boolean;
  core: CoreResult | null;
  addon: AddonResult | null;
  resumable: ResumableResult | null;
  cycle: CycleFigures | null;
  quota: QuotaGeneration[] | null;
  offline: OfflineRun[];
  /** The panel's HTTP API against `msoko validate` on the same files (null when the part did not run). */
  panel: PanelRun | null;
  /** Drawing and rasterising the charts of the demo's report.docx (with the offline part). */
  charts: ChartsRun | null;
}

type Row = [string, string, string, string];
const mark = (ok: boolean | null): string => (ok === null ? '' : ok ? '✓' : '✗');
const fmt = (x: number, d = 1): string => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: 0 }) : '—');
const dur = (s: number): string => (s < 120 ? `${fmt(s, 0)} s` : s < 7200 ? `${fmt(s / 60, 1)} min` : `${fmt(s / 3600, 1)} h`);

function table(title: string, rows: Row[]): string {
  const head: Row = ['Metric', 'Value', 'Target', ''];
  const all = [head, ...rows];
  const w = [0, 1, 2].map((i) => Math.max(...all.map((r) => [...r[i]].length)));
  const line = (r: Row): string => `  ${r.map((c, i) => (i < 3 ? c + ' '.repeat((w[i] ?? 0) - [...c].length) : c)).join('  ')}`;
  return [`\n${title}`, line(head), `  ${'-'.repeat((w[0] ?? 0) + (w[1] ?? 0) + (w[2] ?? 0) + 7)}`, ...rows.map(line)].join('\n');
}

const step = (a: AddonResult, s: string): StepCost | undefined => a.steps.find((x) => x.step === s);
/** «1 Drive.Files.list + 1 Docs.Documents.batchUpdate + …» */
const kinds = (c: CallCounts): string =>
  Object.entries(c)
    .map(([k, v]) => `${fmt(v, 2)} ${k}`)
    .join(' + ');
/** Simulated minutes of the documents step when the cycle ran 1,000 schools (null otherwise). */
const documents1000Min = (c: CycleFigures | null): number | null =>
  c && c.documents.n === 1000 && c.documents.failure === null ? Math.round((c.documents.simulatedS / 60) * 10) / 10 : null;
const proj = (p: Projection | undefined): string =>
  p
    ? `${dur(p.wallS)} (${p.chunks} chunk${p.chunks > 1 ? 's' : ''}, bound: ${p.bound}${p.daysConsumer > 1 || p.daysWorkspace > 1 ? `; days ${p.daysConsumer} consumer / ${p.daysWorkspace} Workspace` : ''})`
    : '—';

/** What each target evaluates to (null when the part did not run). */
export function targets(r: Report): Record<string, boolean | null> {
  const a = r.addon;
  const c = a ? step(a, 'consolidate') : undefined;
  const g = a ? step(a, 'generate') : undefined;
  const off = r.offline.find((o) => o.n === 1000);
  const core = r.core?.rows.find((x) => x.n === 1000);
  const byCat = a?.generateByCatalog ?? [];
  const marginal = byCat.length > 1 ? marginalPerAppendix(a as AddonResult) : NaN;
  const docsMin = documents1000Min(r.cycle);
  return {
    consolidate_per_school_le_2: c ? c.perSchool <= 2 : null,
    consolidate_per_appendix_le_3: a ? a.perAppendix <= 3 : null,
    consolidate_marginal_per_appendix_le_3: a ? marginal <= 3 : null,
    naive_ratio_ge_100: a ? a.naive.ratioTotal >= 100 : null,
    generate_per_school_le_25_any_catalog: g ? Math.max(g.perSchool, ...byCat.map((x) => x.perSchool)) <= 25 : null,
    core_consolidate_1000_lt_1s: core ? core.consolidateMs < 1000 : null,
    core_parse_validate_consolidate_1000_lt_1s: core ? core.validateMs + core.consolidateMs < 1000 : null,
    offline_1000_lt_60s: off ? off.totalS < 60 : null,
    offline_1000_lt_1GiB: off ? off.peakRssMb < 1024 : null,
    docs_calls_per_document_le_3: a?.documents ? a.documents.withGoogleAccount.perDocument <= DOCS_CALLS_PER_DOCUMENT_TARGET : null,
    max_request_bytes_le_2000000: r.cycle ? r.cycle.bytes.largest.bytes <= REQUEST_BYTES_BUDGET : null,
    documents_1000_simulated_le_20_min: docsMin === null ? null : docsMin <= DOCUMENTS_1000_MINUTES_TARGET,
    panel_le_1_5x_cli: r.panel ? r.panel.ratio <= PANEL_TO_CLI_TARGET : null,
  };
}

/** Extra fixed calls per extra appendix: Kalar (11 appendices) against the 1-appendix catalogs. */
function marginalPerAppendix(a: AddonResult): number {
  const big = a.generateByCatalog.find((x) => x.catalogId === 'kalar');
  const small = a.generateByCatalog.filter((x) => x.appendices < (big?.appendices ?? 0));
  if (!big || small.length === 0) return NaN;
  const base = Math.min(...small.map((x) => x.consolidateFixed));
  const appendices = Math.min(...small.map((x) => x.appendices));
  return (big.consolidateFixed - base) / (big.appendices - appendices);
}

export function printReport(r: Report): void {
  const t = targets(r);
  const out: string[] = [];
  if (r.core) {
    const rows: Row[] = r.core.rows.map((x) => [
      `core, ${x.n} schools: parse+validate / consolidate`,
      `${fmt(x.validateMs)} / ${fmt(x.consolidateMs)} ms (fastest ${fmt(x.validateMinMs)} / ${fmt(x.consolidateMinMs)})`,
      x.n === 1000 ? 'consolidate < 1,000 ms' : '',
      x.n === 1000 ? mark(t.core_consolidate_1000_lt_1s) : '',
    ]);
    const big = r.core.rows.find((x) => x.n === 1000);
    if (big)
      rows.push([
        'core, 1,000 schools: parse+validate+consolidate',
        `${fmt(big.validateMs + big.consolidateMs)} ms`,
        '< 1,000 ms',
        mark(t.core_parse_validate_consolidate_1000_lt_1s),
      ]);
    rows.push([
      'per-school time at 1,000 ÷ at 100 (fastest runs)',
      `validate ×${fmt(r.core.validateGrowth, 2)}, consolidate ×${fmt(r.core.consolidateGrowth, 2)}`,
      '≤ ×1.5 (linear)',
      r.core.linear ? 'linear' : 'superlinear',
    ]);
    out.push(table('CORE (median of 7–15 runs after a warm-up; grids prepared untimed)', rows));
  }
  const a = r.addon;
  if (a) {
    const rows: Row[] = [];
    for (const s of a.steps)
      rows.push([
        `${s.step}: calls fixed + per school`,
        `${fmt(s.fixed)} + ${fmt(s.perSchool, 2)}·N`,
        s.step === 'consolidate' ? '≤ 2 per school' : s.step === 'generate' ? '≤ 25 per school' : '',
        s.step === 'consolidate' ? mark(t.consolidate_per_school_le_2) : s.step === 'generate' ? mark(t.generate_per_school_le_25_any_catalog) : '',
      ]);
    rows.push([
      `consolidate: fixed calls ÷ ${a.generateByCatalog.find((x) => x.catalogId === 'kalar')?.appendices ?? 11} appendices`,
      fmt(a.perAppendix, 2),
      '≤ 3 per appendix',
      mark(t.consolidate_per_appendix_le_3),
    ]);
    rows.push([
      'consolidate: extra calls per extra appendix',
      fmt(marginalPerAppendix(a), 2),
      '≤ 3 per appendix',
      mark(t.consolidate_marginal_per_appendix_le_3),
    ]);
    for (const x of a.generateByCatalog)
      rows.push([`generate per school, catalog ${x.catalogId} (${x.inputs} inputs)`, fmt(x.perSchool, 2), '≤ 25', mark(x.perSchool <= 25)]);
    if (a.documents) {
      const d = a.documents;
      rows.push([
        'documents: service calls per school document (address with a Google account)',
        `${fmt(d.withGoogleAccount.perDocument, 2)} = ${kinds(d.withGoogleAccount.byKind)}`,
        `≤ ${DOCS_CALLS_PER_DOCUMENT_TARGET}`,
        mark(t.docs_calls_per_document_le_3 ?? null),
      ]);
      rows.push([
        '  REST requests per document in the parallel fetchAll rounds',
        `${fmt(d.withGoogleAccount.requestsPerDocument, 2)} = ${kinds(d.withGoogleAccount.requestsByKind)}`,
        '',
        '',
      ]);
      rows.push([
        'documents: service calls per school document (no Google account: invitation)',
        `${fmt(d.withoutGoogleAccount.perDocument, 2)} = ${kinds(d.withoutGoogleAccount.byKind)}`,
        '',
        '',
      ]);
      rows.push([
        '  REST requests per document (no Google account)',
        `${fmt(d.withoutGoogleAccount.requestsPerDocument, 2)} = ${kinds(d.withoutGoogleAccount.requestsByKind)}`,
        '',
        '',
      ]);
    }
    rows.push([
      `naive per-cell reader: calls per school (${a.naive.cellsPerSchool} cells)`,
      fmt(a.naive.perSchool),
      '',
      a.naive.sameData ? 'same data' : 'DATA DIFFERS',
    ]);
    rows.push([
      `naive ÷ batched consolidation, ${a.sizes[1]} schools (per school)`,
      `×${fmt(a.naive.ratioTotal)} (×${fmt(a.naive.ratioPerSchool)})`,
      '≥ ×100',
      mark(t.naive_ratio_ge_100),
    ]);
    for (const s of a.steps)
      for (const p of s.projections)
        rows.push([`projected ${s.step}, ${fmt(p.n, 0)} schools`, proj(p), s.step === 'consolidate' && p.n === 1000 ? '≥ ~17 min (read quota)' : '', '']);
    out.push(table(`ADD-ON on the FakeWorkspace (call log; ${a.sizes[0]} and ${a.sizes[1]} schools; latency model bench/latency-model.json)`, rows));
  }
  const res = r.resumable;
  if (res) {
    const b = res.asBuilt;
    const rows: Row[] = [
      [`as built: ${res.n} schools, chunks / simulated time`, `${b.chunks} / ${dur(b.simulatedS)}`, 'completes', mark(b.failure === null)],
      ['as built: failure', b.failure ?? '—', '', ''],
      ['as built: each school read once (Spreadsheets.get per file)', String(b.eachReadOnce), 'true', mark(b.eachReadOnce)],
    ];
    if (res.fixesApplied.length > 0) {
      rows.push(['fixes tried on a copy of the bundle', res.fixesApplied.join('; '), '', '']);
      if (res.resumedAfterFailure)
        rows.push([
          'failed step repeated with the fixes: reads / result',
          `${res.resumedAfterFailure.reads} reads, ${res.resumedAfterFailure.accepted} accepted`,
          '0 re-reads',
          mark(res.resumedAfterFailure.reads === 0 && res.resumedAfterFailure.failure === null),
        ]);
    }
    const c = res.chunked;
    rows.push([
      `${res.fixesApplied.length ? 'with fixes: ' : ''}chunks / simulated time`,
      `${c.chunks} / ${dur(c.simulatedS)}`,
      '> 1 chunk',
      mark(c.chunks > 1),
    ]);
    rows.push(['each school read exactly once', String(c.eachReadOnce), 'true', mark(c.eachReadOnce)]);
    rows.push(['slowest chunk, real time in Node (bundle + fake)', `${fmt(c.slowestChunkNodeS)} s`, '≪ 360 s', '']);
    rows.push(['result = one-shot run / = core', `${res.sameAsOneShot} / ${res.sameAsCore}`, 'true / true', mark(res.sameAsOneShot && res.sameAsCore)]);
    rows.push(['«Свод по школам»: extent() overflows from', res.extentOverflowFrom === null ? `> ${res.n}` : `${res.extentOverflowFrom} schools`, '', '']);
    rows.push([
      'links of one appendix row exceed a 50,000-char cell from',
      res.evidenceOverflowFrom === null ? `> ${res.n}` : `${res.evidenceOverflowFrom} schools`,
      '',
      '',
    ]);
    const q = res.quotaRefused;
    if (q) {
      rows.push([
        '60 reads/min enforced (429 as the API)',
        `${q.refusedReads} reads refused → ${q.accepted} accepted, ${res.n - q.accepted - q.rejected} «не получено»; ${q.chunks} chunks, ${dur(q.simulatedS)}, read once: ${q.eachReadOnce}`,
        'all accepted',
        mark(q.accepted === res.n),
      ]);
    }
    const p = res.quotaPaced;
    if (p)
      rows.push([
        '60 reads/min, reads paced (proposed)',
        `${p.chunks} chunks, ${dur(p.simulatedS)}, read once: ${p.eachReadOnce}`,
        '≥ ~17 min',
        mark(p.eachReadOnce && p.accepted === res.n),
      ]);
    out.push(table('RESUMABLE CONSOLIDATION on the simulated clock (runStep per fresh context, Date = fake clock)', rows));
  }
  const cy = r.cycle;
  if (cy) {
    const d = cy.documents;
    const b = cy.bytes;
    const rows: Row[] = [
      [
        `documents, ${d.n} schools: simulated time / chunks`,
        `${fmt(d.simulatedS / 60, 1)} min / ${d.chunks} chunks${d.days > 1 ? ` over ${d.days} days` : ''}${d.failure ? `; FAILED: ${d.failure}` : ''}`,
        d.n === 1000 ? `≤ ${DOCUMENTS_1000_MINUTES_TARGET} min` : '',
        d.n === 1000 ? mark(t.documents_1000_simulated_le_20_min ?? null) : '',
      ],
      [
        '  per document (simulated)',
        `${fmt(d.simulatedS / Math.max(1, d.n), 2)} s; Docs API writes ${d.docsWrites}, at most ${d.docsWritesMaxPerMinute} in a minute, ${d.docsWritesRefused} refused (429)`,
        '≤ 60 writes a minute',
        mark(d.docsWritesMaxPerMinute <= 60 && d.docsWriteQuotaEnforced),
      ],
      ['  Docs write quota on in this workspace (61st write of a minute → 429)', String(d.docsWriteQuotaEnforced), 'true', mark(d.docsWriteQuotaEnforced)],
      ['  documents in Drive (schools + report), each made once', `${d.documents}, ${d.createdOnce}`, `${d.n + 1}, true`, mark(d.createdOnce)],
      ['  Node time: step / slowest chunk', `${fmt(d.nodeS)} s / ${fmt(d.slowestChunkNodeS)} s`, '', ''],
      [
        `largest request body, ${b.n}-school cycle`,
        `${fmt(b.largest.bytes, 0)} bytes (${b.largest.step}: ${b.largest.call})`,
        `≤ ${fmt(REQUEST_BYTES_BUDGET, 0)}`,
        mark(t.max_request_bytes_le_2000000 ?? null),
      ],
    ];
    for (const [name, x] of Object.entries(b.byStep)) if (x.bytes > 0) rows.push([`  largest body in ${name}`, `${fmt(x.bytes, 0)} bytes (${x.call})`, '', '']);
    rows.push(['  the schools typing (not the add-on)', `${fmt(b.fill.bytes, 0)} bytes (${b.fill.call})`, '', '']);
    rows.push(['  consolidation snapshot uploaded as media (not a JSON body)', `${fmt(b.snapshotUploadBytes, 0)} bytes`, '', '']);
    out.push(
      table(
        `WHOLE CYCLE, ${b.n} schools (generate → fill → validate → consolidate → documents; documents on the simulated clock, Docs quota of the fake on)`,
        rows,
      ),
    );
  }
  if (r.quota) {
    const rows: Row[] = r.quota.map((q) => [
      `generate ${q.n} schools, ${fmt(q.perDay, 0)} spreadsheets/day`,
      `${q.days} day(s), ${q.pauses} pause(s), ${q.chunks} chunks, ${q.spreadsheets} files, work ${dur(q.simulatedS)}`,
      `${q.n + 1} files, created once`,
      mark(q.createdOnce && q.pauseMessagesOk),
    ]);
    const msg = r.quota.find((q) => q.pauseMessage)?.pauseMessage;
    if (msg) rows.push(['pause message', msg, 'Russian, clean stop', '']);
    out.push(table('GENERATION UNDER THE DAILY QUOTA (Drive copies count as «spreadsheets created»: assumed)', rows));
  }
  if (r.offline.length > 0) {
    const rows: Row[] = [];
    for (const o of r.offline) {
      for (const c of o.commands) {
        rows.push([
          `${o.n} schools: msoko ${c.command}${o.profiled ? ' (profiled)' : ''}`,
          `${fmt(c.wallS)} s${typeof c.cpuS === 'number' ? ` (CPU ${fmt(c.cpuS)} s)` : ''}, ${fmt(c.peakRssMb, 0)} MB` +
            (c.exitCode !== 0 ? `, exit ${c.exitCode}` : ''),
          '',
          '',
        ]);
        const top = (c.profile ?? []).filter((p) => p.share >= 0.05).map((p) => `${p.group} ${fmt(100 * p.share, 0)}%`);
        if (top.length > 0) rows.push(['    CPU by package', top.join(', '), '', '']);
      }
      rows.push([
        `${o.n} schools: end to end (4 commands)`,
        `${fmt(o.totalS)} s, peak ${fmt(o.peakRssMb, 0)} MB`,
        o.n === 1000 ? '< 60 s, < 1,024 MB' : '',
        o.n === 1000 ? `${mark(t.offline_1000_lt_60s)}${mark(t.offline_1000_lt_1GiB)}` : '',
      ]);
      rows.push([`${o.n} schools: setup (filled files, not counted)`, `${fmt(o.setupS)} s`, '', '']);
    }
    out.push(table(`OFFLINE CLI (child processes of build/cli.cjs; RSS by ${r.offline[0]?.measuredWith ?? ''})`, rows));
  }
  if (r.charts) {
    const c = r.charts;
    out.push(
      table('CHARTS OFFLINE (ECharts SVG → resvg PNG, in this process)', [
        [
          `the demo's report.docx: ${c.charts} charts`,
          `${fmt(c.medianMs, 0)} ms (median of ${c.runs}: ${c.msPerRun.map((ms) => fmt(ms, 0)).join(', ')}), ${fmt(c.pngBytes / 1024, 0)} KB of PNG`,
          '',
          '',
        ],
      ]),
    );
  }
  if (r.panel) {
    const p = r.panel;
    out.push(
      table(`PANEL vs CLI (${p.n} filled files, same run; msoko serve as a child process, no browser)`, [
        [`${p.n} files: msoko validate`, `${fmt(p.cliValidateS)} s`, '', ''],
        [
          `${p.n} files: panel upload → validate → statuses`,
          `${fmt(p.panelValidateS)} s (upload ${fmt(p.uploadS)}, validate ${fmt(p.stepS)}, state ${fmt(p.stateS)}); ${p.statuses} statuses`,
          '',
          '',
        ],
        ['panel / CLI', `${fmt(p.ratio, 2)}×`, `≤ ${PANEL_TO_CLI_TARGET}×`, mark(t.panel_le_1_5x_cli ?? null)],
      ]),
    );
  }
  process.stdout.write(`${out.join('\n')}\n\n`);
}

/** A report rebuilt from a results.json this module wrote (to reprint the table without measuring again). */
export function reportFromResults(json: string, model: LatencyModel): Report {
  const file = JSON.parse(json) as ResultsFile;
  const d = file.detail;
  const addon = d.addon
    ? { ...d.addon, steps: d.addon.steps.map(({ fixed_by_kind, ...s }) => ({ ...s, fit: { fixed: fixed_by_kind, perSchool: s.perSchoolByKind } })) }
    : null;
  return {
    model,
    quick: file.quick,
    core: d.core,
    addon,
    resumable: d.resumable,
    cycle: d.cycle ?? null,
    quota: d.quota,
    offline: d.offline,
    panel: d.panel ?? null,
    charts: d.charts ?? null,
  };
}

interface ResultsFile {
  quick: boolean;
  detail: {
    core: CoreResult | null;
    addon: (Omit<AddonResult, 'steps'> & { steps: (Omit<StepCost, 'fit'> & { fixed_by_kind: Record<string, number> })[] }) | null;
    resumable: ResumableResult | null;
    cycle?: CycleFigures | null;
    quota: QuotaGeneration[] | null;
    offline: OfflineRun[];
    panel?: PanelRun | null;
    charts?: ChartsRun | null;
  };
}

const cpuTotal = (o: OfflineRun): number | null =>
  o.commands.every((c) => typeof c.cpuS === 'number') ? Math.round(10 * o.commands.reduce((sum, c) => sum + (c.cpuS ?? 0), 0)) / 10 : null;

export function writeResults(r: Report, file: string): void {
  const a = r.addon;
  const c = a ? step(a, 'consolidate') : undefined;
  const off = r.offline.find((o) => o.n === 1000);
  const res = r.resumable;
  const results = {
    generated_at: new Date().toISOString(),
    quick: r.quick,
    consolidate_calls_per_school: c?.perSchool ?? null,
    consolidate_calls_fixed: c?.fixed ?? null,
    consolidate_calls_per_appendix: a?.perAppendix ?? null,
    naive_to_batched_call_ratio: a?.naive.ratioTotal ?? null,
    naive_to_batched_call_ratio_per_school: a?.naive.ratioPerSchool ?? null,
    generate_calls_per_school: a ? (step(a, 'generate')?.perSchool ?? null) : null,
    resumable_1000_each_school_read_once: res ? res.asBuilt.eachReadOnce && res.chunked.eachReadOnce : null,
    resumable_1000_completes_as_built: res ? res.asBuilt.failure === null : null,
    core_consolidate_1000_ms: r.core?.rows.find((x) => x.n === 1000)?.consolidateMs ?? null,
    core_validate_1000_ms: r.core?.rows.find((x) => x.n === 1000)?.validateMs ?? null,
    offline_1000_total_s: off?.totalS ?? null,
    offline_1000_peak_rss_mb: off?.peakRssMb ?? null,
    /** User + system CPU of the four commands (all threads): what the run costs whatever else the machine does. */
    offline_1000_cpu_s: off ? cpuTotal(off) : null,
    /** Median milliseconds to draw and rasterise every chart of the demo's report.docx. */
    charts_ms_per_report: r.charts ? Math.round(r.charts.medianMs) : null,
    charts_per_report: r.charts?.charts ?? null,
    /** Every service call of the documents step per school document (school address with a Google account). */
    docs_calls_per_document: a?.documents?.withGoogleAccount.perDocument ?? null,
    docs_requests_per_document: a?.documents?.withGoogleAccount.requestsPerDocument ?? null,
    docs_calls_per_document_without_google_account: a?.documents?.withoutGoogleAccount.perDocument ?? null,
    /** The largest Sheets, Docs or Drive request body (UTF-8 JSON bytes) the add-on sent over the whole cycle. */
    max_request_bytes: r.cycle?.bytes.largest.bytes ?? null,
    max_request_bytes_cycle_schools: r.cycle?.bytes.n ?? null,
    documents_1000_simulated_min: documents1000Min(r.cycle),
    /** Upload of 1,000 filled files through the panel's HTTP API to the statuses it returns, and msoko validate on them. */
    panel_validate_1000_files_s: r.panel?.n === 1000 ? r.panel.panelValidateS : null,
    cli_validate_1000_files_s: r.panel?.n === 1000 ? r.panel.cliValidateS : null,
    targets: targets(r),
    detail: {
      core: r.core,
      addon: a ? { ...a, steps: a.steps.map(({ fit, ...s }) => ({ ...s, fixed_by_kind: fit.fixed })) } : null,
      resumable: res,
      cycle: r.cycle,
      quota: r.quota,
      offline: r.offline,
      panel: r.panel,
      charts: r.charts,
    },
  };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
