import type { Reply } from '../../app/errors';
import type { SurveyFormLink } from '../../app/rpc';
import { underDocumentLock } from '../lock';
import { loadContext } from '../steps/context';
import { collectSurvey, createSurveyForms } from '../survey-forms';
import { withDocumentProperties } from '../store/job-store';

export function createSurvey(): Reply<{ message: string; forms: SurveyFormLink[] }> {
  return underDocumentLock(() => {
    const forms = createSurveyForms(loadContext());
    return { ok: true, message: 'Анкеты опубликованы. Разошлите ссылки школам.', forms };
  });
}

export function collectSurveyResults(): Reply<{ message: string }> {
  return underDocumentLock(() => withDocumentProperties(() => ({ ok: true, message: collectSurvey(loadContext()) })));
}
