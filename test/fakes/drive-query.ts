/**
 * The Drive search query language, in two dialects.
 *
 * v2 (DriveApp.searchFiles / Folder.searchFiles): a file's name is `title` (the v3 `name` is refused like any
 * unknown field: «Invalid argument: q»). Modelled: `title`, `mimeType` with `=` / `!=`; `trashed` with `=` / `!=`
 * and true / false; `'<id>' in parents`. Other valid v2 terms (`contains`, `fullText`, `modifiedDate`…) throw
 * «not implemented».
 *
 * v3 (the Drive advanced service, Drive.Files.list): a file's name is `name`; the v2 `title` (like any unknown
 * field) is refused with «Invalid Value», as Drive API v3 answers. Modelled: `name` with `=` / `!=` / `contains`
 * (a prefix of the whole name, case-sensitive: the API matches only prefixes, of words); `mimeType` with `=` /
 * `!=` / `contains`; `trashed`; `'<id>' in parents` ('root' = My Drive); `appProperties has { key='k' and
 * value='v' }` and the same for `properties`. Other valid v3 terms throw «not implemented».
 *
 * Both: `and`, `or`, `not`, parentheses; values in single or double quotes with `\'` and `\\` escapes. As in
 * the API, trashed files match unless the query says `trashed = false`.
 */
import type { FileRecord } from './model';

export type DriveQuery = (f: FileRecord) => boolean;
export type DriveQueryDialect = 'v2' | 'v3';

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'op'; text: string }
  | { kind: 'paren'; text: '(' | ')' }
  | { kind: 'brace'; text: '{' | '}' };

/** Valid v2 query fields the fake does not model. */
const V2_FIELDS = new Set([
  'fullText',
  'modifiedDate',
  'lastViewedByMeDate',
  'starred',
  'hidden',
  'owners',
  'writers',
  'readers',
  'sharedWithMe',
  'properties',
  'visibility',
  'createdDate',
]);
/** Valid v3 query fields the fake does not model (https://developers.google.com/workspace/drive/api/guides/ref-search-terms). */
const V3_FIELDS = new Set([
  'fullText',
  'modifiedTime',
  'viewedByMeTime',
  'createdTime',
  'starred',
  'owners',
  'writers',
  'readers',
  'sharedWithMe',
  'visibility',
  'shortcutDetails',
  'memberCount',
  'organizerCount',
  'hidden',
  'labels',
]);

export class DriveQueryError extends Error {
  /** true: the real service would refuse the query too; false: the fake does not model it. */
  constructor(
    message: string,
    readonly invalid: boolean,
  ) {
    super(message);
  }
}

function tokenize(q: string, invalid: () => DriveQueryError, dotted: boolean): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] as string;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')') {
      out.push({ kind: 'paren', text: c });
      i += 1;
    } else if (c === '{' || c === '}') {
      out.push({ kind: 'brace', text: c });
      i += 1;
    } else if (c === "'" || c === '"') {
      let text = '';
      i += 1;
      while (i < q.length && q[i] !== c) {
        if (q[i] === '\\' && i + 1 < q.length) i += 1;
        text += q[i];
        i += 1;
      }
      if (i >= q.length) throw invalid();
      out.push({ kind: 'string', text });
      i += 1;
    } else if (/[=!<>]/.test(c)) {
      const op = /^(!=|<=|>=|=|<|>)/.exec(q.slice(i))?.[1];
      if (!op) throw invalid();
      out.push({ kind: 'op', text: op });
      i += op.length;
    } else {
      const word = (dotted ? /^[A-Za-z_][A-Za-z0-9_.]*/ : /^[A-Za-z_][A-Za-z0-9_]*/).exec(q.slice(i))?.[0];
      if (!word) throw invalid();
      out.push({ kind: 'word', text: word });
      i += word.length;
    }
  }
  return out;
}

/** Parses a query; `rootId` is what 'root' in `'root' in parents` stands for (v3). */
export function parseDriveQuery(q: string, dialect: DriveQueryDialect = 'v2', rootId = ''): DriveQuery {
  const v3 = dialect === 'v3';
  const invalid = (): DriveQueryError => new DriveQueryError(v3 ? 'Invalid Value' : 'Invalid argument: q', true);
  const notImplemented = (what: string): DriveQueryError =>
    new DriveQueryError(v3 ? `Fake Drive: files.list query ${what} is not implemented` : `Fake DriveApp: searchFiles query ${what} is not implemented`, false);
  const tokens = tokenize(q, invalid, v3); // v3 has dotted terms (shortcutDetails.targetId)
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isWord = (t: Token | undefined, w: string): boolean => t?.kind === 'word' && t.text.toLowerCase() === w;
  const take = (): Token => {
    const t = tokens[at];
    if (!t) throw invalid();
    at += 1;
    return t;
  };
  const takeString = (): string => {
    const t = take();
    if (t.kind !== 'string') throw invalid();
    return t.text;
  };

  /** v3 `appProperties has { key='k' and value='v' }` (the field word and `has` already taken). */
  function hasTerm(field: 'appProperties' | 'properties'): DriveQuery {
    if (take().kind !== 'brace') throw invalid();
    const want: Record<string, string> = {};
    for (const part of ['key', 'value']) {
      if (part === 'value' && !isWord(take(), 'and')) throw invalid();
      if (!isWord(take(), part)) throw invalid();
      const op = take();
      if (op.kind !== 'op' || op.text !== '=') throw invalid();
      want[part] = takeString();
    }
    const close = take();
    if (close.kind !== 'brace' || close.text !== '}') throw invalid();
    const { key = '', value = '' } = want;
    return (f) => f[field]?.[key] === value;
  }

  function term(): DriveQuery {
    const first = take();
    if (first.kind === 'string') {
      if (!isWord(take(), 'in')) throw invalid();
      const where = take();
      if (where.kind !== 'word') throw invalid();
      if (v3 && (where.text === 'owners' || where.text === 'writers' || where.text === 'readers')) throw notImplemented(`term '${where.text}'`);
      if (where.text.toLowerCase() !== 'parents') throw invalid();
      const id = v3 && first.text === 'root' ? rootId : first.text;
      return (f) => f.parents.includes(id);
    }
    if (first.kind !== 'word') throw invalid();
    const field = first.text;
    const nameField = v3 ? 'name' : 'title';
    if (v3 && (field === 'appProperties' || field === 'properties')) {
      if (!isWord(take(), 'has')) throw invalid();
      return hasTerm(field);
    }
    if (field !== nameField && field !== 'mimeType' && field !== 'trashed') {
      if (v3 ? V3_FIELDS.has(field.split('.')[0] ?? field) : V2_FIELDS.has(field)) throw notImplemented(`term '${field}'`);
      throw invalid();
    }
    const op = take();
    if (op.kind === 'word' && op.text === 'contains' && field !== 'trashed') {
      if (!v3) throw new DriveQueryError(`Fake DriveApp: searchFiles operator 'contains' is not implemented`, false);
      const text = takeString();
      return field === 'name' ? (f) => f.name.startsWith(text) : (f) => f.mimeType.includes(text);
    }
    if (op.kind !== 'op' || (op.text !== '=' && op.text !== '!=')) throw invalid();
    const value = take();
    const negate = op.text === '!=';
    if (field === 'trashed') {
      if (value.kind !== 'word' || (value.text !== 'true' && value.text !== 'false')) throw invalid();
      const want = value.text === 'true';
      return (f) => (f.trashed === want) !== negate;
    }
    if (value.kind !== 'string') throw invalid();
    return field === nameField ? (f) => (f.name === value.text) !== negate : (f) => (f.mimeType === value.text) !== negate;
  }

  function unary(): DriveQuery {
    if (isWord(peek(), 'not')) {
      take();
      const inner = unary();
      return (f) => !inner(f);
    }
    if (peek()?.kind === 'paren' && peek()?.text === '(') {
      take();
      const inner = or();
      const close = take();
      if (close.kind !== 'paren' || close.text !== ')') throw invalid();
      return inner;
    }
    return term();
  }

  function and(): DriveQuery {
    const parts = [unary()];
    while (isWord(peek(), 'and')) {
      take();
      parts.push(unary());
    }
    return (f) => parts.every((p) => p(f));
  }

  function or(): DriveQuery {
    const parts = [and()];
    while (isWord(peek(), 'or')) {
      take();
      parts.push(and());
    }
    return (f) => parts.some((p) => p(f));
  }

  if (tokens.length === 0) throw invalid();
  const query = or();
  if (at !== tokens.length) throw invalid();
  return query;
}
