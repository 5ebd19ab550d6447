/**
 * The .docx worker pool (src/node/docx/pool.ts) against writing the documents one by one: the same bytes in the
 * same files, the same progress in the same order, the same first error with the documents before it written,
 * and the documents still made (in this thread) when the worker script is absent or its workers die. The worker
 * is the bundle build/docx-worker.cjs that jest's global setup builds.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Chart } from '../../../src/core/chart/model';
import type { DocumentModel } from '../../../src/core/document/model';
import { type PoolOptions, bundledWorker, writeDocxFiles } from '../../../src/node/docx/pool';
import { docxBytes } from '../../../src/node/docx/render';
import { ROOT, tempDir } from '../cli/helpers';

const WORKER = path.join(ROOT, 'build', 'docx-worker.cjs');
const NOW = new Date('2026-05-01T09:30:00Z');
const root = tempDir('pool');

function chart(n: number): Chart {
  const values = [10 + n, 55.5, 90 - n];
  return {
    id: `school-${n}`,
    kind: 'groupedBar',
    title: `Значения ОО № ${n}, муниципальные и плановые значения, %`,
    unit: '%',
    max: 100,
    categories: ['Доля обучающихся', 'Доля педагогов', 'Охват «Движения первых»'].map((label, i) => ({
      label,
      name: label,
      key: `K${i}`,
      target: i === 2 ? null : { value: 60, op: '>=' as const },
      standing: i === 2 ? ('none' as const) : (values[i] ?? 0) >= 60 ? ('achieved' as const) : ('notAchieved' as const),
      direction: 'none' as const,
    })),
    series: [
      { name: 'значение ОО', role: 'school', values },
      { name: 'муниципальное значение', role: 'municipal', values: [50, 60, null] },
    ],
    notes: [],
    audience: 'school',
    alt: `Диаграмма школы ${n}`,
  };
}

const model = (n: number): DocumentModel => ({
  title: `Адресные рекомендации — ОО ${n}`,
  subtitle: 'Мониторинг 2026',
  audience: 'school',
  blocks: [
    { type: 'heading', level: 2, text: `Школа ${n}` },
    { type: 'paragraph', text: `Абзац ${n}: значения школы и муниципалитета.` },
    { type: 'chart', chart: chart(n) },
    { type: 'bullets', items: ['первый', 'второй'] },
  ],
});

/** A chart the renderer cannot draw: docxBytes throws wherever it runs. */
const broken = (n: number): DocumentModel => {
  const m = model(n);
  const c = { ...chart(n), categories: null } as unknown as Chart;
  return { ...m, blocks: [{ type: 'chart', chart: c }] };
};

interface Run {
  files: Map<string, Buffer>;
  written: number[];
  error: string | null;
}

async function run(dir: string, models: (DocumentModel | Error)[], options: PoolOptions): Promise<Run> {
  mkdirSync(dir, { recursive: true });
  const written: number[] = [];
  let error: string | null = null;
  try {
    await writeDocxFiles(
      models.length,
      (i) => {
        const m = models[i] as DocumentModel | Error;
        if (m instanceof Error) throw m;
        return { model: m, path: path.join(dir, `${String(i).padStart(2, '0')}.docx`) };
      },
      (i) => written.push(i),
      { now: NOW, ...options },
    );
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const files = new Map(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f))]));
  return { files, written, error };
}

const MODELS = Array.from({ length: 7 }, (_, i) => model(i + 1));

beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: jest's global setup runs build.mjs`);
});

test('the worker is found beside the bundle and not beside the TypeScript sources', () => {
  expect(bundledWorker(path.dirname(WORKER))).toBe(WORKER);
  expect(bundledWorker(path.join(ROOT, 'src', 'node', 'docx'))).toBeNull();
  expect(bundledWorker()).toBeNull(); // under ts-jest: this module's own folder
});

test('worker threads write the same documents, byte for byte, in the same order as one by one', async () => {
  const one = await run(path.join(root, 'one'), MODELS, { workers: 0 });
  const pooled = await run(path.join(root, 'pooled'), MODELS, { workers: 3, script: WORKER });
  const noScript = await run(path.join(root, 'no-script'), MODELS, { workers: 3, script: null });
  expect(one.error).toBeNull();
  expect(one.written).toEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(pooled.written).toEqual(one.written);
  expect(noScript.written).toEqual(one.written);
  expect([...pooled.files.keys()]).toEqual([...one.files.keys()]);
  for (const [name, bytes] of one.files) {
    expect(pooled.files.get(name)?.equals(bytes)).toBe(true);
    expect(noScript.files.get(name)?.equals(bytes)).toBe(true);
  }
  expect(Buffer.from(await docxBytes(MODELS[0] as DocumentModel, NOW)).equals(one.files.get('00.docx') as Buffer)).toBe(true);
  // the school's chart is a native chart part (src/node/docx/chart-part.ts), not a picture
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(one.files.get('00.docx') as Buffer);
  expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/') || f.startsWith('word/charts/'))).toEqual(['word/charts/chart1.xml']);
  expect(await zip.file('word/charts/chart1.xml')?.async('string')).toContain('<c:v>Доля обучающихся ×</c:v>');
});

test('a document that cannot be made stops the run at it, as one by one: those before it are written, the error is the same', async () => {
  const models = [...MODELS.slice(0, 3), broken(4), ...MODELS.slice(3)];
  const one = await run(path.join(root, 'fail-one'), models, { workers: 0 });
  const pooled = await run(path.join(root, 'fail-pooled'), models, { workers: 2, script: WORKER });
  expect(one.error).not.toBeNull();
  expect(pooled.error).toBe(one.error);
  expect(one.written).toEqual([0, 1, 2]);
  expect(pooled.written).toEqual([0, 1, 2]);
  expect([...pooled.files.keys()]).toEqual(['00.docx', '01.docx', '02.docx']);
  for (const [name, bytes] of one.files) expect(pooled.files.get(name)?.equals(bytes)).toBe(true);
});

test('a draft that throws is reported in its turn, after the documents before it', async () => {
  const models: (DocumentModel | Error)[] = [...MODELS.slice(0, 2), new Error('нет данных школы'), ...MODELS.slice(2)];
  const one = await run(path.join(root, 'draft-one'), models, { workers: 0 });
  const pooled = await run(path.join(root, 'draft-pooled'), models, { workers: 2, script: WORKER });
  expect(one).toEqual({ files: expect.any(Map), written: [0, 1], error: 'нет данных школы' });
  expect(pooled.written).toEqual([0, 1]);
  expect(pooled.error).toBe('нет данных школы');
  expect([...pooled.files.keys()]).toEqual(['00.docx', '01.docx']);
});

test('workers that die are replaced by this thread: every document is still written, the same', async () => {
  const dying = path.join(root, 'dying-worker.cjs');
  writeFileSync(dying, "throw new Error('the worker cannot start');\n");
  const one = await run(path.join(root, 'dead-one'), MODELS, { workers: 0 });
  const dead = await run(path.join(root, 'dead-pooled'), MODELS, { workers: 2, script: dying });
  expect(dead.error).toBeNull();
  expect(dead.written).toEqual(one.written);
  for (const [name, bytes] of one.files) expect(dead.files.get(name)?.equals(bytes)).toBe(true);
});
