import { componentsChart } from '../../../src/core/chart/components';
import type { ComponentRow } from '../../../src/core/export/contract';
import { COMPONENT_TITLES } from '../../../src/core/register/components';

const row = (direction: string, missing: string[]): ComponentRow => ({
  key: direction,
  direction,
  indicators: '',
  monitoring: '',
  analysis: '',
  decisions: '',
  missing,
});

test('the share of directions that have each component, with its caption; none without directions', () => {
  const decisions = COMPONENT_TITLES[3] as string;
  const chart = componentsChart([row('Приложение 1', []), row('Приложение 2', [decisions]), row('Приложение 3', [decisions])], 2026);
  expect(chart?.categories.map((c) => c.label)).toEqual(COMPONENT_TITLES);
  expect(chart?.series[0]?.values).toEqual([100, 100, 100, 33.3]);
  expect(chart?.audience).toBe('public');
  expect(chart?.alt).toContain('33,3');
  expect(componentsChart([], 2026)).toBeNull();
});
