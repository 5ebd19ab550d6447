/**
 * What breaks the add-on's consolidation at scale, and the proposed changes tried on a COPY of the built
 * bundle (build/Code.fixed.js) so the bench can show they suffice. src/** is not touched here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../src/core/catalog/types';
import type { ConsolidationExport } from '../src/core/export/contract';
import { schoolsSheet } from '../src/core/layout/department-sheets';
import type { SchoolOutcome } from '../src/core/submission/collect';
import { extent } from '../src/gas/render/sheet-renderer';
import { ROOT } from './latency';
import { CODE_JS } from './sim';

/** Google Sheets: at most 50,000 characters in one cell. */
export const SHEETS_CELL_CHARS = 50_000;

interface Fix {
  name: string;
  find: RegExp;
  replace: string;
}

const FIXES: Fix[] = [
  {
    name: 'extent() with loops, no Math.max(...spread) (sheet-renderer.ts)',
    find: /function extent\(spec\) \{\n\s*const rows = Math\.max\(1, \.\.\.[\s\S]*?return \{ rows, cols \};\n\s*\}/,
    replace: `function extent(spec) {
    let rows = 1;
    let cols = spec.widths.length;
    for (const c of spec.cells) { if (c.row > rows) rows = c.row; if (c.col > cols) cols = c.col; }
    for (const i of spec.inputs) { if (i.row > rows) rows = i.row; if (i.col > cols) cols = i.col; }
    for (const m of spec.merges) { rows = Math.max(rows, m.row + m.rows - 1); cols = Math.max(cols, m.col + m.cols - 1); }
    return { rows, cols };
  }`,
  },
  {
    name: 'evidence cell cut to < 50,000 chars (appendix-table.ts)',
    find: /put\(row, evidenceCol, r\.evidence\.map\(\(e\) => e\.url\)\.join\("\\n"\) \|\| "нет ссылок", "link"\);/,
    replace: `put(row, evidenceCol, ((urls) => { let out = ""; let i = 0; for (; i < urls.length; i++) { const next = out ? out + "\\n" + urls[i] : urls[i]; if (next.length > 49000) break; out = next; } return i < urls.length ? out + "\\n… ещё " + (urls.length - i) + " ссылок" : out; })(r.evidence.map((e) => e.url)) || "нет ссылок", "link");`,
  },
];

/** A copy of dist/Code.js with every fix whose target code is still there; which were applied. */
export function bundleWithFixes(): { path: string; applied: string[] } {
  let code = readFileSync(CODE_JS, 'utf8');
  const applied: string[] = [];
  for (const fix of FIXES) {
    if (!fix.find.test(code)) continue;
    code = code.replace(fix.find, () => fix.replace);
    applied.push(fix.name);
  }
  const out = path.join(ROOT, 'build', 'Code.fixed.js');
  writeFileSync(out, code);
  return { path: out, applied };
}

/** Binary search: the fewest accepted schools whose «Свод по школам» makes extent() overflow the stack. */
export function extentOverflowFrom(catalog: Catalog, accepted: SchoolOutcome[]): number | null {
  const fails = (k: number): boolean => {
    try {
      extent(schoolsSheet(catalog, accepted.slice(0, k)));
      return false;
    } catch (e) {
      if (e instanceof RangeError) return true;
      throw e;
    }
  };
  if (!fails(accepted.length)) return null;
  let ok = 0;
  let bad = accepted.length;
  while (bad - ok > 1) {
    const mid = Math.floor((ok + bad) / 2);
    if (fails(mid)) bad = mid;
    else ok = mid;
  }
  return bad;
}

/** The fewest schools (in registry order) whose links make one appendix evidence cell longer than a Sheets cell. */
export function evidenceOverflowFrom(result: ConsolidationExport): number | null {
  const index = new Map(result.schools.map((s, i) => [s.id, i + 1]));
  let first: number | null = null;
  for (const app of result.appendices) {
    for (const row of app.rows) {
      let length = 0;
      for (const e of row.evidence) {
        length += (length > 0 ? 1 : 0) + e.url.length;
        if (length > SHEETS_CELL_CHARS) {
          const at = index.get(e.schoolId) ?? null;
          if (at !== null && (first === null || at < first)) first = at;
          break;
        }
      }
    }
  }
  return first;
}
