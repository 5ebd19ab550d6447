// Writes examples/catalog-bashmakovsky.xlsx from test/fixtures/bashmakovsky/catalog-source.ts with the tool's own
// catalog-workbook writer: `node scripts/catalog-bashmakovsky.mjs`. test/node/catalog/bashmakovsky.test.ts checks that
// the committed file reads back as that source.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'examples', 'catalog-bashmakovsky.xlsx');
// next to the CLI bundle, so that the packages (exceljs, zod) resolve from node_modules
const bundle = path.join(root, 'build', `catalog-example-${process.pid}.cjs`);
try {
  await build({
    stdin: {
      contents: [
        "import { bashmakovskyCatalog } from './test/fixtures/bashmakovsky/catalog-source';",
        "import { writeCatalogWorkbook } from './src/node/catalog/workbook-file';",
        'export const write = (file) => writeCatalogWorkbook(bashmakovskyCatalog, file);',
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    outfile: bundle,
    logLevel: 'warning',
  });
  const require = createRequire(path.join(root, 'package.json'));
  await require(bundle).write(out);
  console.log(`Записано: ${path.relative(root, out)}`);
} finally {
  rmSync(bundle, { force: true });
}
