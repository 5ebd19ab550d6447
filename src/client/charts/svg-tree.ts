/**
 * An SVG drawing as plain data (what layout.ts computes, testable without a browser), and its one way into the page:
 * createElementNS, setAttribute and textContent. Nothing is ever parsed as markup, so an indicator's name from the
 * department's own catalog stays text whatever it holds.
 */

export interface SvgNode {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  /** Text content (text, tspan, title). */
  readonly text?: string;
  readonly children: readonly SvgNode[];
}

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** A node; numbers are written with at most two decimals (coordinates). */
export function node(tag: string, attrs: Record<string, string | number>, children: readonly SvgNode[] = [], text?: string): SvgNode {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = typeof v === 'number' ? String(Math.round(v * 100) / 100) : v;
  return text === undefined ? { tag, attrs: out, children } : { tag, attrs: out, children, text };
}

/** The part of an element the drawing uses (written out, so the layout's tests need no DOM typings). */
export interface SvgTarget<E> {
  setAttribute(name: string, value: string): void;
  appendChild(child: E): unknown;
  textContent: string | null;
}
/** The part of `document` the drawing needs: the page's own, or a test's. */
export interface SvgDocument<E extends SvgTarget<E>> {
  createElementNS(namespace: string, tag: string): E;
}

/** No event handlers and no links: a chart only draws. */
const FORBIDDEN = /^(on|href$|xlink:href$|style$)/i;

export function toElement<E extends SvgTarget<E>>(tree: SvgNode, doc: SvgDocument<E>): E {
  const el = doc.createElementNS(SVG_NS, tree.tag);
  for (const [name, value] of Object.entries(tree.attrs)) {
    if (FORBIDDEN.test(name)) throw new Error(`attribute ${name} is not allowed in a chart`);
    el.setAttribute(name, value);
  }
  if (tree.text !== undefined) el.textContent = tree.text;
  for (const child of tree.children) el.appendChild(toElement(child, doc));
  return el;
}
