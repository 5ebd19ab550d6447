/**
 * PropertiesService. Strings only (numbers/booleans are stringified as Apps Script does; other
 * types throw in the fake to catch "[object Object]" bugs); null for a missing key; 9 KB per
 * value ("Argument too large: value") and 500 KB per store (keys count) limits; every read or
 * write counts toward the daily properties quota.
 */
import { track, type Env } from './runtime';

export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export class FakePropertiesService {
  constructor(private readonly env: Env) {}
  getScriptProperties(): FakeProperties {
    return track(this.env, 'Properties', new FakeProperties(this.env, this.env.ws.scriptProperties));
  }
  getUserProperties(): FakeProperties {
    const { ws } = this.env;
    let store = ws.userProperties.get(ws.currentUser);
    if (!store) {
      store = new Map();
      ws.userProperties.set(ws.currentUser, store);
    }
    return track(this.env, 'Properties', new FakeProperties(this.env, store));
  }
  /** null outside a container document (no host spreadsheet). */
  getDocumentProperties(): FakeProperties | null {
    const { ws } = this.env;
    if (ws.hostId === null) return null;
    let store = ws.documentProperties.get(ws.hostId);
    if (!store) {
      store = new Map();
      ws.documentProperties.set(ws.hostId, store);
    }
    return track(this.env, 'Properties', new FakeProperties(this.env, store));
  }
}

export class FakeProperties {
  constructor(
    private readonly env: Env,
    private readonly store: Map<string, string>,
  ) {}
  private text(value: unknown, what: string): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw this.env.ws.error(`Invalid argument: ${what}`);
  }
  private checkedWrite(entries: Array<[string, string]>, base: Map<string, string>): Map<string, string> {
    const next = new Map(base);
    for (const [k, v] of entries) {
      if (bytes(v) > MAX_VALUE_BYTES) throw this.env.ws.error('Argument too large: value');
      next.set(k, v);
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > MAX_STORE_BYTES) throw this.env.ws.error('You have exceeded the property storage quota. Please remove some properties and try again.');
    return next;
  }
  private commit(next: Map<string, string>): void {
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
  }
  getProperty(key: string): string | null {
    this.env.ws.consumeQuota('propertiesReadWrite');
    return this.store.get(String(key)) ?? null;
  }
  setProperty(key: string, value: unknown): FakeProperties {
    this.env.ws.consumeQuota('propertiesReadWrite');
    this.commit(this.checkedWrite([[this.text(key, 'key'), this.text(value, 'value')]], this.store));
    return this;
  }
  setProperties(properties: unknown, deleteAllOthers = false): FakeProperties {
    this.env.ws.consumeQuota('propertiesReadWrite');
    if (typeof properties !== 'object' || properties === null) throw this.env.ws.error('Invalid argument: properties');
    const entries = Object.entries(properties).map(([k, v]): [string, string] => [k, this.text(v, 'value')]);
    this.commit(this.checkedWrite(entries, deleteAllOthers ? new Map() : this.store));
    return this;
  }
  getProperties(): Record<string, string> {
    this.env.ws.consumeQuota('propertiesReadWrite');
    return this.env.ws.object(this.store);
  }
  getKeys(): string[] {
    this.env.ws.consumeQuota('propertiesReadWrite');
    return this.env.ws.array(this.store.keys());
  }
  deleteProperty(key: string): FakeProperties {
    this.env.ws.consumeQuota('propertiesReadWrite');
    this.store.delete(String(key));
    return this;
  }
  deleteAllProperties(): FakeProperties {
    this.env.ws.consumeQuota('propertiesReadWrite');
    this.store.clear();
    return this;
  }
}
