import type { Campaign, School } from '../campaign/schema';
import type { Catalog } from '../catalog/types';
import { schoolWorkbookLayout } from './school-workbook';
import type { SheetSpec, WorkbookSpec } from './types';

/**
 * Every school's workbook is the same layout with a few texts that name the school. Both adapters build
 * it once per campaign and fill in the school: Google copies a template file and writes the school's
 * cells; the .xlsx adapter renders a probe layout whose school fields are tokens and substitutes them.
 */

/** The placeholder school of the campaign's template file (Google). */
export const TEMPLATE_SCHOOL: School = { id: 'TEMPLATE', name: '«Наименование ОО»', shortName: 'Шаблон', type: 'СОШ', emails: [] };

export interface SchoolCell {
  sheet: string;
  row: number;
  col: number;
  value: string | number;
}

/** The cells that differ between the template and a school's layout: its name, code, stamp. */
export function schoolSpecificCells(catalog: Catalog, campaign: Campaign, school: School): SchoolCell[] {
  const template = schoolWorkbookLayout(catalog, campaign, TEMPLATE_SCHOOL);
  const mine = schoolWorkbookLayout(catalog, campaign, school);
  const out: SchoolCell[] = [];
  mine.workbook.sheets.forEach((sheet, i) => {
    const twins = new Map((template.workbook.sheets[i]?.cells ?? []).map((c) => [`${c.row}:${c.col}`, c.value]));
    for (const cell of sheet.cells) {
      if (cell.value === undefined) continue;
      if (twins.get(`${cell.row}:${cell.col}`) !== cell.value) out.push({ sheet: sheet.name, row: cell.row, col: cell.col, value: cell.value });
    }
  });
  return out;
}

/** Letters only, so they pass the registry's code rule and survive XML escaping unchanged. */
const TOKENS = { id: 'MSOKOxIDxTOKEN', name: 'MSOKOxNAMExTOKEN', shortName: 'MSOKOxSHORTxTOKEN' } as const;
const TOKEN_PATTERN = /MSOKOx(?:ID|NAME|SHORT)xTOKEN/g;

/** The school whose fields are tokens; its layout is the template every school's file is made from. */
export function probeSchool(type: School['type']): School {
  return { id: TOKENS.id, name: TOKENS.name, shortName: TOKENS.shortName, type, emails: [] };
}

export const SCHOOL_TOKENS: readonly string[] = Object.values(TOKENS);

/** token → the school's value. */
export function tokenValues(school: School): Map<string, string> {
  return new Map([
    [TOKENS.id, school.id],
    [TOKENS.name, school.name],
    [TOKENS.shortName, school.shortName],
  ]);
}

/** Replaces every token in `text`; `encode` escapes the values for the file format they go into. */
export function substituteTokens(text: string, values: Map<string, string>, encode: (value: string) => string = (v) => v): string {
  return text.replace(TOKEN_PATTERN, (token) => encode(values.get(token) ?? token));
}

/**
 * True when the school's own layout is exactly the probe layout with the tokens replaced: nothing but
 * the school's texts depends on the school, so a file made from the probe equals one rendered for it.
 */
export function isProbeOf(probe: WorkbookSpec, mine: WorkbookSpec, school: School): boolean {
  const values = tokenValues(school);
  const expected = substituteTokens(JSON.stringify(probe), values, (v) => JSON.stringify(v).slice(1, -1));
  return expected === JSON.stringify(mine);
}

/** A probe sheet with the school's texts filled in (cell values and notes; nothing else holds a token). */
export function substituteSheet(sheet: SheetSpec, values: Map<string, string>): SheetSpec {
  const fill = (text: string): string => substituteTokens(text, values);
  return {
    ...sheet,
    cells: sheet.cells.map((c) => ({ ...c, ...(typeof c.value === 'string' ? { value: fill(c.value) } : {}), ...(c.note !== undefined ? { note: fill(c.note) } : {}) })),
  };
}
