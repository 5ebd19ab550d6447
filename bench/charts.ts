/**
 * charts_ms_per_report: the milliseconds to draw (ECharts' SVG) and rasterise (resvg, PNG) every chart of the
 * municipal report offline, as the .docx writer does for report.docx — the median of several runs on the demo
 * campaign (`msoko demo` through the built CLI, untimed), after one run that warms up.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { draftDocuments } from '../src/app/documents';
import type { Chart } from '../src/core/chart/model';
import { loadCampaign } from '../src/node/campaign/load';
import { FolderCampaignStore } from '../src/node/campaign/store';
import { SCALE, chartPng } from '../src/node/chart/render';
import { ROOT } from './latency';

export interface ChartsRun {
  /** Charts in the demo's report.docx. */
  charts: number;
  runs: number;
  /** Every run's milliseconds, in order. */
  msPerRun: number[];
  medianMs: number;
  /** The PNGs' bytes in one run. */
  pngBytes: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

export async function chartsRun(runs: number, log: (s: string) => void): Promise<ChartsRun> {
  const work = mkdtempSync(path.join(tmpdir(), 'msoko-bench-charts-'));
  try {
    const dir = path.join(work, 'demo');
    log('charts: msoko demo (untimed)…');
    const demo = spawnSync(process.execPath, [path.join(ROOT, 'build', 'cli.cjs'), 'demo', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (demo.status !== 0) throw new Error(`msoko demo failed: ${demo.stderr}`);
    const folder = await loadCampaign(dir);
    const report = draftDocuments(folder, new FolderCampaignStore(folder, null)).report();
    const charts = report.blocks.flatMap((b): Chart[] => (b.type === 'chart' ? [b.chart] : []));
    let pngBytes = 0;
    const draw = (): number => {
      const started = performance.now();
      pngBytes = charts.reduce((sum, chart) => sum + chartPng(chart, SCALE).png.length, 0);
      return performance.now() - started;
    };
    draw();
    const msPerRun = Array.from({ length: runs }, draw);
    const medianMs = median(msPerRun);
    log(`charts: ${charts.length} charts of the demo's report.docx drawn and rasterised in ${Math.round(medianMs)} ms (median of ${runs})`);
    return { charts: charts.length, runs, msPerRun, medianMs, pngBytes };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
