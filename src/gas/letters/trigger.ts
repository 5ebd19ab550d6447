import * as z from 'zod/mini';
import { getSetting, setSettingNow } from '../store/job-store';

/**
 * The optional daily reminder trigger (issue 19): one time-driven trigger per user, made when the department switches
 * reminders on, deleted when it switches them off or starts a new campaign. A time-driven trigger of an add-on
 * belongs to the script, not to the spreadsheet, so the spreadsheet's id is kept in the user's properties under the
 * trigger's id, and the spreadsheet's own setting says whether reminders are on (another user's stale trigger sees
 * «off» and deletes itself).
 */
export const REMINDER_HANDLER = 'lettersTrigger';
/** The hour (script time zone) the reminders go out. */
export const REMINDER_HOUR = 9;
const SETTING = 'reminders';
const USER_KEY = (triggerId: string): string => `msoko.reminders.${triggerId}`;

const ReminderSettingSchema = z.object({ on: z.boolean(), hour: z.int(), user: z.string(), triggerId: z.string(), year: z.int() });
export type ReminderSetting = z.infer<typeof ReminderSettingSchema>;

export function reminderSetting(): ReminderSetting | null {
  const raw = getSetting(SETTING);
  if (!raw) return null;
  try {
    const parsed = ReminderSettingSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Deletes this user's reminder triggers that serve `spreadsheetId` (all of them when null) and their user properties. */
export function deleteReminderTriggers(spreadsheetId: string | null): number {
  const props = PropertiesService.getUserProperties();
  let deleted = 0;
  for (const t of ScriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() !== REMINDER_HANDLER) continue;
    const id = t.getUniqueId();
    const target = props.getProperty(USER_KEY(id));
    if (spreadsheetId !== null && target !== null && target !== spreadsheetId) continue;
    ScriptApp.deleteTrigger(t);
    props.deleteProperty(USER_KEY(id));
    deleted += 1;
  }
  return deleted;
}

/** Switches the daily reminders on (a new trigger replaces this user's old one) or off; returns the new setting. */
export function switchReminders(on: boolean, spreadsheetId: string, user: string, year: number): ReminderSetting {
  deleteReminderTriggers(spreadsheetId);
  if (!on) {
    const off: ReminderSetting = { on: false, hour: REMINDER_HOUR, user, triggerId: '', year };
    setSettingNow(SETTING, JSON.stringify(off));
    return off;
  }
  const trigger = ScriptApp.newTrigger(REMINDER_HANDLER).timeBased().everyDays(1).atHour(REMINDER_HOUR).create();
  const triggerId = trigger.getUniqueId();
  PropertiesService.getUserProperties().setProperty(USER_KEY(triggerId), spreadsheetId);
  const setting: ReminderSetting = { on: true, hour: REMINDER_HOUR, user, triggerId, year };
  setSettingNow(SETTING, JSON.stringify(setting));
  return setting;
}

/**
 * At «Новая кампания» the reminders of the campaign before stop: every reminder trigger of this user goes (the previous
 * campaign may live in another spreadsheet), and this spreadsheet's setting says off.
 */
export function stopRemindersForNewCampaign(): void {
  deleteReminderTriggers(null);
  const setting = reminderSetting();
  if (setting?.on) setSettingNow(SETTING, JSON.stringify({ ...setting, on: false, triggerId: '' }));
}

/** The spreadsheet a firing trigger serves (by the event's trigger id), or null when the trigger is not known. */
export function spreadsheetOfTrigger(triggerId: string): string | null {
  return PropertiesService.getUserProperties().getProperty(USER_KEY(triggerId));
}

/** A trigger that no longer serves anything removes itself. */
export function deleteTriggerById(triggerId: string): void {
  for (const t of ScriptApp.getProjectTriggers()) if (t.getUniqueId() === triggerId) ScriptApp.deleteTrigger(t);
  PropertiesService.getUserProperties().deleteProperty(USER_KEY(triggerId));
}

const LAST_KEY = (spreadsheetId: string): string => `msoko.reminders.last.${spreadsheetId}`;
const LastRunSchema = z.object({ at: z.string(), message: z.string() });

/** What the last run of the daily reminders did (or why it failed), shown in the panel; «06.12.2026 09:00» in the script's zone. */
export function noteLastRun(spreadsheetId: string, message: string): void {
  const at = Utilities.formatDate(new Date(), Session.getScriptTimeZone(), 'dd.MM.yyyy HH:mm');
  PropertiesService.getUserProperties().setProperty(LAST_KEY(spreadsheetId), JSON.stringify({ at, message: message.slice(0, 1000) }));
}

export function lastRun(spreadsheetId: string): { at: string; message: string } | null {
  try {
    const parsed = LastRunSchema.safeParse(JSON.parse(PropertiesService.getUserProperties().getProperty(LAST_KEY(spreadsheetId)) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
