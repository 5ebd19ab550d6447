#!/usr/bin/env node
// Launcher for the offline CLI. Rebuilds build/cli.cjs (via build.mjs) when it
// is missing or older than any file under src/ (or build.mjs itself), then runs it.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'build', 'cli.cjs');
const SRC = path.join(ROOT, 'src');
const BUILD_SCRIPT = path.join(ROOT, 'build.mjs');

function mtimeMs(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** Newest mtime of any file under dir (iterative walk; symlinks are not followed). */
function newestMtime(dir) {
  let newest = -1;
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop();
    let entries;
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile()) newest = Math.max(newest, mtimeMs(full));
    }
  }
  return newest;
}

function isStale() {
  const built = mtimeMs(CLI);
  if (built < 0) return true;
  // Installed without sources (e.g. from a package): use what is built.
  if (!fs.existsSync(SRC) || !fs.existsSync(BUILD_SCRIPT)) return false;
  return Math.max(newestMtime(SRC), mtimeMs(BUILD_SCRIPT)) > built;
}

if (isStale()) {
  if (!fs.existsSync(BUILD_SCRIPT)) {
    console.error(`msoko: ${path.relative(process.cwd(), CLI)} is missing and build.mjs is not available.`);
    process.exit(1);
  }
  try {
    // Build log goes to stderr so the CLI's own stdout stays clean for pipes.
    execFileSync(process.execPath, [BUILD_SCRIPT], { cwd: ROOT, stdio: ['inherit', 2, 'inherit'] });
  } catch {
    console.error('msoko: build failed (see above).');
    process.exit(1);
  }
  if (!fs.existsSync(CLI)) {
    console.error('msoko: build/cli.cjs was not produced (is src/node/cli.ts missing?).');
    process.exit(1);
  }
}

require(CLI);
