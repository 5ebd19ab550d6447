/**
 * Utilities (formatDate, sleep on the fake clock, blobs, base64, digests, UUIDs), Session,
 * Logger, console and ScriptApp. Byte arrays are signed (-128..127) like Apps Script's.
 */
import { createHash } from 'node:crypto';
import { AuthMode, DigestAlgorithm, enumName } from './enums';
import { isDateLike, makeUser, track, type Env, type FakeUser } from './runtime';
import { deleteTrigger, newTrigger, projectTriggers, type FakeTrigger, type FakeTriggerBuilder } from './triggers';

// ------------------------------------------------------------ formatDate --

function wallClock(date: Date, timeZone: string): Record<string, number> {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    return wallClock(date, 'UTC'); // unknown zone ids fall back to GMT, as Java's TimeZone does
  }
  const out: Record<string, number> = {};
  for (const p of fmt.formatToParts(date)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * SimpleDateFormat subset: yyyy yy MM M dd d HH H mm ss SSS Z XXX and 'quoted text'.
 * Other pattern letters throw in the fake so an unsupported pattern is noticed.
 */
export function formatDatePattern(date: Date, timeZone: string, pattern: string): string {
  const w = wallClock(date, timeZone);
  const get = (k: string): number => w[k] ?? 0;
  const offsetMin = Math.round(
    (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(date.getTime() / 1000) * 1000) / 60000,
  );
  const sign = offsetMin < 0 ? '-' : '+';
  const oh = pad(Math.floor(Math.abs(offsetMin) / 60), 2);
  const om = pad(Math.abs(offsetMin) % 60, 2);
  const tokens: Record<string, () => string> = {
    yyyy: () => pad(get('year'), 4),
    yy: () => pad(get('year') % 100, 2),
    MM: () => pad(get('month'), 2),
    M: () => String(get('month')),
    dd: () => pad(get('day'), 2),
    d: () => String(get('day')),
    HH: () => pad(get('hour'), 2),
    H: () => String(get('hour')),
    mm: () => pad(get('minute'), 2),
    ss: () => pad(get('second'), 2),
    SSS: () => pad(date.getTime() % 1000, 3),
    Z: () => `${sign}${oh}${om}`,
    XXX: () => (offsetMin === 0 ? 'Z' : `${sign}${oh}:${om}`),
  };
  return pattern.replace(/'([^']*)'|([A-Za-z])\2*/g, (m: string, quoted: string | undefined) => {
    if (quoted !== undefined) return quoted === '' ? "'" : quoted;
    const fn = tokens[m];
    if (!fn) throw new Error(`FakeUtilities.formatDate: pattern letters "${m}" are not supported by the fake`);
    return fn();
  });
}

// ------------------------------------------------------------------ blobs --

const toSigned = (buf: Buffer): number[] => [...buf].map((b) => (b > 127 ? b - 256 : b));
const toBuffer = (data: unknown): Buffer => (Array.isArray(data) ? Buffer.from(data.map((b) => Number(b) & 255)) : Buffer.from(String(data), 'utf8'));

const BLOB: unique symbol = Symbol('blob');
interface BlobState {
  data: string;
  type: string;
  name: string;
  /** The exact bytes of a blob made from a byte array (an uploaded .xlsx); `data` is then their UTF-8 reading. */
  bytes?: Buffer;
}

export function makeBlob(env: Env, data: string, contentType: string, name: string, bytes?: Buffer): FakeBlob {
  return track(env, 'Blob', new FakeBlob(env, bytes ? { data, type: contentType, name, bytes } : { data, type: contentType, name }));
}

/** Name, content and type of a Blob passed into a fake (e.g. Folder.createFile(blob)). */
export function blobParts(value: unknown): BlobState {
  const s: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, BLOB) : undefined;
  if (typeof s !== 'object' || s === null || !('data' in s)) throw new TypeError("The parameters don't match the method signature (expected a Blob).");
  return { ...(s as BlobState) };
}

export class FakeBlob {
  readonly [BLOB]: BlobState;
  constructor(
    private readonly env: Env,
    state: BlobState,
  ) {
    this[BLOB] = state;
  }
  getDataAsString(_charset?: string): string {
    return this[BLOB].data;
  }
  setDataFromString(data: string): FakeBlob {
    this[BLOB].data = String(data);
    delete this[BLOB].bytes;
    return this;
  }
  getBytes(): number[] {
    return this.env.ws.array(toSigned(this[BLOB].bytes ?? toBuffer(this[BLOB].data)));
  }
  getContentType(): string {
    return this[BLOB].type;
  }
  setContentType(contentType: string): FakeBlob {
    this[BLOB].type = String(contentType);
    return this;
  }
  getName(): string {
    return this[BLOB].name;
  }
  setName(name: string): FakeBlob {
    this[BLOB].name = String(name);
    return this;
  }
  copyBlob(): FakeBlob {
    return makeBlob(this.env, this[BLOB].data, this[BLOB].type, this[BLOB].name, this[BLOB].bytes);
  }
}

// -------------------------------------------------------------- Utilities --

export class FakeUtilities {
  readonly DigestAlgorithm = DigestAlgorithm;
  constructor(private readonly env: Env) {}
  formatDate(date: unknown, timeZone: string, format: string): string {
    if (!isDateLike(date)) throw this.env.ws.error("The parameters don't match the method signature for Utilities.formatDate.");
    return formatDatePattern(date, String(timeZone), String(format));
  }
  /** Advances the fake clock; returns at once. */
  sleep(milliseconds: number): void {
    this.env.ws.advance(Math.max(0, Number(milliseconds) || 0));
  }
  newBlob(data: unknown, contentType = 'text/plain', name = ''): FakeBlob {
    if (Array.isArray(data)) {
      const bytes = toBuffer(data);
      return makeBlob(this.env, bytes.toString('utf8'), String(contentType), String(name), bytes);
    }
    return makeBlob(this.env, String(data ?? ''), String(contentType), String(name));
  }
  base64Encode(data: unknown): string {
    return toBuffer(data).toString('base64');
  }
  base64EncodeWebSafe(data: unknown): string {
    return toBuffer(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): number[] {
    return this.env.ws.array(toSigned(Buffer.from(String(encoded), 'base64')));
  }
  base64DecodeWebSafe(encoded: string): number[] {
    return this.base64Decode(String(encoded).replace(/-/g, '+').replace(/_/g, '/'));
  }
  computeDigest(algorithm: unknown, value: unknown): number[] {
    const names: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };
    const alg = names[enumName(algorithm, 'DigestAlgorithm') ?? ''];
    if (!alg) throw this.env.ws.error('Invalid argument: algorithm');
    return this.env.ws.array(toSigned(createHash(alg).update(toBuffer(value)).digest()));
  }
  /** Deterministic v4-shaped UUIDs. */
  getUuid(): string {
    return `00000000-0000-4000-8000-${pad(this.env.ws.next('uuid'), 12)}`;
  }
}

// ------------------------------------------------- Session, Logger, console --

export class FakeSession {
  constructor(private readonly env: Env) {}
  getActiveUser(): FakeUser {
    return makeUser(this.env, this.env.ws.currentUser);
  }
  getEffectiveUser(): FakeUser {
    return makeUser(this.env, this.env.ws.currentUser);
  }
  getScriptTimeZone(): string {
    return this.env.ws.scriptTimeZone;
  }
  getActiveUserLocale(): string {
    return this.env.ws.userLocale.split('_')[0] ?? 'en';
  }
  getTemporaryActiveUserKey(): string {
    return `tmp-${createHash('sha256').update(this.env.ws.currentUser).digest('hex').slice(0, 24)}`;
  }
}

function formatLog(args: unknown[]): string {
  const [first, ...rest] = args;
  if (typeof first === 'string' && rest.length > 0 && /%[sdif]/.test(first)) {
    let i = 0;
    return first.replace(/%[sdif]/g, () => String(rest[i++]));
  }
  return args.map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? String(a)))).join(' ');
}

export class FakeLogger {
  constructor(private readonly env: Env) {}
  log(...args: unknown[]): FakeLogger {
    this.env.ws.logs.push({ level: 'Logger', message: formatLog(args), execution: this.env.exec.id });
    return this;
  }
  getLog(): string {
    return this.env.ws.logs
      .filter((l) => l.level === 'Logger' && l.execution === this.env.exec.id)
      .map((l) => l.message)
      .join('\n');
  }
  clear(): void {
    // The fake keeps every line in ws.logs.
  }
}

export class FakeConsole {
  constructor(private readonly env: Env) {}
  private push(level: 'log' | 'info' | 'warn' | 'error', args: unknown[]): void {
    this.env.ws.logs.push({ level, message: formatLog(args), execution: this.env.exec.id });
  }
  log(...args: unknown[]): void {
    this.push('log', args);
  }
  info(...args: unknown[]): void {
    this.push('info', args);
  }
  warn(...args: unknown[]): void {
    this.push('warn', args);
  }
  error(...args: unknown[]): void {
    this.push('error', args);
  }
}

export class FakeScriptApp {
  readonly AuthMode = AuthMode;
  constructor(private readonly env: Env) {}
  getScriptId(): string {
    return this.env.ws.scriptId;
  }
  getOAuthToken(): string {
    return 'fake-oauth-token';
  }
  getProjectTriggers(): FakeTrigger[] {
    return projectTriggers(this.env);
  }
  newTrigger(functionName: string): FakeTriggerBuilder {
    return newTrigger(this.env, functionName);
  }
  deleteTrigger(trigger: FakeTrigger): void {
    deleteTrigger(this.env, trigger);
  }
}
