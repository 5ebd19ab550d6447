/**
 * DOM building for the sidebar. Everything that comes from the server or from school data goes in as
 * text nodes (textContent); there is deliberately no way to pass HTML.
 */

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  className?: string;
  /** Attributes set with setAttribute (never `on…` handlers: use `on`). */
  attrs?: Record<string, string>;
  on?: Partial<Record<'click' | 'input' | 'submit' | 'change', (event: Event) => void>>;
  disabled?: boolean;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props?.className) el.className = props.className;
  for (const [name, value] of Object.entries(props?.attrs ?? {})) {
    if (/^on/i.test(name)) throw new Error(`attribute ${name} is not allowed`);
    el.setAttribute(name, value);
  }
  for (const [type, handler] of Object.entries(props?.on ?? {})) if (handler) el.addEventListener(type, handler);
  if (props?.disabled !== undefined && 'disabled' in el) el.disabled = props.disabled;
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces all children of `parent` (never through innerHTML). */
export function replaceChildren(parent: Node, children: readonly Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/** Only absolute http(s) URLs become links. */
export function safeUrl(url: string): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A link opening in a new tab, or plain text when the URL is not http(s). */
export function link(url: string, text: string, className = 'link'): HTMLElement {
  const href = safeUrl(url);
  if (!href) return h('span', { className: 'muted' }, text);
  return h('a', { className, attrs: { href, target: '_blank', rel: 'noopener noreferrer' } }, text);
}

/** Text with its http(s) URLs as links (e.g. the report's address in a server message); the rest stays text. */
export function linkify(text: string): Child[] {
  const out: Child[] = [];
  let at = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s«»"<>]+[^\s«»"<>.,;:!?)]/g)) {
    const start = m.index ?? 0;
    out.push(text.slice(at, start), link(m[0], m[0], 'link url'));
    at = start + m[0].length;
  }
  out.push(text.slice(at));
  return out.filter((c) => c !== '');
}

export function button(
  label: Child,
  onClick: () => void,
  opts: { className?: string; disabled?: boolean; title?: string; aria?: string } = {},
): HTMLButtonElement {
  const attrs: Record<string, string> = { type: 'button' };
  if (opts.title) attrs['title'] = opts.title;
  if (opts.aria) attrs['aria-label'] = opts.aria;
  return h('button', { className: opts.className ?? 'btn', attrs, disabled: opts.disabled ?? false, on: { click: () => onClick() } }, label);
}

/** «2026-12-15» → «15.12.2026»; «2026-02-02 09:15» → «02.02.2026 09:15»; anything else as is. */
export function ruDate(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}:\d{2}))?/.exec(text);
  if (!m) return text;
  return `${m[3]}.${m[2]}.${m[1]}${m[4] ? ` ${m[4]}` : ''}`;
}

/** Russian plural: plural(5, 'школа', 'школы', 'школ'). */
export function plural(n: number, one: string, few: string, many: string): string {
  const d = Math.abs(n) % 100;
  const u = d % 10;
  if (d > 10 && d < 20) return many;
  if (u === 1) return one;
  if (u >= 2 && u <= 4) return few;
  return many;
}
