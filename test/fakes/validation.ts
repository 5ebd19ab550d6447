/**
 * newDataValidation() and newConditionalFormatRule() builders and the rules they build.
 * Rules are immutable specs; criteria and values read back exactly as given.
 * Script writes are NOT checked against data validation (as in Apps Script).
 */
import { BooleanCriteria, DataValidationCriteria, type BooleanCriteriaName, type DataValidationCriteriaName, type EnumValue } from './enums';
import { describeArg } from './handles';
import type { CfRuleSpec, DataValidationSpec, GridRef } from './model';
import { rangeHandle, type FakeRange } from './range';
import { track, type Env } from './runtime';

const SPEC: unique symbol = Symbol('rule-spec');

export function dataValidationSpecOf(rule: unknown, what: string): DataValidationSpec {
  const spec: unknown = typeof rule === 'object' && rule !== null ? Reflect.get(rule, SPEC) : undefined;
  if (typeof spec !== 'object' || spec === null || !('allowInvalid' in spec)) {
    throw new TypeError(`The parameters (${describeArg(rule)}) don't match the method signature for ${what}.`);
  }
  return spec as DataValidationSpec;
}

export function makeDataValidation(env: Env, spec: DataValidationSpec): FakeDataValidation {
  return track(env, 'DataValidation', new FakeDataValidation(env, spec));
}

export function newDataValidationBuilder(env: Env, from?: DataValidationSpec): FakeDataValidationBuilder {
  return track(env, 'DataValidationBuilder', new FakeDataValidationBuilder(env, from));
}

export class FakeDataValidation {
  readonly [SPEC]: DataValidationSpec;
  constructor(
    private readonly env: Env,
    spec: DataValidationSpec,
  ) {
    this[SPEC] = spec;
  }
  getCriteriaType(): EnumValue {
    return DataValidationCriteria[this[SPEC].criteria];
  }
  getCriteriaValues(): unknown[] {
    return this.env.ws.array(this[SPEC].values.map((v) => (Array.isArray(v) ? this.env.ws.array(v) : v)));
  }
  getAllowInvalid(): boolean {
    return this[SPEC].allowInvalid;
  }
  getHelpText(): string | null {
    return this[SPEC].helpText;
  }
  copy(): FakeDataValidationBuilder {
    return newDataValidationBuilder(this.env, this[SPEC]);
  }
}

const num = (env: Env, method: string, ...xs: unknown[]): number[] => {
  if (!xs.every((x): x is number => typeof x === 'number' && Number.isFinite(x))) {
    throw env.ws.error(
      `The parameters (${xs.map(describeArg).join(',')}) don't match the method signature for SpreadsheetApp.DataValidationBuilder.${method}.`,
    );
  }
  return xs;
};

export class FakeDataValidationBuilder {
  private criteria: DataValidationCriteriaName | null;
  private values: readonly unknown[];
  private allowInvalid: boolean;
  private helpText: string | null;
  constructor(
    private readonly env: Env,
    from?: DataValidationSpec,
  ) {
    this.criteria = from?.criteria ?? null;
    this.values = from?.values ?? [];
    this.allowInvalid = from?.allowInvalid ?? true; // the default for new rules is true
    this.helpText = from?.helpText ?? null;
  }
  private set(criteria: DataValidationCriteriaName, values: unknown[]): FakeDataValidationBuilder {
    this.criteria = criteria;
    this.values = values;
    return this;
  }
  requireNumberBetween(start: number, end: number): FakeDataValidationBuilder {
    return this.set('NUMBER_BETWEEN', num(this.env, 'requireNumberBetween', start, end));
  }
  requireNumberNotBetween(start: number, end: number): FakeDataValidationBuilder {
    return this.set('NUMBER_NOT_BETWEEN', num(this.env, 'requireNumberNotBetween', start, end));
  }
  requireNumberEqualTo(n: number): FakeDataValidationBuilder {
    return this.set('NUMBER_EQUAL_TO', num(this.env, 'requireNumberEqualTo', n));
  }
  requireNumberGreaterThan(n: number): FakeDataValidationBuilder {
    return this.set('NUMBER_GREATER_THAN', num(this.env, 'requireNumberGreaterThan', n));
  }
  requireNumberGreaterThanOrEqualTo(n: number): FakeDataValidationBuilder {
    return this.set('NUMBER_GREATER_THAN_OR_EQUAL_TO', num(this.env, 'requireNumberGreaterThanOrEqualTo', n));
  }
  requireNumberLessThan(n: number): FakeDataValidationBuilder {
    return this.set('NUMBER_LESS_THAN', num(this.env, 'requireNumberLessThan', n));
  }
  requireNumberLessThanOrEqualTo(n: number): FakeDataValidationBuilder {
    return this.set('NUMBER_LESS_THAN_OR_EQUAL_TO', num(this.env, 'requireNumberLessThanOrEqualTo', n));
  }
  requireTextContains(text: string): FakeDataValidationBuilder {
    return this.set('TEXT_CONTAINS', [String(text)]);
  }
  requireTextEqualTo(text: string): FakeDataValidationBuilder {
    return this.set('TEXT_EQUAL_TO', [String(text)]);
  }
  requireTextIsEmail(): FakeDataValidationBuilder {
    return this.set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): FakeDataValidationBuilder {
    return this.set('TEXT_IS_VALID_URL', []);
  }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): FakeDataValidationBuilder {
    return this.set(
      'CHECKBOX',
      [checkedValue, uncheckedValue].filter((v) => v !== undefined),
    );
  }
  /** Criteria values read back as [values, showDropdown]. */
  requireValueInList(values: unknown, showDropdown = true): FakeDataValidationBuilder {
    if (!Array.isArray(values))
      throw this.env.ws.error(
        `The parameters (${describeArg(values)}) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.`,
      );
    return this.set('VALUE_IN_LIST', [values.map(String), Boolean(showDropdown)]);
  }
  requireValueInRange(range: unknown, showDropdown = true): FakeDataValidationBuilder {
    rangeHandle(range, 'SpreadsheetApp.DataValidationBuilder.requireValueInRange');
    return this.set('VALUE_IN_RANGE', [range, Boolean(showDropdown)]);
  }
  requireFormulaSatisfied(formula: string): FakeDataValidationBuilder {
    return this.set('CUSTOM_FORMULA', [String(formula)]);
  }
  setAllowInvalid(allowInvalidData: boolean): FakeDataValidationBuilder {
    this.allowInvalid = Boolean(allowInvalidData);
    return this;
  }
  setHelpText(helpText: string): FakeDataValidationBuilder {
    this.helpText = String(helpText);
    return this;
  }
  getCriteriaType(): EnumValue | null {
    return this.criteria === null ? null : DataValidationCriteria[this.criteria];
  }
  getCriteriaValues(): unknown[] {
    return this.env.ws.array(this.values);
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
  getHelpText(): string | null {
    return this.helpText;
  }
  build(): FakeDataValidation {
    if (this.criteria === null) throw this.env.ws.error('A data validation rule requires criteria.');
    return makeDataValidation(this.env, { criteria: this.criteria, values: [...this.values], allowInvalid: this.allowInvalid, helpText: this.helpText });
  }
  copy(): FakeDataValidationBuilder {
    return newDataValidationBuilder(this.env, {
      criteria: this.criteria ?? 'CUSTOM_FORMULA',
      values: this.values,
      allowInvalid: this.allowInvalid,
      helpText: this.helpText,
    });
  }
}

// --------------------------------------------------------- conditional format --

interface CfDraft {
  criteria: BooleanCriteriaName | null;
  values: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  ranges: FakeRange[];
}

export function newCfRuleBuilder(env: Env): FakeConditionalFormatRuleBuilder {
  return track(env, 'ConditionalFormatRuleBuilder', new FakeConditionalFormatRuleBuilder(env));
}

/** Converts a built rule for storage on a sheet; its ranges must be on that sheet. */
export function cfRuleSpecOf(rule: unknown, sheetId: number): CfRuleSpec {
  const draft: unknown = typeof rule === 'object' && rule !== null ? Reflect.get(rule, SPEC) : undefined;
  if (typeof draft !== 'object' || draft === null || !('ranges' in draft)) {
    throw new TypeError("The parameters don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.");
  }
  const d = draft as CfDraft;
  if (d.criteria === null) throw new TypeError('Conditional format rule has no condition.');
  const ranges: GridRef[] = d.ranges.map((r) => ({ ...rangeHandle(r, 'setRanges').ref }));
  if (ranges.some((r) => r.sheetId !== sheetId)) throw new TypeError('Conditional format rule ranges must be on the sheet the rule is set on.');
  return { criteria: d.criteria, values: d.values, background: d.background, fontColor: d.fontColor, bold: d.bold, ranges };
}

export function makeCfRule(env: Env, spec: CfRuleSpec, rangeOf: (ref: GridRef) => FakeRange): FakeConditionalFormatRule {
  const draft: CfDraft = { ...spec, values: [...spec.values], ranges: spec.ranges.map(rangeOf) };
  return track(env, 'ConditionalFormatRule', new FakeConditionalFormatRule(env, draft));
}

export class FakeConditionalFormatRule {
  readonly [SPEC]: CfDraft;
  constructor(
    private readonly env: Env,
    draft: CfDraft,
  ) {
    this[SPEC] = draft;
  }
  getRanges(): FakeRange[] {
    return this.env.ws.array(this[SPEC].ranges);
  }
  getBooleanCondition(): FakeBooleanCondition | null {
    return this[SPEC].criteria === null ? null : track(this.env, 'BooleanCondition', new FakeBooleanCondition(this.env, this[SPEC]));
  }
  getGradientCondition(): null {
    return null;
  }
  copy(): FakeConditionalFormatRuleBuilder {
    const b = newCfRuleBuilder(this.env);
    Object.assign(b[SPEC], { ...this[SPEC], values: [...this[SPEC].values], ranges: [...this[SPEC].ranges] });
    return b;
  }
}

export class FakeBooleanCondition {
  constructor(
    private readonly env: Env,
    private readonly d: CfDraft,
  ) {}
  getCriteriaType(): EnumValue | null {
    return this.d.criteria === null ? null : BooleanCriteria[this.d.criteria];
  }
  getCriteriaValues(): unknown[] {
    return this.env.ws.array(this.d.values);
  }
  getBackground(): string | null {
    return this.d.background;
  }
  getFontColor(): string | null {
    return this.d.fontColor;
  }
  getBold(): boolean | null {
    return this.d.bold;
  }
  getItalic(): null {
    return null;
  }
  getStrikethrough(): null {
    return null;
  }
  getUnderline(): null {
    return null;
  }
}

export class FakeConditionalFormatRuleBuilder {
  readonly [SPEC]: CfDraft = { criteria: null, values: [], background: null, fontColor: null, bold: null, ranges: [] };
  constructor(private readonly env: Env) {}
  private when(criteria: BooleanCriteriaName, values: unknown[]): FakeConditionalFormatRuleBuilder {
    this[SPEC].criteria = criteria;
    this[SPEC].values = values;
    return this;
  }
  whenTextStartsWith(text: string): FakeConditionalFormatRuleBuilder {
    return this.when('TEXT_STARTS_WITH', [String(text)]);
  }
  whenTextEndsWith(text: string): FakeConditionalFormatRuleBuilder {
    return this.when('TEXT_ENDS_WITH', [String(text)]);
  }
  whenTextEqualTo(text: string): FakeConditionalFormatRuleBuilder {
    return this.when('TEXT_EQUAL_TO', [String(text)]);
  }
  whenTextContains(text: string): FakeConditionalFormatRuleBuilder {
    return this.when('TEXT_CONTAINS', [String(text)]);
  }
  whenTextDoesNotContain(text: string): FakeConditionalFormatRuleBuilder {
    return this.when('TEXT_DOES_NOT_CONTAIN', [String(text)]);
  }
  whenCellEmpty(): FakeConditionalFormatRuleBuilder {
    return this.when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): FakeConditionalFormatRuleBuilder {
    return this.when('CELL_NOT_EMPTY', []);
  }
  whenNumberBetween(start: number, end: number): FakeConditionalFormatRuleBuilder {
    return this.when('NUMBER_BETWEEN', [start, end]);
  }
  whenNumberGreaterThan(n: number): FakeConditionalFormatRuleBuilder {
    return this.when('NUMBER_GREATER_THAN', [n]);
  }
  whenNumberLessThan(n: number): FakeConditionalFormatRuleBuilder {
    return this.when('NUMBER_LESS_THAN', [n]);
  }
  whenNumberEqualTo(n: number): FakeConditionalFormatRuleBuilder {
    return this.when('NUMBER_EQUAL_TO', [n]);
  }
  whenFormulaSatisfied(formula: string): FakeConditionalFormatRuleBuilder {
    return this.when('CUSTOM_FORMULA', [String(formula)]);
  }
  setBackground(color: string | null): FakeConditionalFormatRuleBuilder {
    this[SPEC].background = color;
    return this;
  }
  setFontColor(color: string | null): FakeConditionalFormatRuleBuilder {
    this[SPEC].fontColor = color;
    return this;
  }
  setBold(bold: boolean | null): FakeConditionalFormatRuleBuilder {
    this[SPEC].bold = bold;
    return this;
  }
  setRanges(ranges: unknown): FakeConditionalFormatRuleBuilder {
    if (!Array.isArray(ranges))
      throw this.env.ws.error("The parameters don't match the method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges.");
    for (const r of ranges) rangeHandle(r, 'SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges');
    this[SPEC].ranges = ranges.map((r) => r as FakeRange);
    return this;
  }
  getRanges(): FakeRange[] {
    return this.env.ws.array(this[SPEC].ranges);
  }
  getBooleanCondition(): FakeBooleanCondition | null {
    return this[SPEC].criteria === null ? null : track(this.env, 'BooleanCondition', new FakeBooleanCondition(this.env, this[SPEC]));
  }
  build(): FakeConditionalFormatRule {
    if (this[SPEC].criteria === null) throw this.env.ws.error('A conditional format rule requires a condition.');
    return track(
      this.env,
      'ConditionalFormatRule',
      new FakeConditionalFormatRule(this.env, { ...this[SPEC], values: [...this[SPEC].values], ranges: [...this[SPEC].ranges] }),
    );
  }
}
