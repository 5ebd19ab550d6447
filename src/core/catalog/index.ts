import { expandCatalog } from './expand';
import { kalarCatalog } from './kalar';
import { mosalskyCatalog } from './mosalsky';
import { tomarinskyCatalog } from './tomarinsky';
import type { CatalogSource } from './schema';
import type { Catalog } from './types';

/** Catalogs shipped with the tool. Kalar Appendices 1–11 is the default; the others are optional sets. */
export const CATALOG_SOURCES: Record<string, CatalogSource> = {
  kalar: kalarCatalog,
  tomarinsky: tomarinskyCatalog,
  mosalsky: mosalskyCatalog,
};

export const DEFAULT_CATALOG_ID = 'kalar';

/** The expanded catalog by id; a department's own catalog (JSON) goes through `expandCatalog` the same way. */
export function getCatalog(id: string): Catalog {
  const source = CATALOG_SOURCES[id];
  if (!source) throw new Error(`Каталог «${id}» не найден. Доступны: ${Object.keys(CATALOG_SOURCES).join(', ')}`);
  return expandCatalog(source);
}

export { expandCatalog };
export type { Catalog };
