/** The panel's contract as data: every call is public in the add-on, and a bad payload is refused in Russian. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PANEL_CALLS, isPanelCall, parsePanelArgs } from '../../src/app/panel-calls';

const PUBLIC_API: string[] = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'src', 'gas', 'public-api.json'), 'utf8'));

test('every call of the contract is a public function of the add-on', () => {
  expect(Object.keys(PANEL_CALLS).filter((name) => !PUBLIC_API.includes(name))).toEqual([]);
});

test('only the contract’s calls are calls: inherited names are not', () => {
  expect(isPanelCall('getState')).toBe(true);
  expect(isPanelCall('toString')).toBe(false);
  expect(isPanelCall('__proto__')).toBe(false);
  expect(isPanelCall('onOpen')).toBe(false);
});

test('payloads are parsed with the contract’s schemas; refusals are Russian and name the call', () => {
  expect(parsePanelArgs('getState', [])).toEqual({ ok: true, args: [] });
  expect(parsePanelArgs('getState', [1])).toEqual({ ok: false, message: 'Запрос «getState» не принимает данных.' });
  expect(parsePanelArgs('runStep', ['validate'])).toEqual({ ok: true, args: ['validate'] });
  const step = parsePanelArgs('runStep', ['format-disk']);
  expect(step.ok).toBe(false);
  expect(step.ok ? '' : step.message).toMatch(/^Запрос «runStep»: [А-Яа-яЁё]/);
  expect(parsePanelArgs('returnSchool', { schoolId: 'a' })).toEqual({ ok: false, message: 'Запрос «returnSchool»: аргументы должны быть списком.' });
  expect(parsePanelArgs('acceptSchool', [{ schoolId: '' }])).toEqual({ ok: false, message: 'Запрос «acceptSchool»: не указана школа' });
  const campaign = parsePanelArgs('newCampaign', [{ year: 1999, municipality: 'x' }]);
  expect(campaign.ok ? '' : campaign.message).toBe('Запрос «newCampaign»: год: не раньше 2020; укажите муниципалитет');
});
