/**
 * What the buttons do: server calls through rpc(), the chunk loop of long steps, cancel/resume,
 * decisions on schools. Every call ends with a fresh getState, so the panel shows the server's truth.
 */
import type { CatalogImport } from '../app/catalog-import';
import { type NewCampaignPayload, type StepName, errorMessage, rpc } from './rpc';
import { type Notice, type PanelStep, type Store, stepTitle } from './state';

/** A step that makes no progress for this many chunks in a row is stopped (a server bug, not a user's). */
const MAX_STALLED_CHUNKS = 3;

const error = (text: string, details?: readonly string[]): Notice => (details?.length ? { kind: 'error', text, details } : { kind: 'error', text });
const success = (text: string, details?: readonly string[]): Notice => (details?.length ? { kind: 'success', text, details } : { kind: 'success', text });

export class Controller {
  constructor(private readonly store: Store) {}

  /** Reloads the server state; keeps the current notice unless the load itself fails. */
  async refresh(): Promise<void> {
    try {
      const r = await rpc('getState');
      if (r.ok) {
        const { ok: _ok, ...server } = r;
        const { forms, problems } = server;
        // the forms survive a reopened panel; registry rows that failed the check are said, never dropped
        const patch = forms.length > 0 ? { forms } : {};
        if (problems.length > 0)
          this.store.set({ loading: false, server, ...patch, notice: { kind: 'error', text: 'Строки реестра с ошибками пропущены:', details: problems } });
        else this.store.set({ loading: false, server, ...patch });
      } else {
        this.store.set({ loading: false, notice: { ...error(r.message), retry: () => void this.refresh() } });
      }
    } catch (e) {
      this.store.set({ loading: false, notice: { ...error(errorMessage(e)), retry: () => void this.refresh() } });
    }
  }

  async newCampaign(payload: NewCampaignPayload): Promise<void> {
    await this.short('Создаю кампанию…', async () => {
      const r = await rpc('newCampaign', payload);
      return r.ok ? success(r.message) : error(r.message);
    });
  }

  async importCatalog(request: CatalogImport): Promise<void> {
    await this.short('Загружаю каталог…', async () => {
      const r = await rpc('importCatalog', request);
      return r.ok ? success(r.message) : error(r.message);
    });
  }

  async returnSchool(schoolId: string, reason: string): Promise<void> {
    if (!reason.trim()) {
      this.store.set({ notice: error('Укажите причину возврата: её увидит школа в своей таблице.') });
      return;
    }
    await this.short('Возвращаю на доработку…', async () => {
      const r = await rpc('returnSchool', { schoolId, reason: reason.trim() });
      if (r.ok) {
        this.store.drafts.delete(schoolId);
        this.store.set({ returning: null });
      }
      return r.ok ? success(r.message) : error(r.message);
    });
  }

  async acceptSchool(schoolId: string): Promise<void> {
    await this.short('Принимаю данные…', async () => {
      const r = await rpc('acceptSchool', { schoolId });
      return r.ok ? success(r.message) : error(r.message);
    });
  }

  async survey(): Promise<void> {
    await this.short('Публикую анкеты…', async () => {
      const r = await rpc('createSurvey');
      if (!r.ok) return error(r.message);
      this.store.set({ forms: r.forms });
      return success(r.message);
    });
  }

  async collectSurvey(): Promise<void> {
    await this.short('Собираю ответы анкет…', async () => {
      const r = await rpc('collectSurvey');
      return r.ok ? success(r.message) : error(r.message);
    });
  }

  /** «Проверка надстройки»: one real call of every Google service the add-on uses, each reported. */
  async selfTest(): Promise<void> {
    await this.short('Проверяю надстройку…', async () => {
      const r = await rpc('selfTest');
      if (!r.ok) return error(r.message);
      const details = r.checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`);
      return r.checks.every((c) => c.ok) ? success(r.message, details) : error(r.message, details);
    });
  }

  /** A button of the cycle: the survey is one call, the other steps run chunk by chunk. */
  async start(step: PanelStep): Promise<void> {
    if (this.store.busy()) return;
    if (step === 'survey') await this.survey();
    else await this.runStep(step);
  }

  /**
   * Calls runStep until the server says done (or paused by a quota, or refused). «Отменить» only sets
   * a flag: the chunk in flight finishes and saves its cursor first, then cancelStep marks the job —
   * cancelling while a chunk runs would be overwritten when that chunk saves.
   */
  private async runStep(step: StepName): Promise<void> {
    const job = this.store.get().server?.job;
    const resumed = job && job.step === step && !job.done ? job : null;
    this.store.set({
      notice: null,
      running: {
        step,
        title: stepTitle(step),
        processed: resumed?.processed ?? 0,
        total: resumed?.total ?? this.store.get().server?.schools.length ?? 0,
        message: 'Запускаю…',
        cancelling: false,
      },
    });
    let notice: Notice | null = null;
    let last = -1;
    let stalled = 0;
    try {
      for (;;) {
        const r = await rpc('runStep', step);
        if (!r.ok) {
          notice = error(r.message);
          break;
        }
        const cancelling = this.store.get().running?.cancelling ?? false;
        this.store.set({ running: { step, title: r.title, processed: r.processed, total: r.total, message: r.message, cancelling } });
        if (r.done) {
          notice = success(r.message, r.notes);
          break;
        }
        if (r.paused) {
          notice = { kind: 'info', text: r.message, details: r.notes };
          break;
        }
        if (cancelling) {
          const c = await rpc('cancelStep');
          notice = c.ok ? { kind: 'info', text: c.message } : error(c.message);
          break;
        }
        stalled = r.processed === last ? stalled + 1 : 0;
        last = r.processed;
        if (stalled >= MAX_STALLED_CHUNKS) {
          notice = error(
            `Шаг «${r.title}» не продвигается (обработано ${r.processed} из ${r.total}). Обновите панель и повторите; если не поможет — сообщите разработчику.`,
          );
          break;
        }
      }
    } catch (e) {
      notice = error(`${errorMessage(e)} Уже сделанное сохранено; запустите шаг ещё раз — он продолжит с того же места.`);
    }
    if (notice?.kind === 'error') notice = { ...notice, retry: () => void this.start(step) };
    this.store.set({ notice });
    await this.refresh();
    this.store.set({ running: null });
  }

  /** «Отменить»: during the chunk loop, after the chunk in flight; for a step left unfinished, at once. */
  async cancel(): Promise<void> {
    const running = this.store.get().running;
    if (running) {
      if (!running.cancelling) this.store.set({ running: { ...running, cancelling: true, message: 'Отменяю после текущей порции…' } });
      return;
    }
    await this.short('Отменяю шаг…', async () => {
      const c = await rpc('cancelStep');
      return c.ok ? { kind: 'info', text: c.message } : error(c.message);
    });
  }

  /** One short server call with a busy label, its notice (a failure offers «Повторить»), and a refresh after it. */
  async short(label: string, call: () => Promise<Notice>): Promise<void> {
    if (this.store.busy()) return;
    this.store.set({ pending: label, notice: null });
    let notice: Notice;
    try {
      notice = await call();
    } catch (e) {
      notice = error(errorMessage(e));
    }
    if (notice.kind === 'error') notice = { ...notice, retry: () => void this.short(label, call) };
    this.store.set({ notice });
    await this.refresh();
    this.store.set({ pending: null });
  }
}
