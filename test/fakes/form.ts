/**
 * FormApp: Form, items (list, multiple choice, checkbox, scale, text, paragraph, section
 * header), responses. Forms created by a script are NOT published (Google's 2026 change for
 * API-created forms), so respondents cannot submit until setPublished(true). Email collection
 * is off by default; ws.submitFormResponse() plays the respondent.
 */
import { DestinationType, FormItemType, enumName, type EnumValue, type FormItemTypeName } from './enums';
import { destinationOf, linkDestination, unlinkDestination } from './form-destination';
import { MIME, type FileRecord } from './model';
import { emailOf, makeUser, track, type Env, type FakeUser } from './runtime';
import { FakeFormResponse } from './form-responses';

export interface FormItemModel {
  readonly id: number;
  readonly type: FormItemTypeName;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
  hasOther: boolean;
  lower: number;
  upper: number;
  leftLabel: string;
  rightLabel: string;
}
export interface FormResponseModel {
  readonly id: string;
  readonly timestamp: number;
  readonly email: string;
  readonly answers: ReadonlyMap<number, string | string[]>;
}
export interface FormModel {
  title: string;
  description: string;
  items: FormItemModel[];
  published: boolean;
  acceptingResponses: boolean;
  collectEmail: boolean;
  limitOneResponsePerUser: boolean;
  allowResponseEdits: boolean;
  confirmationMessage: string;
  responses: FormResponseModel[];
  /** Only people of the organisation may answer (Workspace). */
  requireLogin?: boolean;
}
export type FormAnswers = Readonly<Record<string, string | number | readonly string[]>>;

const SERVICE: Record<FormItemTypeName, string> = {
  CHECKBOX: 'CheckboxItem',
  DATE: 'DateItem',
  GRID: 'GridItem',
  LIST: 'ListItem',
  MULTIPLE_CHOICE: 'MultipleChoiceItem',
  PARAGRAPH_TEXT: 'ParagraphTextItem',
  SCALE: 'ScaleItem',
  SECTION_HEADER: 'SectionHeaderItem',
  TEXT: 'TextItem',
};
export const INVALID = 'Invalid data updating form.';

/** A new, empty form, however it is made (FormApp.create or Drive); on Workspace it starts limited to the organisation. */
export function newFormModel(title: string, onWorkspace: boolean): FormModel {
  return {
    title,
    description: '',
    items: [],
    published: false,
    acceptingResponses: true,
    collectEmail: false,
    limitOneResponsePerUser: false,
    allowResponseEdits: false,
    confirmationMessage: '',
    responses: [],
    requireLogin: onWorkspace,
  };
}

export function makeForm(env: Env, file: FileRecord): FakeForm {
  return track(env, 'Form', new FakeForm(env, file));
}

export class FakeFormApp {
  readonly ItemType = FormItemType;
  readonly DestinationType = DestinationType;
  constructor(private readonly env: Env) {}
  create(title: string): FakeForm {
    this.env.ws.consumeQuota('formCreate');
    const file = this.env.ws.addFile('form', String(title), MIME.form);
    file.form = newFormModel(String(title), this.env.ws.workspaceDomain !== null);
    return makeForm(this.env, file);
  }
  openById(id: string): FakeForm {
    const rec = this.env.ws.files.get(String(id));
    if (!rec?.form || rec.trashed) throw this.env.ws.error(`No item with the given ID could be found, or you do not have permission to access it.`);
    if (!this.env.ws.canAccess(rec)) throw this.env.ws.error('You do not have permission to access the requested document.');
    return makeForm(this.env, rec);
  }
  openByUrl(url: string): FakeForm {
    const m = /\/forms\/d\/([\w-]+)/.exec(String(url));
    if (!m?.[1]) throw this.env.ws.error('Invalid argument: url');
    return this.openById(m[1]);
  }
  getActiveForm(): null {
    return null;
  }
}

export class FakeForm {
  private readonly form: FormModel;
  constructor(
    private readonly env: Env,
    private readonly file: FileRecord,
  ) {
    if (!file.form) throw env.ws.error('Not a form');
    this.form = file.form;
  }
  private add(type: FormItemTypeName): FakeItem {
    const item: FormItemModel = {
      id: 1000000 + this.env.ws.next('form-item'),
      type,
      title: '',
      helpText: '',
      required: false,
      choices: [],
      hasOther: false,
      lower: 1,
      upper: 5,
      leftLabel: '',
      rightLabel: '',
    };
    this.form.items.push(item);
    return makeItem(this.env, this.form, item, SERVICE[type]);
  }
  getId(): string {
    return this.file.id;
  }
  getTitle(): string {
    return this.form.title;
  }
  setTitle(title: string): FakeForm {
    this.form.title = String(title);
    return this;
  }
  getDescription(): string {
    return this.form.description;
  }
  setDescription(description: string): FakeForm {
    this.form.description = String(description);
    return this;
  }
  addListItem(): FakeItem {
    return this.add('LIST');
  }
  addMultipleChoiceItem(): FakeItem {
    return this.add('MULTIPLE_CHOICE');
  }
  addCheckboxItem(): FakeItem {
    return this.add('CHECKBOX');
  }
  addScaleItem(): FakeItem {
    return this.add('SCALE');
  }
  addParagraphTextItem(): FakeItem {
    return this.add('PARAGRAPH_TEXT');
  }
  addTextItem(): FakeItem {
    return this.add('TEXT');
  }
  addSectionHeaderItem(): FakeItem {
    return this.add('SECTION_HEADER');
  }
  getItems(itemType?: unknown): FakeItem[] {
    const type = itemType === undefined ? null : enumName(itemType, 'ItemType');
    const items = this.form.items.filter((i) => type === null || i.type === type);
    return this.env.ws.array(items.map((i) => makeItem(this.env, this.form, i, 'Item')));
  }
  getItemById(id: number): FakeItem | null {
    const item = this.form.items.find((i) => i.id === id);
    return item ? makeItem(this.env, this.form, item, 'Item') : null;
  }
  deleteItem(indexOrItem: unknown): void {
    const idx = typeof indexOrItem === 'number' ? indexOrItem : (this.form.items as readonly unknown[]).indexOf(itemModelOf(indexOrItem));
    if (idx < 0 || idx >= this.form.items.length) throw this.env.ws.error(INVALID);
    this.form.items.splice(idx, 1);
  }
  setPublished(enabled: boolean): FakeForm {
    this.form.published = Boolean(enabled);
    return this;
  }
  isPublished(): boolean {
    return this.form.published;
  }
  getPublishedUrl(): string {
    return `https://docs.google.com/forms/d/e/1FAIpQL${this.file.id.slice(-20)}/viewform`;
  }
  getEditUrl(): string {
    return `https://docs.google.com/forms/d/${this.file.id}/edit`;
  }
  setCollectEmail(collect: boolean): FakeForm {
    this.form.collectEmail = Boolean(collect);
    return this;
  }
  collectsEmail(): boolean {
    return this.form.collectEmail;
  }
  setAcceptingResponses(enabled: boolean): FakeForm {
    this.form.acceptingResponses = Boolean(enabled);
    return this;
  }
  isAcceptingResponses(): boolean {
    return this.form.acceptingResponses;
  }
  setLimitOneResponsePerUser(enabled: boolean): FakeForm {
    this.form.limitOneResponsePerUser = Boolean(enabled);
    return this;
  }
  hasLimitOneResponsePerUser(): boolean {
    return this.form.limitOneResponsePerUser;
  }
  setAllowResponseEdits(enabled: boolean): FakeForm {
    this.form.allowResponseEdits = Boolean(enabled);
    return this;
  }
  canEditResponse(): boolean {
    return this.form.allowResponseEdits;
  }
  setConfirmationMessage(message: string): FakeForm {
    this.form.confirmationMessage = String(message);
    return this;
  }
  getConfirmationMessage(): string {
    return this.form.confirmationMessage;
  }
  addEditor(emailOrUser: unknown): FakeForm {
    this.env.ws.grant(this.file, emailOf(emailOrUser), 'editor');
    return this;
  }
  addEditors(emails: unknown): FakeForm {
    if (Array.isArray(emails)) for (const e of emails) this.addEditor(e);
    return this;
  }
  removeEditor(emailOrUser: unknown): FakeForm {
    const email = emailOf(emailOrUser);
    this.file.editors = this.file.editors.filter((e) => e !== email);
    return this;
  }
  getEditors(): FakeUser[] {
    return this.env.ws.array(this.file.editors.map((e) => makeUser(this.env, e)));
  }
  getResponses(timestamp?: Date): FakeFormResponse[] {
    const after = timestamp === undefined ? Number.NEGATIVE_INFINITY : timestamp.getTime();
    const list = this.form.responses.filter((r) => r.timestamp >= after);
    return this.env.ws.array(list.map((r) => track(this.env, 'FormResponse', new FakeFormResponse(this.env, this.form, r))));
  }
  getResponse(responseId: string): FakeFormResponse {
    const r = this.form.responses.find((x) => x.id === responseId);
    if (!r) throw this.env.ws.error(INVALID);
    return track(this.env, 'FormResponse', new FakeFormResponse(this.env, this.form, r));
  }
  deleteAllResponses(): FakeForm {
    this.form.responses = [];
    return this;
  }
  /** Workspace forms may be limited to the organisation (the domain's default); consumer forms never are. */
  requiresLogin(): boolean {
    return this.form.requireLogin === true;
  }
  setRequireLogin(requireLogin: boolean): FakeForm {
    if (!this.env.ws.workspaceDomain) throw this.env.ws.error('This operation is only available for Google Workspace accounts.');
    if (!requireLogin && this.env.ws.formsLockedToDomain) throw this.env.ws.error('Your administrator does not allow sharing forms outside the domain.');
    this.form.requireLogin = Boolean(requireLogin);
    return this;
  }
  setDestination(type: unknown, id: string): FakeForm {
    if (enumName(type, 'DestinationType') !== 'SPREADSHEET') throw this.env.ws.error('Invalid argument: type');
    const target = this.env.ws.files.get(String(id));
    if (!target?.spreadsheet || target.trashed || !this.env.ws.canAccess(target)) {
      throw this.env.ws.error('No item with the given ID could be found, or you do not have permission to access it.');
    }
    linkDestination(this.env.ws, this.form, target);
    return this;
  }
  getDestinationId(): string {
    const d = destinationOf(this.form);
    if (!d) throw this.env.ws.error('This form does not currently have a response destination.');
    return d.spreadsheetId;
  }
  getDestinationType(): EnumValue {
    if (!destinationOf(this.form)) throw this.env.ws.error('This form does not currently have a response destination.');
    return DestinationType.SPREADSHEET;
  }
  removeDestination(): FakeForm {
    unlinkDestination(this.form);
    return this;
  }
}

const ITEM: unique symbol = Symbol('form-item');
export function itemModelOf(v: unknown): FormItemModel | undefined {
  const m: unknown = typeof v === 'object' && v !== null ? Reflect.get(v, ITEM) : undefined;
  return typeof m === 'object' && m !== null ? (m as FormItemModel) : undefined;
}

export function makeItem(env: Env, form: FormModel, item: FormItemModel, service: string): FakeItem {
  return track(env, service, new FakeItem(env, form, item));
}

/** One class for every item type; the as*Item() casts check the type like the real ones. */
export class FakeItem {
  readonly [ITEM]: FormItemModel;
  constructor(
    private readonly env: Env,
    private readonly form: FormModel,
    item: FormItemModel,
  ) {
    this[ITEM] = item;
  }
  private cast(type: FormItemTypeName): FakeItem {
    if (this[ITEM].type !== type) throw this.env.ws.error(`Item of type ${this[ITEM].type} cannot be cast to ${type}.`);
    return makeItem(this.env, this.form, this[ITEM], SERVICE[type]);
  }
  getId(): number {
    return this[ITEM].id;
  }
  getIndex(): number {
    return this.form.items.indexOf(this[ITEM]);
  }
  getType(): EnumValue {
    return FormItemType[this[ITEM].type];
  }
  getTitle(): string {
    return this[ITEM].title;
  }
  setTitle(title: string): FakeItem {
    this[ITEM].title = String(title);
    return this;
  }
  getHelpText(): string {
    return this[ITEM].helpText;
  }
  setHelpText(text: string): FakeItem {
    this[ITEM].helpText = String(text);
    return this;
  }
  isRequired(): boolean {
    return this[ITEM].required;
  }
  setRequired(enabled: boolean): FakeItem {
    this[ITEM].required = Boolean(enabled);
    return this;
  }
  setChoiceValues(values: unknown): FakeItem {
    if (!Array.isArray(values)) throw this.env.ws.error(INVALID);
    this[ITEM].choices = values.map(String);
    return this;
  }
  getChoices(): FakeChoice[] {
    return this.env.ws.array(this[ITEM].choices.map((c) => track(this.env, 'Choice', new FakeChoice(c))));
  }
  showOtherOption(enabled: boolean): FakeItem {
    this[ITEM].hasOther = Boolean(enabled);
    return this;
  }
  /** Scale bounds: lower 0 or 1, upper 3..10 (as in the Forms UI). */
  setBounds(lower: number, upper: number): FakeItem {
    if ((lower !== 0 && lower !== 1) || !Number.isInteger(upper) || upper < 3 || upper > 10) throw this.env.ws.error(INVALID);
    this[ITEM].lower = lower;
    this[ITEM].upper = upper;
    return this;
  }
  getLowerBound(): number {
    return this[ITEM].lower;
  }
  getUpperBound(): number {
    return this[ITEM].upper;
  }
  setLabels(lower: string, upper: string): FakeItem {
    this[ITEM].leftLabel = String(lower);
    this[ITEM].rightLabel = String(upper);
    return this;
  }
  getLeftLabel(): string {
    return this[ITEM].leftLabel;
  }
  getRightLabel(): string {
    return this[ITEM].rightLabel;
  }
  asListItem(): FakeItem {
    return this.cast('LIST');
  }
  asMultipleChoiceItem(): FakeItem {
    return this.cast('MULTIPLE_CHOICE');
  }
  asCheckboxItem(): FakeItem {
    return this.cast('CHECKBOX');
  }
  asScaleItem(): FakeItem {
    return this.cast('SCALE');
  }
  asParagraphTextItem(): FakeItem {
    return this.cast('PARAGRAPH_TEXT');
  }
  asTextItem(): FakeItem {
    return this.cast('TEXT');
  }
}

export class FakeChoice {
  constructor(private readonly value: string) {}
  getValue(): string {
    return this.value;
  }
}
