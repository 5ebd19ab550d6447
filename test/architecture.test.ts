/**
 * The layers (ARCHITECTURE.md): core imports nothing but core and zod; app imports core; gas and node never import
 * each other (nor the sidebar); the sidebar imports only types from the server side. And no line in src is over
 * 160 characters.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '..', 'src');
type Layer = 'core' | 'app' | 'gas' | 'node' | 'client';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.(ts|css|html)$/.test(name) ? [full] : [];
  });
}

interface Import {
  file: string;
  specifier: string;
  typeOnly: boolean;
}

/** Static imports and re-exports (the code base uses no dynamic import). */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  const re = /^(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) out.push({ file, specifier: m[3] ?? '', typeOnly: m[2] !== undefined });
  return out;
}

const layerOf = (file: string): Layer => path.relative(SRC, file).split(path.sep)[0] as Layer;
const target = (i: Import): Layer | 'package' => (i.specifier.startsWith('.') ? layerOf(path.resolve(path.dirname(i.file), i.specifier)) : 'package');

const ALLOWED: Record<Layer, Layer[]> = {
  core: ['core'],
  app: ['app', 'core'],
  gas: ['gas', 'app', 'core'],
  node: ['node', 'app', 'core'],
  client: ['client'],
};
const ZOD = /^zod(\/.*)?$/;
const PACKAGES: Partial<Record<Layer, RegExp>> = { core: ZOD, app: ZOD, client: ZOD };

const all = files(SRC).filter((f) => f.endsWith('.ts'));

test.each(['core', 'app', 'gas', 'node', 'client'] as Layer[])('%s imports only what its layer may', (layer) => {
  const wrong = all
    .filter((f) => layerOf(f) === layer)
    .flatMap(importsOf)
    .filter((i) => {
      const to = target(i);
      if (to === 'package') return PACKAGES[layer] ? !PACKAGES[layer].test(i.specifier) && !i.typeOnly : false;
      if (ALLOWED[layer].includes(to)) return false;
      // the sidebar may name the server's types (the RPC contract), never its code
      return !(layer === 'client' && i.typeOnly && (to === 'app' || to === 'core'));
    })
    .map((i) => `${path.relative(SRC, i.file)} → ${i.specifier}`);
  expect(wrong).toEqual([]);
});

test('the application layer exists and both front ends use it', () => {
  const users = (layer: Layer): number =>
    all
      .filter((f) => layerOf(f) === layer)
      .flatMap(importsOf)
      .filter((i) => target(i) === 'app').length;
  expect(users('gas')).toBeGreaterThan(5);
  expect(users('node')).toBeGreaterThan(5);
});

test('no line in src is over 160 characters', () => {
  const long = files(SRC).flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .flatMap((line, i) => (line.length > 160 ? [`${path.relative(SRC, f)}:${i + 1} (${line.length})`] : [])),
  );
  expect(long).toEqual([]);
});
