/**
 * Apps Script enums as singleton objects. Like the real ones they compare by identity
 * (`e.authMode === ScriptApp.AuthMode.NONE`), print their name (`String(x) === 'NONE'`),
 * and expose `name()` / `ordinal()` (Apps Script enums are Java-backed).
 */

export interface EnumValue<N extends string = string> {
  name(): N;
  ordinal(): number;
  toString(): N;
  toJSON(): N;
}

export type EnumOf<K extends string> = { readonly [P in K]: EnumValue<P> };

const OWNER = new WeakMap<object, string>();

export function makeEnum<K extends string>(typeName: string, keys: readonly K[]): EnumOf<K> {
  const out: Partial<Record<K, EnumValue<K>>> = {};
  keys.forEach((key, index) => {
    const value: EnumValue<K> = Object.freeze({
      name: () => key,
      ordinal: () => index,
      toString: () => key,
      toJSON: () => key,
    });
    OWNER.set(value, typeName);
    out[key] = value;
  });
  return Object.freeze(out) as EnumOf<K>;
}

/** Name of an enum value of the given type, or null (accepts the plain name string too). */
export function enumName(value: unknown, typeName?: string): string | null {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return null;
  const owner = OWNER.get(value);
  if (owner === undefined || (typeName !== undefined && owner !== typeName)) return null;
  return String(value);
}

export const AuthMode = makeEnum('AuthMode', ['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
export type AuthModeName = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';

export const ProtectionType = makeEnum('ProtectionType', ['RANGE', 'SHEET'] as const);
export type ProtectionTypeName = 'RANGE' | 'SHEET';

export const DataValidationCriteria = makeEnum('DataValidationCriteria', [
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
] as const);
export type DataValidationCriteriaName = keyof typeof DataValidationCriteria;

export const BooleanCriteria = makeEnum('BooleanCriteria', [
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
] as const);
export type BooleanCriteriaName = keyof typeof BooleanCriteria;

export const BorderStyle = makeEnum('BorderStyle', ['DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE'] as const);
export const WrapStrategy = makeEnum('WrapStrategy', ['WRAP', 'OVERFLOW', 'CLIP'] as const);

export const ParagraphHeading = makeEnum('ParagraphHeading', [
  'NORMAL',
  'HEADING1',
  'HEADING2',
  'HEADING3',
  'HEADING4',
  'HEADING5',
  'HEADING6',
  'TITLE',
  'SUBTITLE',
] as const);
export const ElementType = makeEnum('ElementType', [
  'BODY_SECTION',
  'PARAGRAPH',
  'LIST_ITEM',
  'TABLE',
  'TABLE_ROW',
  'TABLE_CELL',
  'HORIZONTAL_RULE',
  'PAGE_BREAK',
  'TEXT',
  'INLINE_IMAGE',
] as const);
export const GlyphType = makeEnum('GlyphType', [
  'BULLET',
  'HOLLOW_BULLET',
  'SQUARE_BULLET',
  'NUMBER',
  'LATIN_UPPER',
  'LATIN_LOWER',
  'ROMAN_UPPER',
  'ROMAN_LOWER',
] as const);
export const DocHorizontalAlignment = makeEnum('HorizontalAlignment', ['LEFT', 'CENTER', 'RIGHT', 'JUSTIFY'] as const);

export const FormItemType = makeEnum('ItemType', [
  'CHECKBOX',
  'DATE',
  'GRID',
  'LIST',
  'MULTIPLE_CHOICE',
  'PARAGRAPH_TEXT',
  'SCALE',
  'SECTION_HEADER',
  'TEXT',
] as const);
export type FormItemTypeName = keyof typeof FormItemType;
export const DestinationType = makeEnum('DestinationType', ['SPREADSHEET'] as const);

export const DriveAccess = makeEnum('Access', ['ANYONE', 'ANYONE_WITH_LINK', 'DOMAIN', 'DOMAIN_WITH_LINK', 'PRIVATE'] as const);
export type DriveAccessName = keyof typeof DriveAccess;
export const DrivePermission = makeEnum('Permission', ['VIEW', 'EDIT', 'COMMENT', 'OWNER', 'ORGANIZER', 'FILE_ORGANIZER', 'NONE'] as const);
export type DrivePermissionName = keyof typeof DrivePermission;

export const ButtonSet = makeEnum('ButtonSet', ['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'] as const);
export type ButtonSetName = keyof typeof ButtonSet;
export const Button = makeEnum('Button', ['CLOSE', 'OK', 'CANCEL', 'YES', 'NO'] as const);
export type ButtonName = keyof typeof Button;
export const SandboxMode = makeEnum('SandboxMode', ['EMULATED', 'IFRAME', 'NATIVE'] as const);
export const XFrameOptionsMode = makeEnum('XFrameOptionsMode', ['ALLOWALL', 'DEFAULT'] as const);
export const DigestAlgorithm = makeEnum('DigestAlgorithm', ['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512'] as const);
