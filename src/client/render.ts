/** The panel's sections, built with createElement/textContent only (see dom.ts). */
import type { Controller } from './controller';
import { type Child, button, h, link, linkify, plural, ruDate } from './dom';
import { newCampaignForm } from './campaign-form';
import { countChips } from './schools';
import { STEPS, type StepInfo, type Store, type View, stepDoneHint, stepTitle, unfinishedJob } from './state';

export function loadingSection(): HTMLElement {
  return h('div', { className: 'loading', attrs: { role: 'status' } }, h('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }), 'Загрузка…');
}

export function campaignSection(view: View, store: Store, ctl: Controller): HTMLElement | null {
  if (view.loading) return loadingSection();
  const c = view.server?.campaign;
  if (!view.server) return null;
  if (!c) return newCampaignForm(store, ctl, view.pending !== null);
  const facts: Child[] = [h('span', null, 'Каталог: ', h('b', null, c.catalogId))];
  if (c.deadline) facts.push(h('span', null, 'Срок: ', h('b', null, ruDate(c.deadline))));
  return h(
    'section',
    { className: 'card campaign', attrs: { 'aria-label': 'Кампания' } },
    h('div', { className: 'campaign-year' }, `Кампания ${c.year}`),
    h('div', { className: 'campaign-mun' }, c.municipality),
    h('div', { className: 'facts' }, ...facts),
    countChips(view, store),
  );
}

export function noticeSection(view: View, store: Store): HTMLElement | null {
  const n = view.notice;
  if (!n) return null;
  return h(
    'div',
    { className: `notice notice-${n.kind}`, attrs: { role: n.kind === 'error' ? 'alert' : 'status' } },
    h(
      'div',
      { className: 'notice-row' },
      h('span', { className: 'notice-text' }, ...linkify(n.text)),
      button('×', () => store.set({ notice: null }), { className: 'notice-close', aria: 'Скрыть сообщение' }),
    ),
    n.retry ? button('Повторить', n.retry, { className: 'btn btn-small notice-retry' }) : null,
    n.details?.length ? h('ul', { className: 'notice-details' }, ...n.details.map((d) => h('li', null, ...linkify(d)))) : null,
  );
}

function stepButton(step: StepInfo, index: number, view: View, ctl: Controller): HTMLElement {
  const server = view.server;
  const job = unfinishedJob(server);
  const running = view.running?.step === step.id;
  const busy = view.running !== null || view.pending !== null;
  const noSchools = (server?.schools.length ?? 0) === 0;
  const blockedBy = job && !job.cancelled && job.step !== step.id ? job.step : null;
  const resumable = !running && job !== null && job.step === step.id;
  const doneHint = stepDoneHint(view, step.id);
  const finished = doneHint !== null && !resumable && !running;
  let label = step.label;
  let hint = step.hint;
  if (running) {
    label = `Выполняется: ${step.label}`;
    hint = view.running?.cancelling ? 'отменяю после текущей порции…' : 'подождите, идёт работа';
  } else if (resumable && job) {
    label = 'Продолжить';
    hint = `${step.label}: ${job.cancelled ? 'отменено' : 'не завершено'}, обработано ${job.processed} из ${job.total}`;
  } else if (doneHint !== null) {
    hint = doneHint;
  }
  const disabled = busy || noSchools || blockedBy !== null;
  const title = noSchools ? 'Сначала заполните реестр школ' : blockedBy ? `Сначала завершите или отмените шаг «${stepTitle(blockedBy)}»` : step.hint;
  const cls = ['step', running ? 'step-running' : '', resumable ? 'step-resume' : '', finished ? 'step-done' : ''].filter(Boolean).join(' ');
  return h(
    'button',
    { className: cls, attrs: { type: 'button', title, 'data-step': step.id }, disabled, on: { click: () => void ctl.start(step.id) } },
    h('span', { className: 'step-n', attrs: { 'aria-hidden': 'true' } }, finished ? '✓' : String(index + 1)),
    h('span', { className: 'step-text' }, h('span', { className: 'step-label' }, label), h('span', { className: 'step-hint' }, hint)),
  );
}

function bar(processed: number, total: number, muted = false): HTMLElement {
  const pct = total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : 0;
  const fill = h('div', { className: `bar-fill${muted ? ' muted-fill' : ''}` });
  fill.style.width = `${pct}%`;
  return h(
    'div',
    {
      className: 'bar',
      attrs: {
        role: 'progressbar',
        'aria-valuemin': '0',
        'aria-valuemax': String(total),
        'aria-valuenow': String(processed),
        'aria-label': `Обработано ${processed} из ${total}`,
      },
    },
    fill,
  );
}

function progressBlock(view: View, ctl: Controller): HTMLElement | null {
  const r = view.running;
  if (r) {
    return h(
      'div',
      { className: 'progress card', attrs: { 'aria-live': 'polite' } },
      h('div', { className: 'progress-title' }, h('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }), r.title),
      bar(r.processed, r.total),
      h('div', { className: 'progress-count' }, `Обработано ${r.processed} из ${r.total}`),
      r.message ? h('div', { className: 'progress-msg' }, r.message) : null,
      button(r.cancelling ? 'Отменяю…' : 'Отменить', () => void ctl.cancel(), { className: 'btn btn-ghost btn-small', disabled: r.cancelling }),
    );
  }
  if (view.pending) {
    return h(
      'div',
      { className: 'progress card', attrs: { role: 'status' } },
      h('div', { className: 'progress-title' }, h('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }), view.pending),
    );
  }
  const job = unfinishedJob(view.server);
  if (!job) return null;
  return h(
    'div',
    { className: 'progress card paused' },
    h('div', { className: 'progress-title' }, `${stepTitle(job.step)}: ${job.cancelled ? 'шаг отменён' : 'шаг не завершён'}`),
    bar(job.processed, job.total, true),
    h('div', { className: 'progress-count' }, `Обработано ${job.processed} из ${job.total}`),
    h('div', { className: 'progress-msg' }, 'Уже сделанное сохранено; повтор ничего не создаёт дважды. Нажмите «Продолжить».'),
    job.cancelled ? null : button('Отменить', () => void ctl.cancel(), { className: 'btn btn-ghost btn-small' }),
  );
}

export function stepsSection(view: View, ctl: Controller): HTMLElement | null {
  if (!view.server?.campaign) return null;
  return h(
    'section',
    { className: 'section', attrs: { 'aria-label': 'Шаги' } },
    h('h2', null, 'Шаги'),
    // offline there are no Google Forms to publish: the survey export is uploaded in its own section
    h('div', { className: 'steps' }, ...STEPS.filter((s) => !(view.server?.offline && s.id === 'survey')).map((s, i) => stepButton(s, i, view, ctl))),
    progressBlock(view, ctl),
  );
}

export function summarySection(view: View): HTMLElement | null {
  const summary = view.server?.summary ?? [];
  if (summary.length === 0) return null;
  const achieved = summary.reduce((a, s) => a + s.achieved, 0);
  const assessed = summary.reduce((a, s) => a + s.assessed, 0);
  return h(
    'section',
    { className: 'section', attrs: { 'aria-label': 'Итоги свода' } },
    h('h2', null, 'Итоги свода'),
    h('div', { className: 'card total' }, h('span', null, 'Целевых значений достигнуто'), h('b', { className: 'total-n' }, `${achieved} из ${assessed}`)),
    h(
      'ul',
      { className: 'appendices' },
      ...summary.map((s) =>
        h(
          'li',
          { className: 'appendix', attrs: { 'data-appendix': String(s.number) } },
          h(
            'div',
            { className: 'appendix-head' },
            link(s.sheetUrl, `Приложение ${s.number}`),
            h('span', { className: 'appendix-score' }, `${s.achieved} из ${s.assessed}`),
          ),
          h('div', { className: 'appendix-title', attrs: { title: s.title } }, s.title.replace(/^Муниципальные показатели\s+/i, '')),
          bar(s.achieved, s.assessed),
        ),
      ),
    ),
  );
}

const GROUP_LABELS: Record<string, string> = { students: 'Обучающиеся', parents: 'Родители (законные представители)' };

export function surveySection(view: View, ctl: Controller): HTMLElement | null {
  if (view.forms.length === 0) return null;
  const busy = view.running !== null || view.pending !== null;
  return h(
    'section',
    { className: 'section', attrs: { 'aria-label': 'Анкета' } },
    h('h2', null, 'Анкета удовлетворённости'),
    h(
      'ul',
      { className: 'forms' },
      ...view.forms.map((f) =>
        h(
          'li',
          { className: 'card form-link' },
          h('div', { className: 'form-group' }, GROUP_LABELS[f.group] ?? f.group),
          h('div', { className: 'links' }, link(f.url, 'Ссылка для ответа'), link(f.editUrl, 'Редактировать')),
        ),
      ),
    ),
    h('p', { className: 'muted' }, `Разошлите ссылки школам. ${view.forms.length} ${plural(view.forms.length, 'форма', 'формы', 'форм')}; ответы анонимны.`),
    button('Собрать ответы', () => void ctl.collectSurvey(), { className: 'btn', disabled: busy }),
  );
}

/** Below the cycle: the one-click check of the add-on on this Google account. */
export function toolsSection(view: View, ctl: Controller): HTMLElement {
  const busy = view.running !== null || view.pending !== null;
  return h(
    'section',
    { className: 'section', attrs: { 'aria-label': 'Проверка надстройки' } },
    button(view.server?.offline ? 'Проверка кампании' : 'Проверка надстройки', () => void ctl.selfTest(), { className: 'btn', disabled: busy }),
    h(
      'p',
      { className: 'muted' },
      view.server?.offline ? `Папка кампании: ${view.server.offline.folder}` : 'Один вызов каждой службы Google во временной папке, которая сразу удаляется.',
    ),
  );
}
