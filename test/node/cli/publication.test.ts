/**
 * The publishable package offline: out/public/ holds the report and the appendix tables with municipal aggregates
 * only — no school's name, short name or code in any part of any file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { DEMO_SCHOOLS } from '../../../src/core/demo/municipality';
import { msoko, tempDir } from './helpers';

const base = tempDir('publication');

const xmlUnescape = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

test('out/public/ names no school', async () => {
  const dir = path.join(base, 'demo');
  const run = msoko(['demo', dir]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Для публикации');
  const pub = path.join(dir, 'out', 'public');
  expect(readdirSync(pub).sort()).toEqual(['appendices.xlsx', 'report.docx']);
  const texts: string[] = [];
  for (const name of readdirSync(pub)) {
    const zip = await JSZip.loadAsync(readFileSync(path.join(pub, name)));
    for (const entry of Object.values(zip.files)) if (!entry.dir) texts.push(xmlUnescape(await entry.async('string')));
  }
  const all = texts.join('\n');
  expect(all).toContain('Приложение 1');
  for (const s of DEMO_SCHOOLS) for (const needle of [s.name, s.shortName, s.id]) expect([needle, all.includes(needle)]).toEqual([needle, false]);
}, 120_000);
