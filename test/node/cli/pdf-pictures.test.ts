/**
 * The pictures survive a real office suite: LibreOffice turns the demo's report.docx and appendices.xlsx into PDF,
 * pdftoppm rasterises every page, and the charts' own dark blue (#1F4E79, the bars of this year) is looked for on the
 * pages — not the files in word/media, but what a reader sees printed. A school's recommendations carry their chart as a
 * native chart part (word/charts) that LibreOffice draws itself.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { CALC, POPPLER, WRITER, msoko, tempDir, withTools } from './helpers';

const BAR = [0x1f, 0x4e, 0x79];
const NEAR = 24;

function toPdf(file: string, outDir: string): string {
  const profile = path.join(tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], {
      timeout: 240_000,
      stdio: 'pipe',
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
}

/** Per page, the share of pixels in the chart bars' colour (a binary PPM is a short header and then RGB bytes). */
function barShareByPage(pdf: string, outDir: string): number[] {
  const prefix = path.join(outDir, path.basename(pdf, '.pdf'));
  execFileSync('pdftoppm', ['-r', '36', pdf, prefix], { timeout: 240_000, stdio: 'pipe' });
  const pages = readdirSync(outDir)
    .filter((f) => f.startsWith(path.basename(prefix)) && f.endsWith('.ppm'))
    .sort();
  return pages.map((page) => {
    const buf = readFileSync(path.join(outDir, page));
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 40).toString('latin1'));
    if (!header) throw new Error(`${page}: не PPM`);
    const [width, height] = [Number(header[1]), Number(header[2])];
    let hits = 0;
    for (let i = header[0].length; i + 2 < buf.length; i += 3) {
      if (BAR.every((c, k) => Math.abs((buf[i + k] as number) - c) <= NEAR)) hits += 1;
    }
    return hits / (width * height);
  });
}

withTools([WRITER, CALC, POPPLER], 'pictures in LibreOffice: report.docx and appendices.xlsx printed to PDF', () => {
  const dir = path.join(tempDir('pdf'), 'demo');
  const pdfDir = path.join(dir, 'pdf');

  beforeAll(() => {
    const r = msoko(['demo', dir], 240_000);
    expect([r.code, r.stderr]).toEqual([0, '']);
    mkdirSync(pdfDir, { recursive: true });
  }, 300_000);

  test('report.docx: every chart is drawn on the printed pages', async () => {
    const report = path.join(dir, 'out', 'report.docx');
    const zip = await JSZip.loadAsync(readFileSync(report));
    const pictures = Object.keys(zip.files).filter((n) => n.startsWith('word/media/')).length;
    // a chart for every appendix, the overview and the dynamics
    expect(pictures).toBeGreaterThanOrEqual(13);
    const shares = barShareByPage(toPdf(report, pdfDir), pdfDir);
    const withCharts = shares.filter((s) => s > 0.002).length;
    // an A4 page holds at most three of the charts
    expect(withCharts).toBeGreaterThanOrEqual(Math.ceil(pictures / 3));
    expect(shares.length).toBeGreaterThan(withCharts);
  }, 300_000);

  test('a school’s recommendations: LibreOffice draws the native chart part (word/charts), the school’s bars in their dark blue', async () => {
    const folder = path.join(dir, 'out', 'recommendations');
    let chosen = '';
    for (const name of readdirSync(folder)
      .filter((f) => f.endsWith('.docx'))
      .sort()) {
      const zip = await JSZip.loadAsync(readFileSync(path.join(folder, name)));
      expect(Object.keys(zip.files).filter((n) => n.startsWith('word/media/'))).toEqual([]);
      // a school with an indicator at its target: its bar is solid dark blue (one below target is hatched)
      if (!chosen && (await zip.file('word/charts/chart1.xml')?.async('string'))?.includes(' √</c:v>')) chosen = path.join(folder, name);
    }
    expect(chosen).not.toBe('');
    const shares = barShareByPage(toPdf(chosen, pdfDir), pdfDir);
    // more than the legend's swatch: at least one bar across the page
    expect(Math.max(...shares)).toBeGreaterThan(0.0005);
  }, 300_000);

  test('appendices.xlsx: the printed appendix sheets and «Диаграммы» carry the charts', () => {
    const shares = barShareByPage(toPdf(path.join(dir, 'out', 'appendices.xlsx'), pdfDir), pdfDir);
    expect(shares.filter((s) => s > 0.002).length).toBeGreaterThanOrEqual(11);
  }, 300_000);
});
