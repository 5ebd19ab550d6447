/** Form responses: the respondent simulator behind ws.submitFormResponse, and the readers. */
import { appendToDestination } from './form-destination';
import { itemModelOf, makeItem, type FormAnswers, type FormItemModel, type FormModel, type FormResponseModel } from './form';
import { track, type Env } from './runtime';
import type { FakeItem } from './form';
import type { FakeWorkspace } from './workspace';

function formOf(ws: FakeWorkspace, formId: string): FormModel {
  const form = ws.files.get(formId)?.form;
  if (!form) throw new Error(`submitFormResponse: no form ${formId}`);
  return form;
}

/** Test helper behind ws.submitFormResponse: validates answers like the live form would. */
export function newFormResponse(ws: FakeWorkspace, formId: string, answers: FormAnswers, respondentEmail?: string): string {
  const form = formOf(ws, formId);
  if (!form.published) throw new Error('The form is not published: respondents cannot open it (call setPublished(true)).');
  if (!form.acceptingResponses) throw new Error('The form is no longer accepting responses.');
  const stored = new Map<number, string | string[]>();
  for (const [title, answer] of Object.entries(answers)) {
    const item = form.items.find((i) => i.title === title);
    if (!item) throw new Error(`submitFormResponse: the form has no item titled "${title}"`);
    const values = Array.isArray(answer) ? answer.map(String) : [String(answer)];
    const bad = (why: string): Error => new Error(`submitFormResponse: "${title}": ${why}`);
    if (item.type === 'SECTION_HEADER') throw bad('section headers take no answer');
    if (item.type === 'CHECKBOX') {
      if (!values.every((v) => item.choices.includes(v) || item.hasOther)) throw bad(`not among the choices ${JSON.stringify(item.choices)}`);
      stored.set(item.id, values);
      continue;
    }
    if (values.length !== 1) throw bad('a single answer is expected');
    const v = values[0] ?? '';
    if ((item.type === 'LIST' || item.type === 'MULTIPLE_CHOICE') && !item.choices.includes(v) && !(item.hasOther && item.type === 'MULTIPLE_CHOICE')) {
      throw bad(`"${v}" is not among the choices ${JSON.stringify(item.choices)}`);
    }
    if (item.type === 'SCALE' && (!/^\d+$/.test(v) || Number(v) < item.lower || Number(v) > item.upper)) {
      throw bad(`${v} is outside ${item.lower}..${item.upper}`);
    }
    stored.set(item.id, v);
  }
  const missing = form.items.filter((i) => i.required && !stored.has(i.id));
  if (missing.length > 0) throw new Error(`submitFormResponse: required items unanswered: ${missing.map((i) => i.title).join(', ')}`);
  const id = `2_FakeResponse${String(ws.next('response')).padStart(6, '0')}`;
  const response = { id, timestamp: ws.nowMs(), email: form.collectEmail ? (respondentEmail ?? '') : '', answers: stored };
  form.responses.push(response);
  appendToDestination(ws, form, response);
  return id;
}

export class FakeFormResponse {
  constructor(
    private readonly env: Env,
    private readonly form: FormModel,
    private readonly r: FormResponseModel,
  ) {}
  getId(): string {
    return this.r.id;
  }
  getTimestamp(): Date {
    return this.env.ws.date(this.r.timestamp);
  }
  /** '' unless the form collects e-mails. */
  getRespondentEmail(): string {
    return this.r.email;
  }
  getItemResponses(): FakeItemResponse[] {
    const out: FakeItemResponse[] = [];
    for (const item of this.form.items) {
      const answer = this.r.answers.get(item.id);
      if (answer !== undefined) out.push(track(this.env, 'ItemResponse', new FakeItemResponse(this.env, this.form, item, answer)));
    }
    return this.env.ws.array(out);
  }
  getResponseForItem(item: unknown): FakeItemResponse | null {
    const model = itemModelOf(item);
    const answer = model ? this.r.answers.get(model.id) : undefined;
    return model && answer !== undefined ? track(this.env, 'ItemResponse', new FakeItemResponse(this.env, this.form, model, answer)) : null;
  }
}

export class FakeItemResponse {
  constructor(
    private readonly env: Env,
    private readonly form: FormModel,
    private readonly item: FormItemModel,
    private readonly answer: string | string[],
  ) {}
  getItem(): FakeItem {
    return makeItem(this.env, this.form, this.item, 'Item');
  }
  /** String for most items (a scale answer is "4"), String[] for checkboxes. */
  getResponse(): string | string[] {
    return Array.isArray(this.answer) ? this.env.ws.array(this.answer) : this.answer;
  }
}
