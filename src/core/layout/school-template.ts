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

/**
 * The cells whose text names the school (its name, code, stamp), with the school's values: the probe
 * layout's cells that hold a token. The probe layout is computed once per catalog and campaign.
 */
export function schoolSpecificCells(catalog: Catalog, campaign: Campaign, school: School): SchoolCell[] {
  const values = tokenValues(school);
  const out: SchoolCell[] = [];
  for (const sheet of probeLayout(catalog, campaign, school.type).sheets) {
    for (const cell of sheet.cells) {
      if (typeof cell.value === 'string' && TOKEN_TEST.test(cell.value))
        out.push({ sheet: sheet.name, row: cell.row, col: cell.col, value: substituteTokens(cell.value, values) });
    }
  }
  return out;
}

const probes = new WeakMap<Catalog, Map<string, WorkbookSpec>>();

/** The layout of the probe school of `type`, computed once per catalog and campaign. */
export function probeLayout(catalog: Catalog, campaign: Campaign, type: School['type']): WorkbookSpec {
  let byCampaign = probes.get(catalog);
  if (!byCampaign) {
    byCampaign = new Map();
    probes.set(catalog, byCampaign);
  }
  const key = JSON.stringify([campaign, type]);
  let layout = byCampaign.get(key);
  if (!layout) {
    layout = schoolWorkbookLayout(catalog, campaign, probeSchool(type)).workbook;
    byCampaign.set(key, layout);
  }
  return layout;
}

/** Letters only, so they pass the registry's code rule and survive XML escaping unchanged. */
const TOKENS = { id: 'MSOKOxIDxTOKEN', name: 'MSOKOxNAMExTOKEN', shortName: 'MSOKOxSHORTxTOKEN' } as const;
const TOKEN_PATTERN = /MSOKOx(?:ID|NAME|SHORT)xTOKEN/g;
const TOKEN_TEST = /MSOKOx(?:ID|NAME|SHORT)xTOKEN/;

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
    cells: sheet.cells.map((c) => ({
      ...c,
      ...(typeof c.value === 'string' ? { value: fill(c.value) } : {}),
      ...(c.note !== undefined ? { note: fill(c.note) } : {}),
    })),
  };
}
