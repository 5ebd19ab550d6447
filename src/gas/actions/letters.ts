import { BUSY_MESSAGE, type Reply, UserFacingError, failure } from '../../app/errors';
import { schoolsWithoutAddress } from '../../app/letters';
import { type LettersCall, LettersCallSchema, type LettersView, emptyLettersView } from '../../app/letters-panel';
import { LETTER_LABELS } from '../../core/letters/kinds';
import { activeSpreadsheet, withSpreadsheet } from '../active';
import { pendingMailings, sendLetters } from '../letters/send';
import { deleteTriggerById, lastRun, noteLastRun, reminderSetting, spreadsheetOfTrigger, switchReminders } from '../letters/trigger';
import { currentUser } from '../owner';
import { type StepContext, loadContext } from '../steps/context';
import { ensureLetterSettings, readCampaign } from '../store/campaign-sheet';
import { withDocumentProperties } from '../store/job-store';
import { readRegistry } from '../store/registry-sheet';

const MARK_SENT_GOOGLE =
  'В Google Таблицах письма отмечаются отправленными сами: надстройка отправляет их от вашего имени и записывает каждое на скрытый лист «Письма». ' +
  'Отметка вручную нужна только для черновиков офлайн.';

const remindersView = (): LettersView['reminders'] => {
  const s = reminderSetting();
  return { on: s?.on === true, hour: s?.hour ?? 9 };
};

const empty = (message: string): Omit<LettersView, 'reminders'> => {
  const { reminders: _, ...view } = emptyLettersView(message);
  return view;
};

/** A letters action under the document lock (the delivery log and the registry are shared state); the property writes flush together. */
function locked(run: () => Omit<LettersView, 'reminders'>): Reply<LettersView> {
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  if (!lock.tryLock(3000)) return { ok: false, message: BUSY_MESSAGE };
  try {
    return withDocumentProperties(() => ({ ok: true, ...run(), reminders: remindersView() }));
  } catch (e) {
    return failure(e);
  } finally {
    lock.releaseLock();
  }
}

function contextForLetters(): StepContext {
  const ctx = loadContext();
  ensureLetterSettings(ctx.ss);
  return ctx;
}

/** «Письма школам» in the sidebar (and the menu): state, send a kind, switch the daily reminders. */
export function letters(raw: unknown): Reply<LettersView> {
  const parsed = LettersCallSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: `Письма: ${parsed.error.issues.map((i) => i.message).join('; ')}` };
  const call: LettersCall = parsed.data;
  switch (call.action) {
    case 'state':
      try {
        return withDocumentProperties(() => {
          const ss = activeSpreadsheet();
          const pending = pendingMailings(readCampaign(ss).campaign.year).map((p) => `«${LETTER_LABELS[p.kind]}»`);
          const last = lastRun(ss.getId());
          const note = [
            pending.length > 0 ? ` Не закончена рассылка ${pending.join(', ')}: продолжите её той же кнопкой.` : '',
            last ? ` Ежедневные напоминания, последний запуск ${last.at}: ${last.message}` : '',
          ].join('');
          const noAddress = schoolsWithoutAddress(readRegistry(ss).rows.map((r) => r.school));
          return { ok: true, ...empty(`Письма отправляются от вашего имени через Gmail.${note}`), noAddress, reminders: remindersView() };
        });
      } catch (e) {
        return failure(e);
      }
    case 'send':
      return locked(() => sendLetters(contextForLetters(), { kind: call.kind, resend: call.resend, schools: call.schools }));
    case 'markSent':
      return { ok: false, message: MARK_SENT_GOOGLE };
    case 'reminders':
      return locked(() => {
        const ctx = contextForLetters();
        if (call.on && !ctx.settings.campaign.deadline)
          throw new UserFacingError('Укажите срок сдачи на листе «Кампания»: ежедневные напоминания уходят после срока.');
        const s = switchReminders(call.on, ctx.ss.getId(), currentUser(), ctx.settings.campaign.year);
        return empty(
          s.on
            ? `Ежедневные напоминания включены: после срока (${ctx.settings.campaign.deadline}) каждый день около ${s.hour}:00 не сдавшим школам ` +
                `уходит напоминание, не чаще интервала кампании. Отключить — той же кнопкой; новая кампания отключает их сама.`
            : 'Ежедневные напоминания отключены.',
        );
      });
  }
}

/**
 * The daily trigger's handler: opens the spreadsheet the trigger serves, continues a mailing the quota paused, and
 * after the deadline reminds the schools that have not delivered. A trigger whose reminders were switched off, or
 * whose campaign was replaced, deletes itself.
 */
export function lettersTrigger(e?: { triggerUid?: unknown }): void {
  const id = e?.triggerUid === undefined ? '' : String(e.triggerUid);
  const ssId = id ? spreadsheetOfTrigger(id) : null;
  if (!id) return;
  if (!ssId) {
    deleteTriggerById(id);
    return;
  }
  let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  try {
    ss = SpreadsheetApp.openById(ssId);
  } catch {
    deleteTriggerById(id);
    return;
  }
  withSpreadsheet(ss, () => {
    const reply = locked(() => {
      const setting = reminderSetting();
      const ctx = contextForLetters();
      if (!setting?.on || setting.triggerId !== id || setting.year !== ctx.settings.campaign.year) {
        deleteTriggerById(id);
        return empty('Напоминания отключены: триггер удалён.');
      }
      const notes: string[] = [];
      for (const pending of pendingMailings(ctx.settings.campaign.year))
        if (pending.kind !== 'reminder') notes.push(sendLetters(ctx, { kind: pending.kind }).message);
      const today = ctx.clock.stamp(ctx.clock.now()).slice(0, 10);
      const deadline = ctx.settings.campaign.deadline ?? '';
      if (deadline !== '' && today > deadline) notes.push(sendLetters(ctx, { kind: 'reminder' }).message);
      const message = notes.join(' ') || `Срок сдачи (${deadline}) ещё не прошёл: напоминания не отправлялись.`;
      return empty(message);
    });
    // kept with the user, not the document: a trigger's run may not reach the document's properties at all
    noteLastRun(ssId, reply.message);
    if (!reply.ok) console.warn(`Напоминания: ${reply.message}`);
  });
}
