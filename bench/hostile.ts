/**
 * Hostile files (issue 14): each file of a corpus — zip tricks, absurd references, huge texts, many merges,
 * forbidden characters — is validated alone by the built CLI in a fresh process on the demo campaign; the worst
 * wall time and peak RSS (GNU time) over the corpus are `hostile_max_file_s` (target ≤ 5) and `hostile_max_rss_mb` (≤ 300).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { minimalParts, sheetXml } from '../test/node/hostile/parts';
import { type RawEntry, buildZip } from '../test/node/hostile/zip-build';

export interface HostileResult {
  hostile_max_file_s: number;
  hostile_max_rss_mb: number;
  files: { name: string; s: number; rss_mb: number; code: number | null }[];
}

const entries = (sheet?: string): RawEntry[] => Object.entries(minimalParts(sheet)).map(([name, data]) => ({ name, data }));
const bomb: RawEntry = { name: 'xl/media/image1.png', data: Buffer.alloc(200 * 1024 * 1024), declaredSize: 1000 };

function corpus(): Record<string, Buffer> {
  const long = 'Щ'.repeat(5_000_000);
  const merges = Array.from({ length: 240_000 }, (_, i) => `<mergeCell ref="A${2 * i + 1}:B${2 * i + 1}"/>`).join('');
  return {
    'zip-duplicate-bomb.xlsx': buildZip([...entries(), { ...bomb, name: 'xl/styles.xml' }]),
    'zip64-bomb.xlsx': buildZip([...entries(), bomb], { zip64Locator: true }),
    'row-1e10.xlsx': buildZip(entries(sheetXml('<row r="10000000000"><c r="A10000000000"><v>1</v></c></row>'))),
    'row-1e8.xlsx': buildZip(entries(sheetXml('<row r="100000000"><c r="A100000000"><v>1</v></c></row>'))),
    'text-forbidden.xlsx': buildZip(entries(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>_xFFFE_ \u202E</t></is></c></row>'))),
    'text-huge.xlsx': buildZip(entries(sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${long}</t></is></c></row>`))),
    'merges-240k.xlsx': buildZip(entries(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', `<mergeCells>${merges}</mergeCells>`))),
  };
}

export function runHostile(root: string, log: (s: string) => void): HostileResult {
  const scratch = mkdtempSync(path.join(tmpdir(), 'msoko-bench-hostile-'));
  const cli = path.join(root, 'build', 'cli.cjs');
  try {
    const dir = path.join(scratch, 'demo');
    execFileSync(process.execPath, [cli, 'demo', dir], { stdio: 'ignore' });
    const received = path.join(dir, 'received');
    for (const n of readdirSync(received)) rmSync(path.join(received, n));
    const files: HostileResult['files'] = [];
    for (const [name, bytes] of Object.entries(corpus())) {
      writeFileSync(path.join(received, name), bytes);
      rmSync(path.join(dir, 'out', '.intake-cache.json'), { force: true });
      const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, cli, 'validate', dir, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const [s = 'NaN', kb = 'NaN'] = (r.stderr.trim().split('\n').pop() ?? '').split(' ');
      files.push({ name, s: Number(s), rss_mb: Math.round(Number(kb) / 1024), code: r.status });
      log(`hostile ${name}: ${s} s, ${Math.round(Number(kb) / 1024)} MB, exit ${String(r.status)}`);
      rmSync(path.join(received, name));
    }
    return {
      hostile_max_file_s: Math.max(...files.map((f) => f.s)),
      hostile_max_rss_mb: Math.max(...files.map((f) => f.rss_mb)),
      files,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
