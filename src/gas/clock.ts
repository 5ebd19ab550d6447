import type { Clock } from '../app/ports';
import { getSetting } from './store/job-store';

type Parts = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;

/**
 * Time in the department spreadsheet's time zone, noted at «Новая кампания» (else the script's, asked once); dates are formatted with the V8
 * runtime's Intl, not one Utilities.formatDate call per journal line (a service call each); Utilities only where
 * Intl does not know the zone.
 */
export function scriptClock(): Clock {
  let zone: string | null = null;
  const zoneOf = (): string => {
    // noted at «Новая кампания»: the document properties are read once per execution anyway
    zone ??= getSetting('timeZone') ?? Session.getScriptTimeZone();
    return zone;
  };
  const parts = (at: Date): Parts | null => {
    try {
      const format = new Intl.DateTimeFormat('en-GB', {
        timeZone: zoneOf(),
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
      const out: Record<string, string> = {};
      for (const p of format.formatToParts(at)) out[p.type] = p.value;
      return out as Parts;
    } catch {
      return null;
    }
  };
  return {
    now: () => new Date(),
    date: (at) => {
      const p = parts(at);
      return p ? `${p.day}.${p.month}.${p.year}` : Utilities.formatDate(at, zoneOf(), 'dd.MM.yyyy');
    },
    stamp: (at) => {
      const p = parts(at);
      return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}` : Utilities.formatDate(at, zoneOf(), 'yyyy-MM-dd HH:mm:ss');
    },
  };
}
