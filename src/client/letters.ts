/**
 * «Письма школам» (issue 19): the same «letters» call on both transports. In Google the server sends through Gmail
 * (the daily quota pauses a mailing until tomorrow; the daily reminders are switched here); offline it writes .eml
 * drafts to download as a zip, and the department marks them sent once its mail program sent them. Schools without
 * a valid address are always listed.
 */
import type { LettersCall, LettersView } from '../app/letters-panel';
import type { LetterKind } from '../core/letters/kinds';
import { type Child, button, h, link, replaceChildren } from './dom';
import { errorMessage, rpc } from './rpc';
import type { View } from './state';
import './letters.css';

const KINDS: readonly { kind: LetterKind; google: string; offline: string }[] = [
  { kind: 'launch', google: 'Разослать письма о запуске', offline: 'Черновики писем о запуске' },
  { kind: 'reminder', google: 'Напомнить не сдавшим', offline: 'Черновики напоминаний' },
  { kind: 'recommendations', google: 'Разослать рекомендации', offline: 'Черновики писем с рекомендациями' },
];
/** A mailing cut short by the execution's time goes on by itself this many times at most. */
const MAX_ROUNDS = 20;

function result(r: LettersView): Child[] {
  const out: Child[] = [h('p', { className: `letters-note ${r.paused ? 'letters-note-error' : 'letters-note-ok'}` }, r.message)];
  if (r.download) out.push(h('p', null, link(r.download.url, r.download.label)));
  if (r.letters.length > 0)
    out.push(
      h(
        'details',
        null,
        h('summary', null, `Письма (${r.letters.length})`),
        h('ul', null, ...r.letters.map((l) => h('li', null, `${l.name}: ${l.to.join(', ')}`))),
      ),
    );
  if (r.noAddress.length > 0)
    out.push(
      h('p', { className: 'letters-note letters-note-error' }, `Без действительного адреса (${r.noAddress.length}) — письма им не ушли:`),
      h('ul', { className: 'letters-noaddress' }, ...r.noAddress.map((s) => h('li', null, `${s.name} (${s.schoolId}): ${s.reason}`))),
    );
  if (r.skipped.length > 0)
    out.push(
      h(
        'details',
        null,
        h('summary', null, `Не отправлено по правилам (${r.skipped.length})`),
        h('ul', null, ...r.skipped.map((s) => h('li', null, `${s.name}: ${s.reason}`))),
      ),
    );
  return out;
}

export function lettersSection(view: View): HTMLElement | null {
  const server = view.server;
  if (!server?.campaign) return null;
  const offline = Boolean(server.offline);
  const busy = view.running !== null || view.pending !== null;
  const out = h('div', { className: 'letters-result', attrs: { 'aria-live': 'polite' } });
  const controls = h('div', { className: 'letters-controls' });
  let lastKind: LetterKind | null = null;

  const show = (children: Child[]): void => replaceChildren(out, children);
  const fail = (message: string): void => show([h('p', { className: 'letters-note letters-note-error', attrs: { role: 'alert' } }, message)]);
  const ask = async (request: LettersCall, label: string): Promise<LettersView | null> => {
    show([h('div', { className: 'loading' }, h('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }), label)]);
    try {
      const r = await rpc('letters', request);
      if (!r.ok) {
        fail(r.message);
        return null;
      }
      return r;
    } catch (e) {
      fail(errorMessage(e));
      return null;
    }
  };
  const send = async (kind: LetterKind, resend: boolean): Promise<void> => {
    lastKind = kind;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const r = await ask({ action: 'send', kind, resend }, offline ? 'Готовлю черновики…' : 'Отправляю письма…');
      if (!r) return;
      show(result(r));
      drawControls(r.reminders);
      if (!r.more) return;
    }
  };
  const drawControls = (reminders: LettersView['reminders']): void => {
    const items: Child[] = KINDS.map((k) => button(offline ? k.offline : k.google, () => void send(k.kind, false), { className: 'btn', disabled: busy }));
    items.push(
      button('Отправить ещё раз', () => lastKind && void send(lastKind, true), {
        className: 'btn btn-ghost btn-small',
        disabled: busy || lastKind === null || lastKind === 'reminder',
      }),
    );
    if (offline)
      items.push(
        button(
          'Отметить отправленными',
          () =>
            lastKind &&
            void ask({ action: 'markSent', kind: lastKind }, 'Отмечаю…').then((r) => {
              if (r) show(result(r));
            }),
          { className: 'btn btn-small', disabled: busy || lastKind === null },
        ),
      );
    if (reminders) {
      const toggle = h('input', { attrs: { type: 'checkbox', 'aria-label': 'Ежедневные напоминания после срока' } });
      toggle.checked = reminders.on;
      toggle.addEventListener('change', () => {
        void ask({ action: 'reminders', on: toggle.checked }, 'Сохраняю…').then((r) => {
          if (r) show(result(r));
          drawControls(r ? r.reminders : reminders);
        });
      });
      items.push(
        h('label', { className: 'letters-toggle' }, toggle, h('span', null, `Ежедневно около ${reminders.hour}:00 напоминать не сдавшим после срока`)),
      );
    }
    replaceChildren(controls, items);
  };

  drawControls(null);
  void ask({ action: 'state' }, 'Загружаю…').then((r) => {
    if (!r) return;
    drawControls(r.reminders);
    show(r.noAddress.length > 0 ? result(r) : [h('p', { className: 'muted' }, r.message)]);
  });
  const hint = offline
    ? 'Черновики (.eml) откроются в Thunderbird, Outlook или «Р7-Органайзере» с адресами школ из реестра. Отправьте их и отметьте отправленными.'
    : 'Письма уходят от вашего имени через Gmail по адресам реестра; тексты — на листе «Тексты писем». Каждой школе письмо уходит один раз.';
  return h(
    'section',
    { className: 'section letters', attrs: { 'aria-label': 'Письма школам' } },
    h('h2', null, 'Письма школам'),
    h('p', { className: 'muted' }, hint),
    controls,
    out,
  );
}
