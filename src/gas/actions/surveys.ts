import type { Reply } from '../../app/errors';
import type { SurveyFormLink } from '../../app/rpc';
import { underDocumentLock } from '../lock';
import { loadContext } from '../steps/context';
import { collectSurvey, createSurveyForms, restrictedForms } from '../survey-forms';
import { withDocumentProperties } from '../store/job-store';

export function createSurvey(): Reply<{ message: string; forms: SurveyFormLink[] }> {
  return underDocumentLock(() => {
    const ctx = loadContext();
    const forms = createSurveyForms(ctx);
    const restricted = restrictedForms(ctx.settings.campaign.year);
    const warning =
      restricted.length === 0
        ? ''
        : ` Внимание: анкету ${restricted.join(' и ')} могут заполнить только пользователи вашей организации — родители и ` +
          'обучающиеся с другими адресами её не откроют. В настройках формы снимите «Только для пользователей <домен>».';
    return { ok: true, message: `Анкеты опубликованы. Разошлите ссылки школам.${warning}`, forms };
  });
}

export function collectSurveyResults(): Reply<{ message: string }> {
  return underDocumentLock(() => withDocumentProperties(() => ({ ok: true, message: collectSurvey(loadContext()) })));
}
