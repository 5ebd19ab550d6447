import { UserFacingError } from '../../app/errors';
import type { CatalogSource } from '../../core/catalog/schema';
import { catalogWorkbookSpec } from '../../core/catalog/workbook/layout';
import { parseCatalogWorkbook } from '../../core/catalog/workbook/parse';
import { type CatalogProblem, formatCatalogProblem } from '../../core/catalog/workbook/read-table';
import { readWorkbookFile } from '../xlsx/read/read-workbook';
import { writeWorkbookFile } from '../xlsx/write/render';

/** More than this many problems are summarised: a wrong file (not a catalog at all) would otherwise print thousands. */
const MAX_LISTED = 200;

/** Writes the catalog workbook («Каталог показателей») of a catalog source. */
export async function writeCatalogWorkbook(source: CatalogSource, path: string): Promise<void> {
  await writeWorkbookFile(catalogWorkbookSpec(source), path, { password: null, definedNames: false });
}

/**
 * Reads a catalog workbook through the hardened reader (zip guard, sheet limits), values only. Every problem of the
 * file comes in one Russian error that names sheet, row and column.
 */
export async function readCatalogWorkbook(path: string): Promise<CatalogSource> {
  const result = await catalogWorkbookFile(path);
  if ('source' in result) return result.source;
  throw new UserFacingError(catalogProblemsText(path, result.problems));
}

export async function catalogWorkbookFile(path: string): Promise<{ source: CatalogSource } | { problems: CatalogProblem[] }> {
  const grid = await readWorkbookFile(path);
  if ('unreadable' in grid) return { problems: [{ sheet: '—', row: null, col: null, header: null, text: grid.unreadable }] };
  return parseCatalogWorkbook(grid);
}

export function catalogProblemsText(path: string, problems: CatalogProblem[]): string {
  const lines = problems.slice(0, MAX_LISTED).map((p) => (p.sheet === '—' ? p.text : formatCatalogProblem(p)));
  if (problems.length > MAX_LISTED) lines.push(`… и ещё ${problems.length - MAX_LISTED}`);
  return `каталог «${path}» не прочитан — исправьте (${problems.length}):\n  ${lines.join('\n  ')}`;
}
