import type { Chart } from '../chart/model';

/**
 * A document as data: the school recommendations and the municipal report are built once in the core and
 * rendered by the .docx adapter (offline) and the Google Docs adapter alike.
 */
export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; tone?: 'normal' | 'muted' | 'emphasis' }
  | { type: 'bullets'; items: string[] }
  | { type: 'table'; header: string[]; rows: string[][]; widths?: number[] }
  | { type: 'link'; text: string; url: string }
  /** A picture of the chart; its caption (every number it shows) is the paragraph the builders put after it. */
  | { type: 'chart'; chart: Chart };

export interface DocumentModel {
  title: string;
  subtitle: string;
  /** Who may see it: one school, the public, or the department only. */
  audience: 'school' | 'public' | 'internal';
  blocks: Block[];
}

/** Only http(s) links become clickable; anything else is shown as text. */
export function safeUrl(url: string): string | null {
  return /^https?:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : null;
}
