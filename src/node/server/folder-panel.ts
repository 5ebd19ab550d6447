/**
 * The panel's calls answered from a campaign folder with the offline use cases (the same ones `msoko` runs). Each
 * step runs whole in one call (no 6-minute limit here), so the sidebar's chunk loop sees `done` at once.
 */
import { existsSync } from 'node:fs';
import { type NewCampaign, newCampaign } from '../../app/campaign';
import type { CatalogImport } from '../../app/catalog-import';
import { type Reply, UserFacingError, failure } from '../../app/errors';
import type { AsyncPanelRpc } from '../../app/panel-calls';
import { type DecisionRequest, decisionRequest } from '../../app/decide';
import { schoolsWithoutAddress } from '../../app/letters';
import { type LettersCall, emptyLettersView } from '../../app/letters-panel';
import { panelCharts } from '../../app/panel-charts';
import { LETTER_LABELS } from '../../core/letters/kinds';
import { STEP_TITLES, type StepName, type StepResult } from '../../app/rpc';
import { validationMessage } from '../../app/schools';
import { paths } from '../campaign/files';
import { loadCampaign, saveCampaign } from '../campaign/load';
import { FolderCampaignStore } from '../campaign/store';
import { consolidate } from '../commands/consolidate';
import { acceptSchool, returnSchool } from '../commands/decide';
import { generate } from '../commands/generate';
import { markSent, writeLetters } from '../commands/letters';
import { recommend } from '../commands/recommend';
import { validate } from '../commands/validate';
import { fileProblem } from '../lock';
import { importCatalogOffline } from './catalog-upload';
import { type LastJob, folderState } from './panel-state';
import { randomPassword } from './password';

const NO_FORMS = 'Офлайн анкеты не публикуются: создайте Google Форму или возьмите выгрузку ответов (CSV) и загрузите её в разделе «Анкета удовлетворённости».';

const OFFLINE_LETTERS = 'Офлайн надстройка не отправляет почту сама: она готовит черновики (.eml) для вашей почтовой программы.';
const NO_TRIGGER = 'Офлайн ежедневных напоминаний нет: надстройка не отправляет почту. Сделайте черновики напоминаний и отправьте их из почтовой программы.';

/** A refusal said in Russian; a file-system failure as a person reads it; anything else as an internal failure. */
export function replyOf(e: unknown): { ok: false; message: string } {
  const problem = fileProblem(e);
  return problem ? { ok: false, message: problem } : failure(e);
}

async function guarded<T extends object>(run: () => Promise<Reply<T>>): Promise<Reply<T>> {
  try {
    return await run();
  } catch (e) {
    return replyOf(e);
  }
}

export class FolderPanel implements AsyncPanelRpc {
  private job: LastJob = null;

  constructor(
    readonly dir: string,
    private readonly origin: () => string,
  ) {}

  getState: AsyncPanelRpc['getState'] = () => guarded(() => folderState(this.dir, this.origin(), this.job));

  newCampaign: AsyncPanelRpc['newCampaign'] = (settings: NewCampaign) =>
    guarded(async () => {
      if (existsSync(paths(this.dir).campaign))
        throw new UserFacingError('В этой папке уже есть кампания. Для новой кампании запустите msoko serve с новой папкой.');
      const campaign = newCampaign(settings);
      saveCampaign(this.dir, { ...campaign, password: randomPassword() });
      this.job = null;
      return { ok: true, message: `Кампания создана: ${campaign.year}, ${campaign.municipality}. Загрузите реестр школ (CSV или XLSX).` };
    });

  importCatalog: AsyncPanelRpc['importCatalog'] = (request: CatalogImport) =>
    guarded(async () => {
      const out = await importCatalogOffline(this.dir, request);
      this.job = null;
      return { ok: true, message: out.message };
    });

  runStep: AsyncPanelRpc['runStep'] = async (step: StepName): Promise<StepResult> => {
    try {
      const folder = await loadCampaign(this.dir);
      const total = folder.schools.length;
      const done = (message: string, notes: string[] = []): StepResult => {
        this.job = { step, processed: total, total, done: true, cancelled: false, notes };
        return { ok: true, step, title: STEP_TITLES[step], done: true, paused: false, processed: total, total, message, notes };
      };
      if (step === 'generate') {
        const files = await generate(folder, true);
        return done(`Таблицы школ готовы: ${files.length} из ${total}. Скачайте их и разошлите школам.`);
      }
      if (step === 'validate') {
        const s = await validate(folder, null, true);
        const strays = s.strays.map((f) => `Файл «${f.file}» не отнесён к ОО реестра: ${f.messages.join('; ')}`);
        return done(validationMessage(s.schools), strays);
      }
      if (step === 'consolidate') {
        const out = await consolidate(folder, null, true);
        return done(out.message, out.journal);
      }
      const docs = await recommend(folder, null, true);
      return done(`Рекомендации готовы: ${docs.recommendations.length}; аналитический отчёт — report.docx.`);
    } catch (e) {
      if (e instanceof UserFacingError) return { ok: false, message: e.message };
      const problem = fileProblem(e);
      return { ok: false, message: problem ?? `Шаг «${STEP_TITLES[step]}» прерван: ${e instanceof Error ? e.message : String(e)}. Повторите шаг.` };
    }
  };

  cancelStep: AsyncPanelRpc['cancelStep'] = async () => ({ ok: false, message: 'Нет незавершённого шага.' });

  returnSchool: AsyncPanelRpc['returnSchool'] = (request: DecisionRequest) =>
    guarded(async () => {
      const r = decisionRequest(request, 'returned');
      const out = await returnSchool(await loadCampaign(this.dir), r.schoolId, r.reason);
      const link = out.file ? ` Копия для школы: ${this.origin()}/files/returned/${encodeURIComponent(r.schoolId)}` : '';
      return { ok: true, message: `${out.message}${link}` };
    });

  acceptSchool: AsyncPanelRpc['acceptSchool'] = (request: DecisionRequest) =>
    guarded(async () => {
      const r = decisionRequest(request, 'accepted');
      const out = await acceptSchool(await loadCampaign(this.dir), r.schoolId);
      return { ok: true, message: out.message };
    });

  createSurvey: AsyncPanelRpc['createSurvey'] = async () => ({ ok: false, message: NO_FORMS });
  collectSurvey: AsyncPanelRpc['collectSurvey'] = async () => ({ ok: false, message: NO_FORMS });

  charts: AsyncPanelRpc['charts'] = () =>
    guarded(async () => {
      const folder = await loadCampaign(this.dir);
      return { ok: true, ...panelCharts(folder, new FolderCampaignStore(folder, null)) };
    });

  /** Letters offline: .eml drafts to download as a zip and send from the department's mail program, then marked sent. */
  letters: AsyncPanelRpc['letters'] = (request: LettersCall) =>
    guarded(async () => {
      const folder = await loadCampaign(this.dir);
      const base = emptyLettersView('');
      if (request.action === 'state') return { ok: true, ...base, message: OFFLINE_LETTERS, noAddress: schoolsWithoutAddress(folder.schools) };
      if (request.action === 'reminders') throw new UserFacingError(NO_TRIGGER);
      if (request.action === 'markSent') {
        const out = markSent(folder, request.kind, request.schools ?? []);
        const already = out.already.length > 0 ? ` Уже были отмечены: ${out.already.length}.` : '';
        return { ok: true, ...base, kind: request.kind, message: `Отмечено отправленными: ${out.marked.length}.${already}` };
      }
      const out = await writeLetters(folder, {
        kind: request.kind,
        resend: request.resend === true,
        schools: request.schools ?? [],
        previous: null,
        quiet: true,
      });
      const label = LETTER_LABELS[out.kind];
      const made = out.letters.length;
      return {
        ok: true,
        ...base,
        kind: out.kind,
        letters: out.letters.map((l) => ({ schoolId: l.school, name: l.name, to: l.to, subject: l.subject })),
        noAddress: out.noAddress,
        skipped: out.skipped,
        download: made > 0 ? { label: `Черновики «${label}» (${made}, .zip)`, url: `${this.origin()}/files/letters-${out.kind}.zip` } : null,
        message:
          made > 0
            ? [
                `Черновики писем «${label}»: ${made}.`,
                'Скачайте архив, откройте письма в почтовой программе, отправьте их и нажмите «Отметить отправленными».',
                ...out.warnings,
              ].join(' ')
            : `Писем «${label}» к отправке нет.`,
      };
    });

  selfTest: AsyncPanelRpc['selfTest'] = () =>
    guarded(async () => {
      const checks = [
        { name: 'Папка кампании', ok: existsSync(this.dir), detail: this.dir },
        { name: 'Кампания', ok: existsSync(paths(this.dir).campaign), detail: 'campaign.json' },
        {
          name: 'Реестр школ',
          ok: existsSync(paths(this.dir).registryCsv) || existsSync(paths(this.dir).registryXlsx),
          detail: 'schools.csv или schools.xlsx',
        },
      ];
      return { ok: true, message: checks.every((c) => c.ok) ? 'Всё на месте.' : 'Не всё на месте — см. список.', checks };
    });
}
