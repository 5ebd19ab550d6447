import { type Reply, failure } from '../../app/errors';
import { type PanelCharts, panelCharts } from '../../app/panel-charts';
import { loadContext } from '../steps/context';
import { withDocumentProperties } from '../store/job-store';

/** «Диаграммы» in the sidebar: the use case over the campaign's store in Drive (reads «Итоги <год>.json», writes nothing). */
export function charts(): Reply<PanelCharts> {
  try {
    return withDocumentProperties(() => {
      const ctx = loadContext();
      return { ok: true, ...panelCharts(ctx.app, ctx.store) };
    });
  } catch (e) {
    return failure(e);
  }
}
