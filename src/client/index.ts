/**
 * The sidebar «Мониторинг воспитания» (dist/Sidebar.html, built by build.mjs). Renders the panel
 * from a Store, drives the server through typed google.script.run promises, and redraws only the
 * sections whose data changed, so typing into a form is never interrupted by progress updates.
 */
import './styles.css';
import { Controller } from './controller';
import { catalogSection } from './catalog';
import { chartsSection } from './charts/section';
import { lettersSection } from './letters';
import { cycleSection } from './cycle';
import { h, replaceChildren } from './dom';
import { campaignSection, noticeSection, stepsSection, summarySection, surveySection, toolsSection } from './render';
import { downloadsSection, receiveSection, registrySection, surveyImportSection } from './offline';
import { schoolsSection } from './schools';
import { STEPS, Store, type View, stepDoneHint } from './state';

declare const __APP_VERSION__: string;

interface Slot {
  readonly el: HTMLElement;
  key: string | null;
  readonly side: boolean;
  readonly depends: (view: View) => unknown;
  readonly build: (view: View) => HTMLElement | null;
}

function main(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const store = new Store();
  const ctl = new Controller(store);
  const busy = (v: View): boolean => v.running !== null || v.pending !== null;

  /**
   * The slots in the sidebar's order (300 px: one column, flex `order`); on a wide page the side ones (results,
   * files, survey, tools) form the right column and the cycle and the schools the left one.
   */
  const slot = (side: boolean, depends: Slot['depends'], build: Slot['build']): Slot => ({
    el: h('div', { className: 'slot' }),
    key: null,
    side,
    depends,
    build,
  });
  const offline = (v: View) => v.server?.offline ?? null;
  const slots: Slot[] = [
    slot(
      false,
      (v) => [v.loading, v.server?.campaign ?? null, v.server?.counts ?? null, v.filter, v.pending !== null],
      (v) => campaignSection(v, store, ctl),
    ),
    slot(
      false,
      (v) => v.notice,
      (v) => noticeSection(v, store),
    ),
    slot(
      false,
      (v) => [
        v.server?.campaign ?? null,
        v.server?.schools.length ?? 0,
        v.server?.job ?? null,
        v.running,
        v.pending,
        offline(v) !== null,
        STEPS.map((s) => stepDoneHint(v, s.id)),
      ],
      (v) => stepsSection(v, ctl),
    ),
    slot(
      false,
      (v) => [v.server?.campaign ?? null, offline(v)?.registryFile, offline(v)?.registryRows, v.editingRegistry, busy(v)],
      (v) => registrySection(v, store, ctl),
    ),
    slot(
      false,
      (v) => [offline(v) !== null, v.server?.schools.length ?? 0, busy(v)],
      (v) => receiveSection(v, ctl),
    ),
    slot(
      true,
      (v) => v.server?.summary ?? null,
      (v) => summarySection(v),
    ),
    slot(
      true,
      (v) => [v.server?.campaign !== null && v.server?.campaign !== undefined, v.server?.summary ?? null],
      (v) => chartsSection(v),
    ),
    slot(
      true,
      (v) => [v.server?.campaign ?? null, offline(v) !== null, busy(v)],
      (v) => lettersSection(v),
    ),
    slot(
      true,
      (v) => v.server?.cycle ?? null,
      (v) => cycleSection(v),
    ),
    slot(
      true,
      (v) => offline(v)?.downloads ?? null,
      (v) => downloadsSection(v),
    ),
    slot(
      true,
      (v) => [v.forms, busy(v)],
      (v) => surveySection(v, ctl),
    ),
    slot(
      true,
      (v) => [offline(v) !== null, v.server?.schools.length ?? 0, busy(v)],
      (v) => surveyImportSection(v, ctl),
    ),
    slot(
      false,
      (v) => [v.server?.campaign ?? null, v.server?.schools ?? null, v.filter, v.returning, busy(v)],
      (v) => schoolsSection(v, store, ctl),
    ),
    slot(
      true,
      (v) => [v.server?.campaign ?? null, offline(v) !== null, busy(v)],
      (v) => catalogSection(v, store, ctl),
    ),
    slot(
      true,
      (v) => [busy(v), offline(v)?.folder ?? null],
      (v) => toolsSection(v, ctl),
    ),
  ];
  slots.forEach((s, i) => {
    s.el.style.order = String(i + 1);
  });

  const render = (view: View): void => {
    for (const s of slots) {
      const key = JSON.stringify(s.depends(view));
      if (key === s.key) continue;
      s.key = key;
      replaceChildren(s.el, [s.build(view)]);
    }
  };

  const version = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
  const column = (side: boolean): HTMLElement =>
    h('div', { className: `col ${side ? 'col-side' : 'col-main'}` }, ...slots.filter((s) => s.side === side).map((s) => s.el));
  const footer = h('footer', { className: 'footer' }, `Мониторинг воспитания · версия ${version}`);
  footer.style.order = String(slots.length + 1);
  replaceChildren(root, [column(false), column(true), footer]);
  store.subscribe(render);
  render(store.get());
  void ctl.refresh();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
