import type { Chart } from '../core/chart/model';

/** A small value-vs-target chart for the self-test: two indicators, one achieved, one not. */
export const SELF_TEST_CHART: Chart = {
  id: 'self-test',
  kind: 'bullet',
  title: 'Проверка: диаграмма',
  unit: '%',
  max: 100,
  categories: [
    { label: '1.1', name: 'Проверка 1', key: 'T1', target: { value: 50, op: '>=' }, standing: 'achieved', direction: 'none' },
    { label: '1.2', name: 'Проверка 2', key: 'T2', target: { value: 80, op: '>=' }, standing: 'notAchieved', direction: 'none' },
  ],
  series: [{ name: '2026', role: 'current', values: [60, 70] }],
  notes: [],
  audience: 'internal',
  alt: 'Проверка: 60 % при цели 50 %, 70 % при цели 80 %',
};
