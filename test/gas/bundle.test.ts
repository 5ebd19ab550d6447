/**
 * The built Apps Script bundle (dist/Code.js, produced by test/global-setup.cjs → build.mjs),
 * loaded the way Apps Script loads it: as a classic script in a fresh global scope.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const ROOT = path.join(__dirname, '..', '..');
const CODE_JS = path.join(ROOT, 'dist', 'Code.js');

const SERVICE_NAMES = [
  'SpreadsheetApp',
  'HtmlService',
  'DriveApp',
  'PropertiesService',
  'DocumentApp',
  'FormApp',
  'LockService',
  'Session',
  'Utilities',
] as const;
type ServiceName = (typeof SERVICE_NAMES)[number];

function readJson(file: string): unknown {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return parsed;
}

function readAllowList(): string[] {
  const list = readJson(path.join(ROOT, 'src', 'gas', 'public-api.json'));
  if (!Array.isArray(list) || !list.every((x): x is string => typeof x === 'string')) {
    throw new Error('src/gas/public-api.json must be a JSON array of strings');
  }
  return list;
}

/** Every access to a forbidden service, recorded even if the bundle swallows the error. */
type AccessLog = string[];

function forbiddenService(name: string, log: AccessLog): object {
  const deny = (what: string): never => {
    log.push(`${name}${what}`);
    throw new Error(`service ${name} touched: ${name}${what}`);
  };
  return new Proxy(
    {},
    {
      get: (_t, p) => deny(`.${String(p)}`),
      set: (_t, p) => deny(`.${String(p)}=`),
      has: (_t, p) => deny(` has ${String(p)}`),
      deleteProperty: (_t, p) => deny(` delete ${String(p)}`),
      defineProperty: (_t, p) => deny(` define ${String(p)}`),
      ownKeys: () => deny(' ownKeys'),
      getOwnPropertyDescriptor: (_t, p) => deny(` descriptor ${String(p)}`),
      getPrototypeOf: () => deny(' getPrototypeOf'),
    },
  );
}

interface SilentConsole {
  log: (...args: unknown[]) => void;
  info: (...args: unknown[]) => void;
  warn: (...args: unknown[]) => void;
  error: (...args: unknown[]) => void;
}

function silentConsole(lines: string[]): SilentConsole {
  const push = (...args: unknown[]): void => {
    lines.push(args.map(String).join(' '));
  };
  return { log: push, info: push, warn: push, error: push };
}

/** Globals injected by the tests; everything else in the context came from the bundle. */
function makeGlobals(log: AccessLog, overrides: Partial<Record<ServiceName, object>> = {}): Record<string, unknown> {
  const globals: Record<string, unknown> = { console: silentConsole([]) };
  for (const name of SERVICE_NAMES) globals[name] = overrides[name] ?? forbiddenService(name, log);
  return globals;
}

function loadBundle(globals: Record<string, unknown>): vm.Context {
  const ctx = vm.createContext(globals);
  vm.runInContext(readFileSync(CODE_JS, 'utf8'), ctx, { filename: 'Code.js', timeout: 5000 });
  return ctx;
}

/**
 * Top-level functions of the script: context keys holding a function, minus the injected globals.
 * `injected` must be captured before loading, because vm.createContext returns the very object
 * it was given and the script's declarations land on it.
 */
function topLevelFunctions(ctx: vm.Context, injected: readonly string[]): string[] {
  return Object.keys(ctx)
    .filter((k) => !injected.includes(k))
    .filter((k) => typeof ctx[k] === 'function')
    .sort();
}

describe('dist/Code.js', () => {
  const allowList = readAllowList();

  test('(a) exists after the global setup build', () => {
    expect(existsSync(CODE_JS)).toBe(true);
    expect(readFileSync(CODE_JS, 'utf8').length).toBeGreaterThan(0);
  });

  test('(b) loads in a bare context without touching any service', () => {
    const log: AccessLog = [];
    const globals = makeGlobals(log);
    expect(() => loadBundle(globals)).not.toThrow();
    expect(log).toEqual([]);
  });

  test('(c) its top-level functions are exactly the allow-list', () => {
    const log: AccessLog = [];
    const globals = makeGlobals(log);
    const injected = Object.keys(globals); // before loading: createContext contextifies `globals` itself
    const ctx = loadBundle(globals);
    const functions = topLevelFunctions(ctx, injected);
    expect(functions).toEqual([...allowList].sort());
    // The namespace object itself is not a callable entry point.
    expect(typeof ctx['__app']).toBe('object');
    expect(log).toEqual([]);
  });

  test('(d) onOpen in AuthMode.NONE builds the add-on menu using only SpreadsheetApp.getUi()', () => {
    const log: AccessLog = [];
    const items: Array<{ label: string; functionName: string }> = [];
    let addonMenus = 0;
    let addedToUi = 0;

    interface FakeMenu {
      addItem(label: string, functionName: string): FakeMenu;
      addSeparator(): FakeMenu;
      addToUi(): void;
    }
    const menu: FakeMenu = {
      addItem(label, functionName) {
        items.push({ label, functionName });
        return menu;
      },
      addSeparator() {
        return menu;
      },
      addToUi() {
        addedToUi += 1;
      },
    };
    const ui = {
      createAddonMenu(): FakeMenu {
        addonMenus += 1;
        return menu;
      },
    };
    // SpreadsheetApp allows getUi() and nothing else.
    const forbiddenSheets = forbiddenService('SpreadsheetApp', log);
    const spreadsheetApp = new Proxy(
      {},
      {
        get: (_t, p) => (p === 'getUi' ? () => ui : Reflect.get(forbiddenSheets, p)),
      },
    );

    const globals = makeGlobals(log, { SpreadsheetApp: spreadsheetApp });
    const injected = Object.keys(globals);
    const ctx = loadBundle(globals);
    const entry: unknown = ctx['onOpen'];
    expect(typeof entry).toBe('function');
    if (typeof entry !== 'function') return;
    const onOpen = entry as (e: { authMode: string }) => void;

    expect(() => onOpen({ authMode: 'NONE' })).not.toThrow();

    expect(log).toEqual([]);
    expect(addonMenus).toBe(1);
    expect(addedToUi).toBe(1);
    expect(items.map((i) => i.label)).toEqual([
      'Открыть панель',
      'Новая кампания',
      'Создать таблицы школ',
      'Проверить данные',
      'Свести в Приложения 1–11',
      'Рекомендации и отчёт',
      'Разослать письма о запуске',
      'Напомнить не сдавшим',
      'Разослать рекомендации',
      'Анкета удовлетворённости',
      'Проверка надстройки',
      'Справка',
    ]);
    expect(items.map((i) => i.functionName)).toEqual([
      'showSidebar',
      'menuNewCampaign',
      'menuGenerate',
      'menuValidate',
      'menuConsolidate',
      'menuDocuments',
      'menuLaunchLetters',
      'menuRemind',
      'menuRecommendationLetters',
      'menuSurvey',
      'menuSelfTest',
      'showHelp',
    ]);

    const functions = topLevelFunctions(ctx, injected);
    for (const { functionName } of items) {
      expect(functions).toContain(functionName);
      expect(functionName.endsWith('_')).toBe(false);
    }
  });

  test('(e) keeps Cyrillic literally (charset utf8), not as \\u escapes', () => {
    const code = readFileSync(CODE_JS, 'utf8');
    expect(code).toContain('Открыть панель');
    expect(code).toContain('Мониторинг воспитания');
    expect(code).not.toMatch(/\\u04[0-5][0-9a-fA-F]/);
  });

  test('(f) dist/appsscript.json equals appsscript.json and has no full drive scope', () => {
    const source = readJson(path.join(ROOT, 'appsscript.json'));
    const copied = readJson(path.join(ROOT, 'dist', 'appsscript.json'));
    expect(copied).toEqual(source);

    const scopes: unknown = typeof copied === 'object' && copied !== null ? Reflect.get(copied, 'oauthScopes') : undefined;
    expect(Array.isArray(scopes)).toBe(true);
    if (!Array.isArray(scopes)) return;
    expect(scopes.length).toBeGreaterThan(0);
    for (const scope of scopes) {
      expect(typeof scope).toBe('string');
      expect(String(scope).startsWith('https://www.googleapis.com/auth/')).toBe(true);
      expect(String(scope).endsWith('/auth/drive')).toBe(false);
    }
  });
});
