/** Opens a URL in the default browser with the system's own opener; says in one line when there is none. */
import { spawn } from 'node:child_process';

function opener(url: string): { command: string; args: string[] } {
  if (process.platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  if (process.platform === 'darwin') return { command: 'open', args: [url] };
  return { command: 'xdg-open', args: [url] };
}

/** Resolves true when the opener started; false (never throws) when it is missing or fails at once. */
export function openBrowser(url: string): Promise<boolean> {
  const { command, args } = opener(url);
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
      child.once('error', () => resolve(false));
      child.once('exit', (code) => resolve(code === 0));
      child.once('spawn', () => {
        child.unref();
        // xdg-open without a desktop exits non-zero quickly; a browser that started keeps running
        setTimeout(() => resolve(true), 1500).unref();
      });
    } catch {
      resolve(false);
    }
  });
}
