/**
 * Many .docx files at once: the documents are drafted here, in order, and their bytes (charts drawn and rasterised,
 * XML written, zipped) are made by worker threads, one per core; the files are written here in the same order, so
 * the output, the progress and the first error are those of writing them one by one.
 *
 * The worker is its own bundle, build/docx-worker.cjs beside build/cli.cjs (build.mjs). Where it is absent
 * (TypeScript sources under ts-jest) or a worker dies, the documents are made in this thread instead.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentModel } from '../../core/document/model';
import { writeFileAtomic } from '../campaign/files';
import { docxBytes } from './render';

export interface DocxJob {
  model: DocumentModel;
  path: string;
}

/** What the pool sends a worker and what it answers (src/node/docx/worker.ts). */
export interface DocxRequest {
  index: number;
  model: DocumentModel;
  /** Date.getTime() of the run: every document of a run is dated alike. */
  now: number;
}
export type DocxAnswer = { index: number; bytes: Uint8Array } | { index: number; error: { message: string; stack: string | undefined } };

export const WORKER_FILE = 'docx-worker.cjs';
/** Each worker holds its own ECharts, resvg and zip (≈ 85 MB): four keep 1,000 schools' run under 1 GiB. */
export const MAX_WORKERS = 4;

/** The bundled worker beside this bundle (build/), or null when running from the TypeScript sources. */
export function bundledWorker(dir: string = __dirname): string | null {
  const path = join(dir, WORKER_FILE);
  return existsSync(path) ? path : null;
}

export interface PoolOptions {
  /** Dates the documents (docProps and zip entries). */
  now?: Date;
  /** Worker threads; 0 makes the documents in this thread. Default: one per core up to MAX_WORKERS, never more than documents. */
  workers?: number;
  /** The worker script; default bundledWorker(). */
  script?: string | null;
}

type Outcome = { bytes: Uint8Array } | { error: unknown };

const errorOf = (answer: { message: string; stack: string | undefined }): Error => {
  const error = new Error(answer.message);
  if (answer.stack) error.stack = answer.stack;
  return error;
};

/** Documents 0…count−1 in order: job(i) drafts one, written(i) follows its file being written. */
export async function writeDocxFiles(count: number, job: (i: number) => DocxJob, written: (i: number) => void, options: PoolOptions = {}): Promise<void> {
  const now = options.now ?? new Date();
  const script = options.script === undefined ? bundledWorker() : options.script;
  const size = Math.min(options.workers ?? Math.min(availableParallelism(), MAX_WORKERS), count);
  if (script === null || size < 2) {
    for (let i = 0; i < count; i++) {
      const { model, path } = job(i);
      writeFileAtomic(path, await docxBytes(model, now));
      written(i);
    }
    return;
  }
  await pooled(count, job, written, now, script, size);
}

function pooled(count: number, job: (i: number) => DocxJob, written: (i: number) => void, now: Date, script: string, size: number): Promise<void> {
  // documents drafted ahead of the one written next: enough to keep every worker busy, few enough to hold in memory
  const ahead = size * 4;
  const paths: string[] = [];
  const done = new Map<number, Outcome>();
  const idle: Worker[] = [];
  const busy = new Map<Worker, { index: number; model: DocumentModel }>();
  const workers: Worker[] = [];
  /** Documents being made in this thread (after workers died). */
  let here = 0;
  let next = 0;
  let writtenUpTo = 0;
  let finished = false;

  return new Promise<void>((resolve, reject) => {
    const finish = (error?: unknown): void => {
      if (finished) return;
      finished = true;
      void Promise.all(workers.map((w) => w.terminate())).finally(() => (error === undefined ? resolve() : reject(error)));
    };

    /** In this thread, one at a time, when no worker is left. */
    const makeHere = (index: number, model: DocumentModel): void => {
      here += 1;
      docxBytes(model, now).then(
        (bytes) => settle(index, { bytes }),
        (error: unknown) => settle(index, { error }),
      );
    };

    const settle = (index: number, outcome: Outcome): void => {
      here -= 1;
      done.set(index, outcome);
      pump();
    };

    const pump = (): void => {
      if (finished) return;
      for (let outcome = done.get(writtenUpTo); outcome !== undefined; outcome = done.get(writtenUpTo)) {
        done.delete(writtenUpTo);
        if ('error' in outcome) {
          finish(outcome.error);
          return;
        }
        try {
          writeFileAtomic(paths[writtenUpTo] as string, outcome.bytes);
          written(writtenUpTo);
        } catch (error) {
          finish(error);
          return;
        }
        writtenUpTo += 1;
      }
      if (writtenUpTo === count) {
        finish();
        return;
      }
      while (next < count && next - writtenUpTo < ahead && (idle.length > 0 || (workers.length === 0 && here === 0))) {
        const index = next++;
        let model: DocumentModel;
        try {
          const drafted = job(index);
          paths[index] = drafted.path;
          model = drafted.model;
        } catch (error) {
          done.set(index, { error });
          continue;
        }
        const worker = idle.pop();
        if (worker === undefined) {
          makeHere(index, model);
          return;
        }
        busy.set(worker, { index, model });
        worker.postMessage({ index, model, now: now.getTime() } satisfies DocxRequest);
      }
      // a draft that failed before any worker got it is written out (or reported) in its turn
      if (done.has(writtenUpTo)) pump();
    };

    /** A worker that died: its document is made here instead, and it takes no more. */
    const lost = (worker: Worker): void => {
      const index = workers.indexOf(worker);
      if (index < 0) return;
      workers.splice(index, 1);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      const held = busy.get(worker);
      busy.delete(worker);
      if (held) makeHere(held.index, held.model);
      else pump();
    };

    for (let i = 0; i < size; i++) {
      const worker = new Worker(script);
      workers.push(worker);
      idle.push(worker);
      worker.on('message', (answer: DocxAnswer) => {
        busy.delete(worker);
        idle.push(worker);
        done.set(answer.index, 'bytes' in answer ? { bytes: answer.bytes } : { error: errorOf(answer.error) });
        pump();
      });
      worker.on('error', () => lost(worker));
      worker.on('exit', () => {
        if (!finished) lost(worker);
      });
    }
    pump();
  });
}
