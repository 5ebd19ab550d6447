/**
 * A worker thread of ./pool: makes the bytes of the documents it is sent, one at a time, and hands them back
 * (transferred, not copied). Bundled by build.mjs as build/docx-worker.cjs.
 */
import { parentPort } from 'node:worker_threads';
import type { DocxAnswer, DocxRequest } from './pool';
import { docxBytes } from './render';

const port = parentPort;
if (port === null) throw new Error('docx-worker: not started as a worker thread');

port.on('message', (request: DocxRequest) => {
  docxBytes(request.model, new Date(request.now)).then(
    (bytes) => port.postMessage({ index: request.index, bytes } satisfies DocxAnswer, [bytes.buffer as ArrayBuffer]),
    (error: unknown) =>
      port.postMessage({
        index: request.index,
        error: error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error), stack: undefined },
      } satisfies DocxAnswer),
  );
});
