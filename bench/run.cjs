// `npm run bench`: bundles bench/main.ts (TypeScript) to build/bench.cjs with esbuild, then runs it.
// Arguments are passed through: node bench/run.cjs [--quick] [--skip-offline] [--only=core,addon,…]
'use strict';
const path = require('node:path');
const { buildSync } = require('esbuild');

const ROOT = path.join(__dirname, '..');
buildSync({
  entryPoints: [path.join(ROOT, 'bench', 'main.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  charset: 'utf8',
  logLevel: 'warning',
  outfile: path.join(ROOT, 'build', 'bench.cjs'),
});
require(path.join(ROOT, 'build', 'bench.cjs'));
