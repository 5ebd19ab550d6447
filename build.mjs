// Build script: Apps Script bundle (dist/) and Node CLI (build/cli.cjs).
//
//   node build.mjs
//
// Pass 1  ESM probe of src/gas/main.ts (write:false) → export names, checked
//         against src/gas/public-api.json.
// Pass 2  IIFE bundle → dist/Code.js with one top-level delegating stub per
//         export (Apps Script only sees top-level `function` declarations),
//         self-checked; appsscript.json copied; sidebar hook.
// Pass 3  Node CLI src/node/cli.ts → build/cli.cjs (if the entry exists) and its .docx worker thread
//         src/node/docx/worker.ts → build/docx-worker.cjs.
//
// See ARCHITECTURE.md, "Bundle rules", for the reasoning.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const r = (...p) => path.join(ROOT, ...p);

const GAS_ENTRY = r('src/gas/main.ts');
const PUBLIC_API = r('src/gas/public-api.json');
const MANIFEST = r('appsscript.json');
const DIST = r('dist');
const CODE_JS = r('dist/Code.js');
const CLIENT_ENTRY = r('src/client/index.ts');
const CLIENT_TEMPLATE = r('src/client/sidebar.html');
const SIDEBAR_OUT = r('dist/Sidebar.html');
const CLI_ENTRY = r('src/node/cli.ts');
const CLI_OUT = r('build/cli.cjs');
// the .docx worker thread (src/node/docx/pool.ts finds it beside cli.cjs)
const DOCX_WORKER_ENTRY = r('src/node/docx/worker.ts');
const DOCX_WORKER_OUT = r('build/docx-worker.cjs');

const GLOBAL_NAME = '__app';
const MAX_BUNDLE_BYTES = 1.5 * 1024 * 1024;
/** Service globals that must not be touched while the bundle's module code runs. */
const SERVICE_GLOBALS = [
  'SpreadsheetApp',
  'HtmlService',
  'DriveApp',
  'Drive',
  'PropertiesService',
  'DocumentApp',
  'FormApp',
  'LockService',
  'Session',
  'Utilities',
  'ScriptApp',
  'CacheService',
  'UrlFetchApp',
];

const pkg = JSON.parse(readFileSync(r('package.json'), 'utf8'));
const define = { __APP_VERSION__: JSON.stringify(String(pkg.version ?? 'dev')) };

class BuildError extends Error {}
const fail = (msg) => {
  throw new BuildError(msg);
};
const rel = (p) => path.relative(ROOT, p).split(path.sep).join('/');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// Words that cannot be the name of a function declaration in a sloppy-mode script.
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false ' +
    'finally for function if import in instanceof new null return super switch this throw true try ' +
    'typeof var void while with yield let static implements interface package private protected public ' +
    'await arguments eval undefined NaN Infinity'
  ).split(' '),
);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

// ---------------------------------------------------------------- pass 1 --
async function readEntryExports() {
  const result = await build({
    entryPoints: [GAS_ENTRY],
    outfile: r('dist/.exports-probe.mjs'), // never written (write:false)
    write: false,
    metafile: true,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    define,
    logLevel: 'silent',
  });
  const entryRel = rel(GAS_ENTRY);
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint === entryRel);
  if (!output) fail(`pass 1: esbuild metafile has no output for ${entryRel}`);
  const names = [...output.exports];
  const problems = [];
  for (const name of names) {
    if (name === 'default') problems.push(`"default": default exports have no name in Apps Script; use a named export`);
    else if (!IDENTIFIER.test(name) || RESERVED.has(name)) problems.push(`"${name}": not a valid function identifier`);
    else if (name.endsWith('_')) problems.push(`"${name}": names ending in "_" are private in Apps Script and cannot be public`);
    else if (name === GLOBAL_NAME) problems.push(`"${name}": reserved for the bundle namespace`);
  }
  if (problems.length) fail(`invalid exports in ${entryRel}:\n  - ${problems.join('\n  - ')}`);
  return names.sort();
}

function readAllowList() {
  let list;
  try {
    list = JSON.parse(readFileSync(PUBLIC_API, 'utf8'));
  } catch (e) {
    fail(`cannot read ${rel(PUBLIC_API)}: ${e.message}`);
  }
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) {
    fail(`${rel(PUBLIC_API)} must be a JSON array of function names`);
  }
  const dupes = list.filter((x, i) => list.indexOf(x) !== i);
  if (dupes.length) fail(`${rel(PUBLIC_API)} has duplicates: ${dupes.join(', ')}`);
  return [...list].sort();
}

function checkAllowList(exportsList, allowList) {
  const notAllowed = exportsList.filter((n) => !allowList.includes(n));
  const missing = allowList.filter((n) => !exportsList.includes(n));
  if (notAllowed.length || missing.length) {
    const lines = [`exports of ${rel(GAS_ENTRY)} differ from ${rel(PUBLIC_API)}:`];
    if (notAllowed.length) lines.push(`  + exported but not in the allow-list: ${notAllowed.join(', ')}`);
    if (missing.length) lines.push(`  - in the allow-list but not exported:  ${missing.join(', ')}`);
    lines.push('Widening the public surface is a reviewed change: edit the allow-list deliberately.');
    fail(lines.join('\n'));
  }
}

// ---------------------------------------------------------------- pass 2 --
function stubsFor(names) {
  return names.map((n) => `function ${n}(){ return ${GLOBAL_NAME}.${n}.apply(this, arguments); }`).join('\n');
}

async function buildGasBundle(names) {
  const result = await build({
    entryPoints: [GAS_ENTRY],
    outfile: CODE_JS,
    write: false,
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020',
    charset: 'utf8',
    minify: false,
    legalComments: 'none',
    define,
    banner: { js: '// Generated by build.mjs from src/gas/main.ts. Do not edit.' },
    footer: { js: `// Public functions (src/gas/public-api.json)\n${stubsFor(names)}` },
    logLevel: 'warning',
  });
  const out = result.outputFiles.find((f) => f.path === CODE_JS);
  if (!out) fail('pass 2: esbuild produced no dist/Code.js');
  return out.text;
}

/** Throwing stand-in for a service: module-level code must not touch it. */
function forbiddenService(name) {
  const boom = (what) => {
    throw new Error(`module-level code touched ${name}${what}`);
  };
  return new Proxy(
    {},
    {
      get: (_t, p) => boom(`.${String(p)}`),
      set: (_t, p) => boom(`.${String(p)} (set)`),
      has: (_t, p) => boom(` ("${String(p)}" in)`),
    },
  );
}

function selfCheck(code, names) {
  const problems = [];
  if (/^export\b/m.test(code)) problems.push('contains a top-level `export` statement');
  if (/\bimport\s*\(/.test(code)) problems.push('contains `import(`');
  if (/\brequire\s*\(/.test(code)) problems.push('contains `require(`');
  if (/\b__require\b/.test(code)) problems.push("contains esbuild's dynamic `require` shim (a `require()` of a non-bundled module)");
  const bytes = Buffer.byteLength(code, 'utf8');
  if (bytes > MAX_BUNDLE_BYTES) {
    problems.push(`is ${kb(bytes)}, over the ${kb(MAX_BUNDLE_BYTES)} budget (use zod/mini, drop heavy deps)`);
  }
  if (problems.length === 0) {
    // Must parse as a classic script and load with no service access, and
    // every stub must delegate to a function.
    try {
      const sandbox = { console };
      for (const s of SERVICE_GLOBALS) sandbox[s] = forbiddenService(s);
      const ctx = vm.createContext(sandbox);
      vm.runInContext(code, ctx, { filename: 'Code.js', timeout: 5000 });
      const app = vm.runInContext(GLOBAL_NAME, ctx);
      for (const n of names) {
        if (typeof app?.[n] !== 'function') problems.push(`export "${n}" is not a function`);
        if (typeof ctx[n] !== 'function') problems.push(`"${n}" is not a top-level function`);
      }
    } catch (e) {
      problems.push(`does not load in a bare context: ${e.message}`);
    }
  }
  if (problems.length) fail(`self-check of dist/Code.js failed:\n  - ${problems.join('\n  - ')}`);
  return bytes;
}

/**
 * Sidebar hook (§4 of the tooling notes). Builds src/client/index.ts for the
 * browser and inlines it into src/client/sidebar.html → dist/Sidebar.html.
 * Returns null while there is no client entry yet.
 */
async function buildSidebar() {
  if (!existsSync(CLIENT_ENTRY)) return null;
  if (!existsSync(CLIENT_TEMPLATE)) fail(`${rel(CLIENT_ENTRY)} exists but ${rel(CLIENT_TEMPLATE)} does not`);
  const result = await build({
    entryPoints: [CLIENT_ENTRY],
    outdir: r('dist/.client'), // never written (write:false)
    write: false,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    charset: 'utf8',
    minify: true,
    legalComments: 'none',
    define,
    logLevel: 'warning',
  });
  const js = result.outputFiles
    .filter((f) => f.path.endsWith('.js'))
    .map((f) => f.text)
    .join('\n');
  const css = result.outputFiles
    .filter((f) => f.path.endsWith('.css'))
    .map((f) => f.text)
    .join('\n');
  const template = readFileSync(CLIENT_TEMPLATE, 'utf8');
  const SCRIPT_MARK = '<!-- INLINE_SCRIPT -->';
  const STYLE_MARK = '<!-- INLINE_STYLE -->';
  if (!template.includes(SCRIPT_MARK)) fail(`${rel(CLIENT_TEMPLATE)} lacks the ${SCRIPT_MARK} marker`);
  // Replacer functions, never replacement strings: bundled code may contain `$&`, `$'` …
  let html = template.replace(SCRIPT_MARK, () => `<script>\n${js}</script>`);
  html = html.replace(STYLE_MARK, () => (css ? `<style>\n${css}</style>` : ''));
  writeFileSync(SIDEBAR_OUT, html);
  return { file: SIDEBAR_OUT, bytes: Buffer.byteLength(html, 'utf8') };
}

// ---------------------------------------------------------------- pass 3 --
async function buildCli() {
  if (!existsSync(CLI_ENTRY)) return null;
  const node = (entry, outfile) => ({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    charset: 'utf8',
    define,
    logLevel: 'warning',
  });
  await Promise.all([build(node(CLI_ENTRY, CLI_OUT)), build(node(DOCX_WORKER_ENTRY, DOCX_WORKER_OUT))]);
  return CLI_OUT;
}

// ------------------------------------------------------------------ main --
async function main() {
  const t0 = performance.now();

  const names = await readEntryExports();
  checkAllowList(names, readAllowList());

  const code = await buildGasBundle(names);
  const bytes = selfCheck(code, names);

  // dist/ is generated only: clear it so stale files (e.g. an old *.html) are never pushed.
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  writeFileSync(CODE_JS, code);
  if (!existsSync(MANIFEST)) fail(`${rel(MANIFEST)} is missing`);
  writeFileSync(r('dist/appsscript.json'), readFileSync(MANIFEST));
  const sidebar = await buildSidebar();

  const cli = await buildCli();

  const ms = Math.round(performance.now() - t0);
  console.log(`build: dist/Code.js ${kb(bytes)} (limit ${kb(MAX_BUNDLE_BYTES)}), public: ${names.join(', ')}`);
  console.log(
    `build: dist/appsscript.json${sidebar ? `, dist/${path.basename(sidebar.file)} ${kb(sidebar.bytes)}` : ' (no sidebar yet: src/client/index.ts missing)'}`,
  );
  console.log(`build: ${cli ? rel(cli) : 'CLI skipped (src/node/cli.ts missing)'}; done in ${ms} ms`);
}

main().catch((e) => {
  if (e instanceof BuildError) {
    console.error(`build failed: ${e.message}`);
  } else if (Array.isArray(e?.errors) && e.errors.length) {
    // esbuild failure: its messages were already logged (logLevel warning) except for pass 1.
    console.error(`build failed (esbuild):\n${e.errors.map((m) => `  ${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`).join('\n')}`);
  } else {
    console.error('build failed:', e);
  }
  process.exit(1);
});
