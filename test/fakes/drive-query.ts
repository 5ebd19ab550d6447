/**
 * The search query of DriveApp.searchFiles / Folder.searchFiles. DriveApp speaks Drive API v2, so a
 * file's name is `title` (the v3 `name` is refused like any unknown field: «Invalid argument: q»).
 * Modelled subset: `title`, `mimeType` with `=` / `!=`; `trashed` with `=` / `!=` and true / false;
 * `'<id>' in parents`; `and`, `or`, `not`, parentheses; values in single or double quotes with `\'`
 * and `\\` escapes. Other valid v2 terms (`contains`, `fullText`, `modifiedDate`…) throw «not implemented».
 * As in the API, trashed files match unless the query says `trashed = false`.
 */
import type { FileRecord } from './model';

export type DriveQuery = (f: FileRecord) => boolean;

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'op'; text: string } | { kind: 'paren'; text: '(' | ')' };

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

export class DriveQueryError extends Error {
  /** true: the real service would refuse the query too; false: the fake does not model it. */
  constructor(
    message: string,
    readonly invalid: boolean,
  ) {
    super(message);
  }
}

const invalid = (): DriveQueryError => new DriveQueryError('Invalid argument: q', true);

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] as string;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')') {
      out.push({ kind: 'paren', text: c });
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
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(q.slice(i))?.[0];
      if (!word) throw invalid();
      out.push({ kind: 'word', text: word });
      i += word.length;
    }
  }
  return out;
}

export function parseDriveQuery(q: string): DriveQuery {
  const tokens = tokenize(q);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isWord = (t: Token | undefined, w: string): boolean => t?.kind === 'word' && t.text.toLowerCase() === w;
  const take = (): Token => {
    const t = tokens[at];
    if (!t) throw invalid();
    at += 1;
    return t;
  };

  function term(): DriveQuery {
    const first = take();
    if (first.kind === 'string') {
      if (!isWord(take(), 'in') || !isWord(take(), 'parents')) throw invalid();
      return (f) => f.parents.includes(first.text);
    }
    if (first.kind !== 'word') throw invalid();
    const field = first.text;
    if (field !== 'title' && field !== 'mimeType' && field !== 'trashed') {
      if (V2_FIELDS.has(field)) throw new DriveQueryError(`Fake DriveApp: searchFiles query term '${field}' is not implemented`, false);
      throw invalid();
    }
    const op = take();
    if (op.kind === 'word' && op.text === 'contains' && field !== 'trashed')
      throw new DriveQueryError(`Fake DriveApp: searchFiles operator 'contains' is not implemented`, false);
    if (op.kind !== 'op' || (op.text !== '=' && op.text !== '!=')) throw invalid();
    const value = take();
    const negate = op.text === '!=';
    if (field === 'trashed') {
      if (value.kind !== 'word' || (value.text !== 'true' && value.text !== 'false')) throw invalid();
      const want = value.text === 'true';
      return (f) => (f.trashed === want) !== negate;
    }
    if (value.kind !== 'string') throw invalid();
    return field === 'title' ? (f) => (f.name === value.text) !== negate : (f) => (f.mimeType === value.text) !== negate;
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
