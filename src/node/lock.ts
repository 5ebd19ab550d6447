import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BUSY_MESSAGE, UserFacingError } from '../app/errors';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One writing command per campaign folder at a time: a second `msoko` on the same folder is refused with a
 * clear message instead of overwriting the first one's outputs. A lock left by a crashed process is taken over.
 */
export async function withCampaignLock<T>(dir: string, run: () => Promise<T>): Promise<T> {
  if (!existsSync(dir)) return run();
  const path = join(dir, '.msoko.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid} ${new Date().toISOString()}\n`);
      closeSync(fd);
      try {
        return await run();
      } finally {
        rmSync(path, { force: true });
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const [pid, since] = readFileSync(path, 'utf8').trim().split(' ');
      if (pid && alive(Number(pid)))
        throw new UserFacingError(`${BUSY_MESSAGE} Кампания «${dir}» обрабатывается другой командой msoko (процесс ${pid}, начата ${since ?? '?'}).`);
      rmSync(path, { force: true });
    }
  }
  throw new UserFacingError(`Не удалось занять кампанию «${dir}»: удалите файл ${path} и повторите.`);
}

const WRITE_PROBLEMS: Record<string, string> = {
  EISDIR: 'на месте файла находится папка',
  EACCES: 'нет прав на запись',
  EPERM: 'нет прав на запись',
  ENOSPC: 'на диске нет места',
  EBUSY: 'файл открыт в другой программе',
  EROFS: 'диск доступен только для чтения',
};

/** A file-system failure as a person reads it, or null when the error is not one. */
export function fileProblem(e: unknown): string | null {
  const err = e as NodeJS.ErrnoException & { dest?: string };
  const why = err.code ? WRITE_PROBLEMS[err.code] : undefined;
  // a rename names its target in `dest`; a temporary file is named by the file it stands for
  const file = (err.dest ?? err.path ?? '').replace(/\.tmp-\d+$/, '');
  return why ? `Не удалось записать ${file ? `«${file}»` : 'файл'}: ${why}. Результаты прошлого запуска не тронуты.` : null;
}
