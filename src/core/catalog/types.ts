import type { InputKind, Polarity } from './schema';

/** How a municipal value is computed from the schools' inputs. */
export type Aggregate = 'ratio' | 'schoolShare' | 'schoolCount' | 'sum' | 'countRatio' | 'countPair';

/** The inputs of one cell, by role. Arrays are summed per school (e.g. P_STU = levels). */
export interface CellInputs {
  numerator?: string[];
  denominator?: string[];
  sum?: string[];
  second?: string[];
  flag?: string;
  /** Auxiliary count shown beside a school flag (e.g. number of volunteer отряды). */
  aux?: string;
}

/** What a reference value asks for, after D6–D8: a threshold on one part of the cell. */
export interface Target {
  op: '>=' | '<=';
  /** 'value': the cell's main value; 'count' / 'percent': a part of a чел./% cell; 'first'/'second'/'both': a pair of counts. */
  on: 'value' | 'count' | 'percent' | 'first' | 'second' | 'both';
  value: number;
  second: number | null;
}

export interface Cell {
  /** Stable key, e.g. `A1.R1.C2.NOO` (appendix.row.column[.part]). */
  key: string;
  appendix: number;
  row: string;
  column: string;
  part: string | null;
  unit: string;
  polarity: Polarity;
  aggregate: Aggregate;
  inputs: CellInputs;
  /** The reference value exactly as the source writes it ('' when the source has none). */
  source: string;
  target: Target | null;
  /** Why the source value is not used as a target yet (D9), or null. */
  quarantine: string | null;
  naWhenZeroBase: boolean;
  sensitive: boolean;
  percentIsContext: boolean;
  /** Which part of a чел./% cell a single-number target applies to (D8); null for other cells. */
  targetOn: 'count' | 'percent' | null;
  /** Which counts of a pair are compared with the target; null for other cells. */
  compare: 'both' | 'first' | null;
}

export interface Input {
  id: string;
  label: string;
  kind: InputKind;
  unit: string;
  whole: string | null;
  derived: string[] | null;
  /** A flag that is answered only when this input is above zero (A11.C5: students with ОВЗ). */
  applicableIf: string | null;
  optional: boolean;
  help: string | null;
  /** 0 = the school profile sheet, N = the sheet of appendix N. */
  sheet: number;
  /** Group inside the sheet: 'profile', 'bases', a row id ('R1'), or 'school' (once per school). */
  group: string;
}

export interface Part {
  id: string;
  title: string;
}

export interface Column {
  id: string;
  title: string;
  unit: string;
  polarity: Polarity;
  scope: 'row' | 'school';
  partsHeader: string | null;
  parts: Part[];
  note: string | null;
  decisions: string[];
  help: string | null;
}

export interface Row {
  id: string;
  number: string;
  title: string;
}

export interface Appendix {
  number: number;
  table: string;
  title: string;
  short: string;
  rowHeader: string;
  indicatorsHeader: string | null;
  rows: Row[];
  columns: Column[];
  note: string | null;
}

export interface Check {
  id: string;
  type: 'sumLe' | 'sumEq' | 'implies';
  parts: string[];
  total: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface Catalog {
  id: string;
  version: string;
  title: string;
  source: string;
  appendixWord: string;
  appendices: Appendix[];
  cells: Cell[];
  inputs: Input[];
  checks: Check[];
}
