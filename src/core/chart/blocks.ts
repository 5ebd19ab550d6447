import type { Block, DocumentModel } from '../document/model';
import type { Chart } from './model';

/**
 * A chart in a document: the picture, then its caption with every number it shows (the table nearby has them too).
 * A department-only chart never enters a document that leaves the department: it is dropped here, whoever asks.
 */
export function chartBlocks(chart: Chart | null, audience: DocumentModel['audience']): Block[] {
  if (!chart || chart.categories.length === 0) return [];
  if (chart.audience === 'internal' && audience !== 'internal') return [];
  return [
    { type: 'chart', chart },
    { type: 'paragraph', text: `Диаграмма: ${chart.alt}`, tone: 'muted' },
  ];
}
