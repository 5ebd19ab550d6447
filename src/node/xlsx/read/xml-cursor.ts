/**
 * A minimal pull reader for the XML parts of an .xlsx package, for the lean reader (package-reader.ts). It decodes
 * text and attributes the way saxes (the parser inside exceljs) does, and it refuses — with LeanUnsupported —
 * what saxes would reject or exceljs would read in its own peculiar way (CDATA, a DOCTYPE, unknown entities,
 * characters XML forbids, mismatched tags) wherever it reads: the caller then falls back to exceljs. Elements it
 * only skips are not checked (see skip): there it may read a file that saxes would refuse.
 */

/** The lean reader met something it does not reproduce exactly: the caller reads the file with exceljs. */
export class LeanUnsupported extends Error {}

export function unsupported(why: string): never {
  throw new LeanUnsupported(why);
}

const BLANK = /^[ \t\r\n]*$/;
const BAD_AMPERSAND = /&(?!(?:lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);)/;
const AMPERSAND_OR_REFERENCE = /&(?:amp|#x([0-9a-fA-F]+)|#([0-9]+));/g;

const allowedCodePoint = (cp: number): boolean =>
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

/**
 * Expands the five predefined entities and character references, each once (`&amp;lt;` is «&lt;», `&#38;amp;`
 * is «&amp;»); any other `&` is refused, as saxes refuses it.
 */
function decodeEntities(s: string): string {
  if (BAD_AMPERSAND.test(s)) unsupported('an unknown entity or a bare «&»');
  let out = s;
  // none of these replacements can form a new reference
  if (out.includes('&quot;')) out = out.replaceAll('&quot;', '"');
  if (out.includes('&apos;')) out = out.replaceAll('&apos;', "'");
  if (out.includes('&lt;')) out = out.replaceAll('&lt;', '<');
  if (out.includes('&gt;')) out = out.replaceAll('&gt;', '>');
  if (!out.includes('&')) return out;
  return out.replace(AMPERSAND_OR_REFERENCE, (ref: string, hex: string | undefined, dec: string | undefined) => {
    if (hex === undefined && dec === undefined) return '&';
    const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec as string, 10);
    if (!allowedCodePoint(cp)) unsupported(`a forbidden character reference ${ref}`);
    return String.fromCodePoint(cp);
  });
}

/**
 * Decoded pieces by their bytes (as latin1), for pieces that need decoding (UTF-8, entities): the files of one
 * campaign come from one template, so the same formulas and labels recur in every file, and decoding (and
 * checking) them would be most of the reading time.
 * Each map is emptied when it grows large.
 */
const TEXTS = new Map<string, string>();
const VALUES = new Map<string, string>();
const MAX_PIECES = 10_000;

/**
 * Text as saxes reports it: line ends normalised to \n — in attribute values tabs and line ends become spaces —
 * and then references expanded (so `&#13;` stays \r).
 */
function normalise(text: string, attribute: boolean): string {
  let s = text;
  if (attribute) {
    if (/[\t\n\r]/.test(s)) s = s.replace(/\r\n?|[\t\n]/g, ' ');
  } else if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  return s.indexOf('&') >= 0 ? decodeEntities(s) : s;
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

export const END = 0;
export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;
export type Token = typeof END | typeof OPEN | typeof CLOSE | typeof TEXT;

/**
 * Walks a document tag by tag. A self-closing tag yields OPEN and then CLOSE. Text is yielded only inside the
 * root element and only when not empty; comments and processing instructions are skipped (saxes splits the
 * text around them, and exceljs joins the pieces again).
 *
 * It walks the part's bytes as a latin1 string (markup is ASCII, so offsets are byte offsets) and decodes from
 * UTF-8 only the text and attribute values asked for — worksheets are mostly markup. Only those pieces are
 * checked for characters XML forbids: elsewhere such a character is ignored where saxes would fail.
 */
export class XmlCursor {
  kind: Token = END;
  /** The element of the last OPEN or CLOSE. */
  name = '';
  private readonly xml: string;
  private pos = 0;
  private readonly stack: string[] = [];
  /** Per attribute of the open tag: name start, name end, value start, value end. */
  private readonly attrs: number[] = [];
  private attrCount = 0;
  private selfClosing = false;
  private rootSeen = false;
  private textFrom = 0;
  private textTo = 0;

  constructor(private readonly bytes: Buffer) {
    const xml = bytes.toString('latin1');
    this.xml = xml;
    // U+FFFE and U+FFFF as UTF-8 bytes
    if (xml.includes(']]>') || xml.includes('\xEF\xBF\xBE') || xml.includes('\xEF\xBF\xBF')) unsupported('«]]>» in text or a character XML forbids');
    if (xml.startsWith('\xEF\xBB\xBF')) this.pos = 3;
  }

  /** Open elements, the current one included after OPEN and excluded after CLOSE. */
  get depth(): number {
    return this.stack.length;
  }

  next(): Token {
    if (this.selfClosing) {
      this.selfClosing = false;
      this.stack.pop();
      this.kind = CLOSE;
      return CLOSE;
    }
    const xml = this.xml;
    for (;;) {
      const pos = this.pos;
      const lt = xml.indexOf('<', pos);
      const textEnd = lt < 0 ? xml.length : lt;
      if (textEnd > pos) {
        if (this.stack.length > 0) {
          this.textFrom = pos;
          this.textTo = textEnd;
          this.pos = textEnd;
          this.kind = TEXT;
          return TEXT;
        }
        if (!BLANK.test(xml.slice(pos, textEnd))) unsupported('text outside the root element');
      }
      if (lt < 0) {
        if (!this.rootSeen || this.stack.length > 0) unsupported('the document ends inside an element');
        this.pos = xml.length;
        this.kind = END;
        return END;
      }
      const c = xml.charCodeAt(lt + 1);
      if (c === 47 /* / */) {
        const top = this.stack.pop();
        const nameEnd = lt + 2 + (top === undefined ? 0 : top.length);
        let gt = nameEnd;
        while (isSpace(xml.charCodeAt(gt))) gt++;
        if (top === undefined || xml.charCodeAt(gt) !== 62 || !xml.startsWith(top, lt + 2)) unsupported(`a mismatched closing tag at ${lt}`);
        this.pos = gt + 1;
        this.name = top;
        this.kind = CLOSE;
        return CLOSE;
      }
      if (c === 63 /* ? */) {
        const end = xml.indexOf('?>', lt + 2);
        if (end < 0) unsupported('an unterminated processing instruction');
        this.pos = end + 2;
        continue;
      }
      if (c === 33 /* ! */) {
        if (!xml.startsWith('<!--', lt)) unsupported('CDATA or a DOCTYPE');
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) unsupported('an unterminated comment');
        this.pos = end + 3;
        continue;
      }
      this.openTag(lt);
      return OPEN;
    }
  }

  /** Reads `<name attr="value" …>` or `<name … />` at `lt`, attributes as saxes accepts them. */
  private openTag(lt: number): void {
    const xml = this.xml;
    const first = xml.charCodeAt(lt + 1);
    if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95)) unsupported('a malformed tag');
    let i = lt + 2;
    for (;;) {
      const ch = xml.charCodeAt(i);
      if (ch === 62 || ch === 47 || isSpace(ch)) break;
      if (ch === 60 || ch === 34 || ch === 39 || ch === 61 || Number.isNaN(ch)) unsupported('a malformed tag');
      i++;
    }
    const nameEnd = i;
    const attrs = this.attrs;
    let n = 0;
    for (;;) {
      const spaced = i;
      while (isSpace(xml.charCodeAt(i))) i++;
      const ch = xml.charCodeAt(i);
      if (ch === 62 /* > */) {
        this.selfClosing = false;
        break;
      }
      if (ch === 47 /* / */ && xml.charCodeAt(i + 1) === 62) {
        this.selfClosing = true;
        i++;
        break;
      }
      if (i === spaced || Number.isNaN(ch)) unsupported('a malformed tag');
      const keyFrom = i;
      for (;;) {
        const k = xml.charCodeAt(i);
        if (k === 61 || isSpace(k)) break;
        if (k === 62 || k === 47 || k === 60 || k === 34 || k === 39 || Number.isNaN(k)) unsupported('a malformed attribute');
        i++;
      }
      const keyTo = i;
      while (isSpace(xml.charCodeAt(i))) i++;
      if (xml.charCodeAt(i) !== 61) unsupported('a malformed attribute');
      i++;
      while (isSpace(xml.charCodeAt(i))) i++;
      const quote = xml.charCodeAt(i);
      if (quote !== 34 && quote !== 39) unsupported('an unquoted attribute value');
      const valueTo = xml.indexOf(quote === 34 ? '"' : "'", i + 1);
      if (valueTo < 0) unsupported('an unterminated attribute value');
      const keyLength = keyTo - keyFrom;
      for (let k = 0; k < n; k += 4) {
        const a = attrs[k] as number;
        if ((attrs[k + 1] as number) - a !== keyLength) continue;
        let j = 0;
        while (j < keyLength && xml.charCodeAt(a + j) === xml.charCodeAt(keyFrom + j)) j++;
        if (j === keyLength) unsupported('a repeated attribute');
      }
      attrs[n] = keyFrom;
      attrs[n + 1] = keyTo;
      attrs[n + 2] = i + 1;
      attrs[n + 3] = valueTo;
      n += 4;
      i = valueTo + 1;
    }
    this.attrCount = n;
    if (this.stack.length === 0) {
      if (this.rootSeen) unsupported('a second root element');
      this.rootSeen = true;
    }
    this.name = xml.slice(lt + 1, nameEnd);
    this.stack.push(this.name);
    this.pos = i + 1;
    this.kind = OPEN;
  }

  /** An attribute of the element just opened, decoded; undefined when absent. */
  attr(key: string): string | undefined {
    const attrs = this.attrs;
    const xml = this.xml;
    for (let k = 0; k < this.attrCount; k += 4) {
      const from = attrs[k] as number;
      if ((attrs[k + 1] as number) - from === key.length && xml.startsWith(key, from)) return this.decode(attrs[k + 2] as number, attrs[k + 3] as number, true);
    }
    return undefined;
  }

  /** The text just read, decoded. */
  text(): string {
    return this.decode(this.textFrom, this.textTo, false);
  }

  /** A piece of the document as saxes reports it (see normalise), UTF-8 decoded as jszip decodes a part. */
  private decode(from: number, to: number, attribute: boolean): string {
    const xml = this.xml;
    const raw = xml.slice(from, to);
    const cache = attribute ? VALUES : TEXTS;
    const known = cache.get(raw);
    if (known !== undefined) return known;
    let plain = true;
    for (let i = from; i < to; i++) {
      const ch = xml.charCodeAt(i);
      if (ch >= 0x20 && ch < 0x80 && ch !== 38) continue;
      if (ch < 0x20 && ch !== 9 && ch !== 10 && ch !== 13) unsupported('a control character XML forbids');
      if (ch === 60) unsupported('«<» in an attribute value');
      if (ch >= 0x80 || ch === 38 || ch === 13 || attribute) plain = false;
    }
    // V8 makes longer slices views into the whole part: a copy keeps a stored value from holding the part
    if (plain) return to - from < 13 ? raw : this.bytes.toString('latin1', from, to);
    const out = normalise(this.bytes.toString('utf8', from, to), attribute);
    if (cache.size >= MAX_PIECES) cache.clear();
    // a copy as the key: the slice would keep the whole part alive
    cache.set(this.bytes.toString('latin1', from, to), out);
    return out;
  }

  /** After OPEN: moves past the matching CLOSE. */
  skip(watched: readonly string[] = []): void {
    if (!this.selfClosing && this.jump(watched)) return;
    const depth = this.stack.length - 1;
    while (this.stack.length > depth) {
      const t = this.next();
      if (t === END) unsupported('the document ends inside an element');
      if (t === OPEN && watched.includes(this.name)) unsupported(`<${this.name}> nested in another element`);
    }
  }

  /**
   * The fast way past an element: straight to its closing tag, when nothing in between could hide it (the same
   * element nested, a comment, a processing instruction) and none of `watched` is opened in between. The
   * markup in between is not checked.
   */
  private jump(watched: readonly string[]): boolean {
    const xml = this.xml;
    const name = this.name;
    const from = this.pos;
    const close = xml.indexOf(`</${name}`, from);
    if (close < 0) return false;
    let gt = close + 2 + name.length;
    while (isSpace(xml.charCodeAt(gt))) gt++;
    if (xml.charCodeAt(gt) !== 62) return false;
    const inside = xml.slice(from, close);
    if (inside.includes('<!') || inside.includes('<?') || inside.includes(`<${name}`)) return false;
    for (const w of watched) if (inside.includes(`<${w}`)) return false;
    this.stack.pop();
    this.pos = gt + 1;
    this.kind = CLOSE;
    return true;
  }

  /**
   * After OPEN of an element that may hold only text: its text (pieces joined). Child elements are refused.
   * Returns undefined when there was no text at all (saxes then emits no text event).
   */
  textContent(): string | undefined {
    let out: string | undefined;
    for (;;) {
      const t = this.next();
      if (t === TEXT) out = out === undefined ? this.text() : out + this.text();
      else if (t === CLOSE) return out;
      else unsupported(`an element inside <${this.name}>`);
    }
  }
}

export function root(x: XmlCursor, name: string): void {
  if (x.next() !== OPEN || x.name !== name) unsupported(`the root is not <${name}>`);
}

/** Children of the element just opened at `depth`: calls `child` on each child's OPEN (it must consume it). */
export function children(x: XmlCursor, child: () => void): void {
  const depth = x.depth;
  for (;;) {
    const t = x.next();
    if (t === OPEN) child();
    else if (t === CLOSE && x.depth < depth) return;
    else if (t === END) unsupported('unexpected end');
  }
}
