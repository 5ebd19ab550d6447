import { SingleBar } from 'cli-progress';

/** A progress bar on stderr for long steps over many files; silent when not a terminal or in --json mode. */
export interface Progress {
  tick(label?: string): void;
  stop(): void;
}

export function progress(title: string, total: number, quiet: boolean): Progress {
  if (quiet || !process.stderr.isTTY || total < 2) return { tick: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: `${title} [{bar}] {value}/{total} {label}`,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(total, 0, { label: '' });
  return {
    tick: (label = '') => bar.increment(1, { label }),
    stop: () => bar.stop(),
  };
}
