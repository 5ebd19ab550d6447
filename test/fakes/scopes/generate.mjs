// Writes test/fakes/scopes/authorization.json: for every Apps Script method the fake models, the OAuth scopes of which
// ANY one authorizes the call, as Google's reference says in the method's «Authorization» block. The blocks are read
// from the gas-types-detailed package (a devDependency: the reference snapshot of 2025-11-10 in .d.ts form); the
// advanced services (Sheets v4, Drive v3, Docs v1) are the REST methods' scopes, written here by hand (ADVANCED).
//
//   node test/fakes/scopes/generate.mjs            regenerate the committed file
//   node test/fakes/scopes/generate.mjs --stdout   print it instead (test/fakes/scopes.test.ts compares the two)
//
// Keys are class names as the fake's call log spells them (`DriveApp`, `File`, `Range`, `Sheets.Spreadsheets.Values`…),
// then method names. A method without an Authorization block maps to [] (it needs no scope). Scopes are written without
// the common prefix https://www.googleapis.com/auth/.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..', '..', '..');
const PACKAGE = path.join(ROOT, 'node_modules', 'gas-types-detailed');
const OUT = path.join(HERE, 'authorization.json');
const PREFIX = 'https://www.googleapis.com/auth/';

/** The reference's namespaces whose classes the fake models (file suffix → namespace). */
const NAMESPACES = ['base', 'drive', 'spreadsheet', 'document', 'forms', 'html', 'properties', 'lock', 'script', 'utilities', 'url-fetch', 'mail'];

/**
 * Advanced services: the REST API's scopes per method («Authorization scopes: requires one of the following OAuth
 * scopes» on each method's reference page, e.g. https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values/batchGet,
 * https://developers.google.com/workspace/drive/api/reference/rest/v3/files/get,
 * https://developers.google.com/workspace/docs/api/reference/rest/v1/documents/get). Checked against the discovery-
 * generated samples of the googleapis npm package 176.0.0 (build/src/apis/{sheets/v4,drive/v3,docs/v1}.d.ts).
 */
const SHEETS_READ = ['drive', 'drive.file', 'drive.readonly', 'spreadsheets', 'spreadsheets.readonly'];
const SHEETS_WRITE = ['drive', 'drive.file', 'spreadsheets'];
const DRIVE_META = ['drive', 'drive.appdata', 'drive.file', 'drive.meet.readonly', 'drive.metadata', 'drive.metadata.readonly'];
const DRIVE_READ = [...DRIVE_META, 'drive.photos.readonly', 'drive.readonly'];
const PERMISSION_READ = ['drive', 'drive.file', 'drive.meet.readonly', 'drive.metadata', 'drive.metadata.readonly', 'drive.photos.readonly', 'drive.readonly'];
const ADVANCED = {
  'Sheets.Spreadsheets': { batchUpdate: SHEETS_WRITE, create: SHEETS_WRITE, get: SHEETS_READ },
  'Sheets.Spreadsheets.Values': {
    append: SHEETS_WRITE,
    batchClear: SHEETS_WRITE,
    batchGet: SHEETS_READ,
    batchUpdate: SHEETS_WRITE,
    clear: SHEETS_WRITE,
    get: SHEETS_READ,
    update: SHEETS_WRITE,
  },
  'Drive.Files': {
    copy: ['drive', 'drive.appdata', 'drive.file', 'drive.photos.readonly'],
    create: ['drive', 'drive.appdata', 'drive.file'],
    remove: ['drive', 'drive.appdata', 'drive.file'],
    emptyTrash: ['drive'],
    export: ['drive', 'drive.file', 'drive.meet.readonly', 'drive.readonly'],
    generateIds: ['drive', 'drive.appdata', 'drive.file'],
    get: DRIVE_READ,
    list: DRIVE_READ,
    update: ['drive', 'drive.appdata', 'drive.file', 'drive.metadata', 'drive.scripts'],
  },
  'Drive.Permissions': {
    create: ['drive', 'drive.file'],
    remove: ['drive', 'drive.file'],
    get: PERMISSION_READ,
    list: PERMISSION_READ,
    update: ['drive', 'drive.file'],
  },
  'Docs.Documents': {
    batchUpdate: ['documents', 'drive', 'drive.file'],
    create: ['documents', 'drive', 'drive.file'],
    get: ['documents', 'documents.readonly', 'drive', 'drive.file', 'drive.readonly'],
  },
};

const short = (scope) => (scope.startsWith(PREFIX) ? scope.slice(PREFIX.length) : scope);

/** One namespace's interfaces: name → {parents, methods: name → [scopes of each overload]}. */
function parseNamespace(file) {
  const lines = readFileSync(path.join(PACKAGE, `google-apps-script.${file}.d.ts`), 'utf8').split('\n');
  const classes = new Map();
  let current = null;
  let doc = null;
  let inDoc = false;
  let buffer = [];
  for (const line of lines) {
    const iface = /^ {4}interface (\w+)(?: extends ([\w., ]+))? \{/.exec(line);
    if (iface) {
      current = {
        parents: (iface[2] ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        methods: new Map(),
      };
      classes.set(iface[1], current);
      continue;
    }
    if (/^ {4}\}/.test(line)) current = null;
    if (current === null) continue;
    if (/^ {6}\/\*\*/.test(line) || inDoc) {
      buffer = inDoc ? [...buffer, line] : [line];
      inDoc = !line.includes('*/');
      if (!inDoc) doc = buffer.join('\n');
      continue;
    }
    const method = /^ {6}(\w+)\s*[(<]/.exec(line);
    if (method) {
      const block = doc?.split('Authorization:')[1] ?? '';
      const scopes = [...block.matchAll(/https:\/\/[\w./-]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('https://developers.google.com/'));
      const list = current.methods.get(method[1]) ?? [];
      list.push(scopes.map(short));
      current.methods.set(method[1], list);
    }
    if (/^ {6}\S/.test(line)) doc = null;
  }
  return classes;
}

/** The scopes of a method: the union over its overloads that have a block ([] when none has one). */
function merge(lists) {
  const out = [];
  for (const list of lists) for (const s of list) if (!out.includes(s)) out.push(s);
  return out;
}

export function generate() {
  const table = new Map();
  const ambiguous = new Map();
  for (const file of NAMESPACES) {
    const classes = parseNamespace(file);
    const methodsOf = (name, seen = new Set()) => {
      const cls = classes.get(name);
      if (!cls || seen.has(name)) return new Map();
      seen.add(name);
      const out = new Map();
      for (const parent of cls.parents) for (const [m, lists] of methodsOf(parent, seen)) out.set(m, lists);
      for (const [m, lists] of cls.methods) out.set(m, lists);
      return out;
    };
    for (const name of classes.keys()) {
      const entry = table.get(name) ?? new Map();
      for (const [m, lists] of methodsOf(name)) {
        const scopes = merge(lists);
        const before = entry.get(m);
        if (before !== undefined && before.join() !== scopes.join()) {
          // the same Class.method in two namespaces (ListItem: Docs and Forms): any scope of either authorizes it
          ambiguous.set(`${name}.${m}`, true);
          entry.set(m, merge([before, scopes]));
        } else entry.set(m, scopes);
      }
      table.set(name, entry);
    }
  }
  for (const [cls, methods] of Object.entries(ADVANCED)) table.set(cls, new Map(Object.entries(methods)));
  const lines = ['{'];
  lines.push(
    '  "about": "Generated by test/fakes/scopes/generate.mjs from gas-types-detailed 1.1.3 (Apps Script reference 2025-11-10, «Authorization» blocks) and, for the advanced services, the REST reference (hand-written in the generator). Class → method → scopes of which any one authorizes the call (prefix https://www.googleapis.com/auth/ left out); [] = no scope needed. Do not edit.",',
  );
  lines.push(`  "ambiguous": ${JSON.stringify([...ambiguous.keys()].sort())},`);
  lines.push('  "classes": {');
  const names = [...table.keys()].sort();
  names.forEach((name, i) => {
    const methods = [...table.get(name).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    lines.push(`    ${JSON.stringify(name)}: {`);
    methods.forEach(([m, scopes], j) => {
      lines.push(`      ${JSON.stringify(m)}: ${JSON.stringify(scopes)}${j < methods.length - 1 ? ',' : ''}`);
    });
    lines.push(`    }${i < names.length - 1 ? ',' : ''}`);
  });
  lines.push('  }', '}', '');
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = generate();
  if (process.argv.includes('--stdout')) process.stdout.write(text);
  else writeFileSync(OUT, text);
}
