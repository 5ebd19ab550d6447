import type { InputKind } from '../catalog/schema';
import type { Chart } from '../chart/model';

/** Visual roles; each adapter maps a role to its own formatting. */
export type StyleRole =
  | 'title'
  | 'subtitle'
  | 'hint'
  | 'header'
  | 'group'
  | 'label'
  | 'unit'
  | 'code'
  | 'input'
  | 'link'
  | 'check'
  | 'computed'
  | 'meta'
  | 'text'
  | 'value'
  | 'mark'
  | 'stat';

export interface CellSpec {
  row: number;
  col: number;
  /** Literal value; strings are always written as text, never as formulas. */
  value?: string | number;
  /** A formula without the leading «=», English function names, «,» between arguments. */
  formula?: string;
  style: StyleRole;
  note?: string;
}

export interface MergeSpec {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export type ValidationSpec =
  | { type: 'wholeNumber'; min: number; max: number }
  | { type: 'decimal'; min: number; max: number }
  | { type: 'list'; values: string[] }
  | { type: 'url' }
  | { type: 'text'; maxLength: number };

export interface InputCellSpec {
  id: string;
  row: number;
  col: number;
  kind: InputKind | 'status';
  validation: ValidationSpec;
  /** Russian text shown when Excel/Sheets rejects an entry. */
  validationMessage: string;
}

export interface ConditionalSpec {
  /** A1 range on this sheet. */
  range: string;
  when: 'startsWith' | 'equals';
  text: string;
  fill: string;
  font: string;
}

/** A chart drawn over the sheet, its top-left corner at a cell (1-based); the adapter draws a picture or a native chart. */
export interface ChartSpec {
  chart: Chart;
  row: number;
  col: number;
}

export interface SheetSpec {
  name: string;
  /** Identifies the sheet when it has been renamed: the title written in A1. */
  marker: string;
  role: 'instructions' | 'profile' | 'appendix' | 'meta' | 'table';
  appendix: number | null;
  widths: number[];
  cells: CellSpec[];
  merges: MergeSpec[];
  inputs: InputCellSpec[];
  conditional: ConditionalSpec[];
  frozenRows: number;
  protect: boolean;
  hidden: boolean;
  /** Columns (1-based) kept but hidden: a service column the user does not edit (the register's «Ключ»). */
  hiddenColumns?: number[];
  landscape: boolean;
  /** Print area, e.g. «A1:F40». */
  printArea: string;
  /** Charts over the sheet (issue 18), with rows left free for them below the cells. */
  charts?: ChartSpec[];
}

export interface WorkbookSpec {
  title: string;
  sheets: SheetSpec[];
}
