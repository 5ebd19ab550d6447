/**
 * HtmlService (HtmlOutput) and the editor Ui (menus, sidebars, dialogs, alert/prompt).
 * Everything shown is recorded in FakeWorkspace.ui; alert/prompt answers can be scripted.
 */
import { Button, ButtonSet, enumName, SandboxMode, XFrameOptionsMode, type ButtonName, type EnumValue } from './enums';
import { track, type Env } from './runtime';

export type MenuEntry =
  | { readonly type: 'item'; readonly label: string; readonly functionName: string }
  | { readonly type: 'separator' }
  | { readonly type: 'submenu'; readonly menu: RecordedMenu };

export interface RecordedMenu {
  readonly kind: 'addon' | 'custom';
  readonly title: string;
  readonly entries: MenuEntry[];
}

export interface RecordedOutput {
  readonly title: string;
  readonly content: string;
  readonly width: number | null;
  readonly height: number | null;
}

export interface RecordedDialog extends RecordedOutput {
  readonly modal: boolean;
  readonly dialogTitle: string;
}

export interface RecordedAlert {
  readonly kind: 'alert' | 'prompt';
  readonly title: string;
  readonly prompt: string;
  readonly buttons: string;
  readonly button: ButtonName;
  readonly text: string;
}

export interface ScriptedAnswer {
  readonly button?: ButtonName;
  readonly text?: string;
}

/** What the user saw; and the answers the user will give, in order. */
export class UiRecorder {
  /** Menus added with addToUi() (each onOpen adds its menu again). */
  readonly menus: RecordedMenu[] = [];
  readonly sidebars: RecordedOutput[] = [];
  readonly dialogs: RecordedDialog[] = [];
  readonly alerts: RecordedAlert[] = [];
  private readonly answers: ScriptedAnswer[] = [];
  /** Queue the answer to the next alert/prompt; unanswered ones get OK/YES and empty text. */
  answer(answer: ScriptedAnswer): void {
    this.answers.push(answer);
  }
  nextAnswer(): ScriptedAnswer | undefined {
    return this.answers.shift();
  }
  /** All item function names in every recorded menu (including submenus). */
  menuFunctionNames(): string[] {
    const out: string[] = [];
    const walk = (m: RecordedMenu): void => {
      for (const e of m.entries) {
        if (e.type === 'item') out.push(e.functionName);
        else if (e.type === 'submenu') walk(e.menu);
      }
    };
    this.menus.forEach(walk);
    return out;
  }
}

const SNAPSHOT: unique symbol = Symbol('html-output-snapshot');

export class FakeHtmlService {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;
  constructor(private readonly env: Env) {}
  createHtmlOutput(html?: unknown): FakeHtmlOutput {
    const out = new FakeHtmlOutput();
    if (html !== undefined && html !== null) out.setContent(String(html));
    return track(this.env, 'HtmlOutput', out);
  }
  /** Reads a project HTML file registered with ws.registerHtmlFile / loadHtmlFilesFrom. */
  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    const name = String(filename).replace(/\.html$/i, '');
    const content = this.env.ws.htmlFiles.get(name);
    if (content === undefined) throw this.env.ws.error(`No HTML file named ${name} was found.`);
    return this.createHtmlOutput(content);
  }
}

export class FakeHtmlOutput {
  private title = '';
  private content = '';
  private width: number | null = null;
  private height: number | null = null;
  setTitle(title: string): FakeHtmlOutput {
    this.title = String(title);
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(width: number): FakeHtmlOutput {
    this.width = width;
    return this;
  }
  getWidth(): number | null {
    return this.width;
  }
  setHeight(height: number): FakeHtmlOutput {
    this.height = height;
    return this;
  }
  getHeight(): number | null {
    return this.height;
  }
  getContent(): string {
    return this.content;
  }
  setContent(content: string): FakeHtmlOutput {
    this.content = String(content);
    return this;
  }
  append(addedContent: string): FakeHtmlOutput {
    this.content += String(addedContent);
    return this;
  }
  /** Appends with HTML escaping, like the real appendUntrusted. */
  appendUntrusted(addedContent: string): FakeHtmlOutput {
    const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
    this.content += String(addedContent).replace(/[&<>"']/g, (c) => map[c] ?? c);
    return this;
  }
  clear(): FakeHtmlOutput {
    this.content = '';
    return this;
  }
  setSandboxMode(_mode: unknown): FakeHtmlOutput {
    return this;
  }
  setXFrameOptionsMode(_mode: unknown): FakeHtmlOutput {
    return this;
  }
  addMetaTag(_name: string, _content: string): FakeHtmlOutput {
    return this;
  }
  [SNAPSHOT](): RecordedOutput {
    return { title: this.title, content: this.content, width: this.width, height: this.height };
  }
}

function outputOf(value: unknown): RecordedOutput {
  const snap: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, SNAPSHOT) : undefined;
  if (typeof snap !== 'function') throw new TypeError("The parameters don't match the method signature for Ui.showSidebar.");
  const got: unknown = snap.call(value);
  return got as RecordedOutput;
}

export function makeUi(env: Env): FakeUi {
  return track(env, 'Ui', new FakeUi(env));
}

export class FakeUi {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(private readonly env: Env) {}
  createAddonMenu(): FakeMenu {
    return track(this.env, 'Menu', new FakeMenu(this.env, { kind: 'addon', title: 'Мониторинг воспитания', entries: [] }));
  }
  createMenu(caption: string): FakeMenu {
    return track(this.env, 'Menu', new FakeMenu(this.env, { kind: 'custom', title: String(caption), entries: [] }));
  }
  showSidebar(userInterface: unknown): void {
    this.env.ws.ui.sidebars.push(outputOf(userInterface));
  }
  showModalDialog(userInterface: unknown, title: string): void {
    this.env.ws.ui.dialogs.push({ ...outputOf(userInterface), modal: true, dialogTitle: String(title) });
  }
  showModelessDialog(userInterface: unknown, title: string): void {
    this.env.ws.ui.dialogs.push({ ...outputOf(userInterface), modal: false, dialogTitle: String(title) });
  }
  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) → Button. */
  alert(a: string, b?: unknown, c?: unknown): EnumValue {
    const [title, prompt, buttons] = typeof b === 'string' ? [a, b, c] : ['', a, b];
    return Button[this.ask('alert', String(title), String(prompt), buttons).button];
  }
  /** prompt(prompt) | prompt(prompt, buttons) | prompt(title, prompt, buttons) → PromptResponse. */
  prompt(a: string, b?: unknown, c?: unknown): FakePromptResponse {
    const [title, prompt, buttons] = typeof b === 'string' ? [a, b, c] : ['', a, b];
    const rec = this.ask('prompt', String(title), String(prompt), buttons);
    return track(this.env, 'PromptResponse', new FakePromptResponse(rec.text, rec.button));
  }
  private ask(kind: 'alert' | 'prompt', title: string, prompt: string, buttonsArg: unknown): RecordedAlert {
    const buttons = enumName(buttonsArg, 'ButtonSet') ?? 'OK';
    const scripted = this.env.ws.ui.nextAnswer();
    const button: ButtonName = scripted?.button ?? (buttons.startsWith('YES') ? 'YES' : 'OK');
    const rec: RecordedAlert = { kind, title, prompt, buttons, button, text: scripted?.text ?? '' };
    this.env.ws.ui.alerts.push(rec);
    return rec;
  }
}

export class FakePromptResponse {
  constructor(
    private readonly text: string,
    private readonly button: ButtonName,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): EnumValue {
    return Button[this.button];
  }
}

export class FakeMenu {
  constructor(
    private readonly env: Env,
    private readonly menu: RecordedMenu,
  ) {}
  addItem(caption: string, functionName: string): FakeMenu {
    this.menu.entries.push({ type: 'item', label: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): FakeMenu {
    this.menu.entries.push({ type: 'separator' });
    return this;
  }
  addSubMenu(menu: unknown): FakeMenu {
    const inner: unknown = typeof menu === 'object' && menu !== null ? Reflect.get(menu, 'menu') : undefined;
    if (typeof inner !== 'object' || inner === null) throw new TypeError("The parameters don't match the method signature for Ui.Menu.addSubMenu.");
    this.menu.entries.push({ type: 'submenu', menu: inner as RecordedMenu });
    return this;
  }
  addToUi(): void {
    this.env.ws.ui.menus.push(this.menu);
  }
}
