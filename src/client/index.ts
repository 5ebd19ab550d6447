/**
 * The sidebar «Мониторинг воспитания» (dist/Sidebar.html, built by build.mjs). Renders the panel
 * from a Store, drives the server through typed google.script.run promises, and redraws only the
 * sections whose data changed, so typing into a form is never interrupted by progress updates.
 */
import './styles.css';
import { Controller } from './controller';
import { h, replaceChildren } from './dom';
import { campaignSection, noticeSection, stepsSection, summarySection, surveySection, toolsSection } from './render';
import { schoolsSection } from './schools';
import { STEPS, Store, type View, stepDoneHint } from './state';

declare const __APP_VERSION__: string;

interface Slot {
  readonly el: HTMLElement;
  key: string | null;
  readonly depends: (view: View) => unknown;
  readonly build: (view: View) => HTMLElement | null;
}

function main(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const store = new Store();
  const ctl = new Controller(store);
  const busy = (v: View): boolean => v.running !== null || v.pending !== null;

  const slot = (depends: Slot['depends'], build: Slot['build']): Slot => ({ el: h('div', { className: 'slot' }), key: null, depends, build });
  const slots: Slot[] = [
    slot(
      (v) => [v.loading, v.server?.campaign ?? null, v.server?.counts ?? null, v.filter, v.pending !== null],
      (v) => campaignSection(v, store, ctl),
    ),
    slot(
      (v) => v.notice,
      (v) => noticeSection(v, store),
    ),
    slot(
      (v) => [v.server?.campaign ?? null, v.server?.schools.length ?? 0, v.server?.job ?? null, v.running, v.pending, STEPS.map((s) => stepDoneHint(v, s.id))],
      (v) => stepsSection(v, ctl),
    ),
    slot(
      (v) => v.server?.summary ?? null,
      (v) => summarySection(v),
    ),
    slot(
      (v) => [v.forms, busy(v)],
      (v) => surveySection(v, ctl),
    ),
    slot(
      (v) => [v.server?.campaign ?? null, v.server?.schools ?? null, v.filter, v.returning, busy(v)],
      (v) => schoolsSection(v, store, ctl),
    ),
    slot(
      (v) => [busy(v)],
      (v) => toolsSection(v, ctl),
    ),
  ];

  const render = (view: View): void => {
    for (const s of slots) {
      const key = JSON.stringify(s.depends(view));
      if (key === s.key) continue;
      s.key = key;
      replaceChildren(s.el, [s.build(view)]);
    }
  };

  const version = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
  replaceChildren(root, [...slots.map((s) => s.el), h('footer', { className: 'footer' }, `Мониторинг воспитания · версия ${version}`)]);
  store.subscribe(render);
  render(store.get());
  void ctl.refresh();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
