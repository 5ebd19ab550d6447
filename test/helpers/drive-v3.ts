/** Helpers of the Drive advanced service (v3) tests: the fake's `Drive` global seen through the real typings. */
import { FakeWorkspace, type FakeGlobals, type WorkspaceOptions } from '../fakes';

/** The `Drive` global typed as production code sees it (apis/drive_v3.d.ts), so tests use the real call shapes. */
export function driveOf(g: FakeGlobals): GoogleAppsScript.Drive {
  if (!g.Drive) throw new Error('Drive advanced service missing');
  return g.Drive as unknown as GoogleAppsScript.Drive;
}

/** A workspace with the host spreadsheet and one execution's globals. */
export function setup(opts: WorkspaceOptions = {}): { ws: FakeWorkspace; g: FakeGlobals; Drive: GoogleAppsScript.Drive } {
  const ws = new FakeWorkspace(opts);
  ws.createHostSpreadsheet();
  const g = ws.installGlobals();
  return { ws, g, Drive: driveOf(g) };
}

export function blob(g: FakeGlobals, data: string, type: string, name: string): GoogleAppsScript.Base.Blob {
  return g.Utilities.newBlob(data, type, name) as unknown as GoogleAppsScript.Base.Blob;
}

export type ApiFailure = Error & { details?: { code: number; message: string; errors: Array<{ reason: string; location?: string }> } };

/** The error a call throws (fails the test if it does not throw). */
export function thrown(fn: () => unknown): ApiFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof Error) return e;
  }
  throw new Error('did not throw an Error');
}

/**
 * «No upload» in the mediaData slot: the typings make mediaData a Blob, so a call that needs optionalArgs without
 * content (files.create with fields, files.update with addParents) passes null, as Apps Script code does.
 */
export const NO_MEDIA = null as unknown as GoogleAppsScript.Base.Blob;
