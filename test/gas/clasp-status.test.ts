/**
 * Offline check of what `clasp push` would upload: `clasp status --json` needs no
 * login (it reads .clasp.json and .claspignore), so HOME points to an empty temp dir.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const CLASP = path.join(ROOT, 'node_modules', '.bin', 'clasp');
const TIMEOUT_MS = 60_000;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  error: Error | null;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: ROOT, env, timeout: TIMEOUT_MS, maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr), error });
    });
  });
}

/** Finds the status object in clasp's output: whole text, any single line, or the outermost {...}. */
function parseFilesToPush(stdout: string): string[] | null {
  const candidates = [stdout.trim(), ...stdout.split(/\r?\n/).map((l) => l.trim())];
  const first = stdout.indexOf('{');
  const last = stdout.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(stdout.slice(first, last + 1));
  for (const text of candidates) {
    if (!text.startsWith('{')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null) continue;
    const files: unknown = Reflect.get(parsed, 'filesToPush');
    if (Array.isArray(files) && files.every((f): f is string => typeof f === 'string')) return files;
  }
  return null;
}

/** Project-relative POSIX path, whether clasp printed it relative (to the project) or absolute. */
function normalise(file: string): string {
  return path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/');
}

test(
  'clasp status pushes dist/Code.js, dist/appsscript.json, dist/Sidebar.html and only other dist/*.html',
  async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'clasp-home-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, USERPROFILE: home };
      const result = await run(CLASP, ['status', '--json'], env);
      const output = `exit code: ${String(result.code)}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
      const files = parseFilesToPush(result.stdout);
      if (files === null) {
        throw new Error(`could not parse \`clasp status --json\` output\n${output}`);
      }
      const pushed = files.map(normalise).sort();
      const otherHtml = pushed.filter((f) => /^dist\/[^/]+\.html$/.test(f) && f !== 'dist/Sidebar.html');
      expect({ pushed, output }).toEqual({
        // the sidebar (built from src/client/) is served by createHtmlOutputFromFile('Sidebar')
        pushed: ['dist/Code.js', 'dist/Sidebar.html', 'dist/appsscript.json', ...otherHtml].sort(),
        output,
      });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
  TIMEOUT_MS + 10_000,
);
