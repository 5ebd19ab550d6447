import type { Spreadsheet } from './services';

/**
 * The department's spreadsheet this execution works on. A menu click or a sidebar call runs inside it; a
 * time-driven trigger of an add-on belongs to the script, not to a document, so its handler opens the spreadsheet
 * by id (kept with the trigger) and names it here for the code it then runs.
 */
let opened: Spreadsheet | null = null;

export function activeSpreadsheet(): Spreadsheet {
  return opened ?? SpreadsheetApp.getActiveSpreadsheet();
}

export function withSpreadsheet<T>(ss: Spreadsheet, run: () => T): T {
  const before = opened;
  opened = ss;
  try {
    return run();
  } finally {
    opened = before;
  }
}
