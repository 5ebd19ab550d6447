/** Where a CLI command spends its CPU: self time of a V8 .cpuprofile grouped by package. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const GROUPS: [RegExp, string][] = [
  [/node_modules\/(pako|jszip)\//, 'zip (pako/jszip deflate/inflate)'],
  [/node_modules\/(saxes|sax)\//, 'exceljs XML parsing (saxes)'],
  [/node_modules\/exceljs\//, 'exceljs (workbook model, XML)'],
  [/node_modules\/docx\//, 'docx (document model, XML)'],
  [/build\/cli\.cjs/, 'msoko code (build/cli.cjs)'],
];

function group(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(idle)' || functionName === '(program)') return 'idle / program';
  for (const [re, name] of GROUPS) if (re.test(url)) return name;
  return url.includes('node_modules') ? 'other packages' : 'node internals';
}

/** Share of CPU time by group (largest first), from the first .cpuprofile in dir. */
export function profileShares(dir: string): { group: string; ms: number; share: number }[] {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return [];
  const p = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const byGroup = new Map<string, number>();
  let total = 0;
  for (const node of p.nodes) {
    const us = self.get(node.id) ?? 0;
    if (us === 0) continue;
    total += us;
    const g = group(node);
    byGroup.set(g, (byGroup.get(g) ?? 0) + us);
  }
  return [...byGroup.entries()].map(([g, us]) => ({ group: g, ms: us / 1000, share: total > 0 ? us / total : 0 })).sort((a, b) => b.ms - a.ms);
}
