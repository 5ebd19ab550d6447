import type { Clock } from '../app/ports';

/** Time in the script's time zone (the department's), formatted by Apps Script. */
export function scriptClock(): Clock {
  const zone = (): string => Session.getScriptTimeZone();
  return {
    now: () => new Date(),
    date: (at) => Utilities.formatDate(at, zone(), 'dd.MM.yyyy'),
    stamp: (at) => Utilities.formatDate(at, zone(), 'yyyy-MM-dd HH:mm:ss'),
  };
}
