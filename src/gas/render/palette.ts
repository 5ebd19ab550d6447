import type { StyleRole } from '../../core/layout/types';

/** How each StyleRole looks in Google Sheets (the same palette as the .xlsx adapter). */
export interface Look {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  fill?: string;
  color?: string;
  wrap?: boolean;
  align?: 'left' | 'center' | 'right';
  border?: boolean;
}

export const PALETTE: Record<StyleRole, Look> = {
  title: { bold: true, size: 13, wrap: true },
  subtitle: { bold: true, size: 11, wrap: true },
  hint: { italic: true, size: 9, color: '#555555', wrap: true },
  header: { bold: true, fill: '#E7E9EE', wrap: true, align: 'center', border: true },
  group: { bold: true, fill: '#EFF3F8', wrap: true, border: true },
  label: { wrap: true, border: true },
  unit: { size: 9, align: 'center', border: true },
  code: { size: 8, color: '#808080', border: true },
  input: { fill: '#FFFFFF', align: 'center', border: true },
  link: { color: '#1155CC', wrap: true, border: true },
  check: { italic: true, size: 9, border: true },
  computed: { fill: '#E3EAF2', align: 'center', border: true },
  meta: { color: '#333333' },
  text: { wrap: true },
  value: { bold: true, align: 'center', wrap: true, border: true },
  mark: { align: 'center', wrap: true, border: true },
  stat: { align: 'center', border: true },
};

export function rgb(hex: string): { red: number; green: number; blue: number } {
  const n = Number.parseInt(hex.slice(1), 16);
  return { red: ((n >> 16) & 255) / 255, green: ((n >> 8) & 255) / 255, blue: (n & 255) / 255 };
}
