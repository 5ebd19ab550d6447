/** The letters use case against its ports: who gets what, «без адреса», once-only, delivery records. */
import type { CampaignContext } from '../../src/app/campaign';
import { planLetters, recordDeliveries, schoolsWithoutAddress } from '../../src/app/letters';
import type { Clock, DeliveryLog } from '../../src/app/ports';
import type { School } from '../../src/core/campaign/schema';
import type { Delivery } from '../../src/core/letters/delivery';
import { defaultLetterTexts } from '../../src/core/letters/texts';
import { message } from '../../src/core/submission/messages';
import { campaign, catalog } from '../core/builders';

const school = (id: string, emails: string[]): School => ({ id, name: `МБОУ «Школа ${id}»`, shortName: `Школа ${id}`, type: 'СОШ', emails });
const schools = [school('a', ['a@edu.ru', 'dir-a@edu.ru']), school('b', []), school('c', ['c@edu.ru']), school('d', ['d@edu.ru'])];
const ctx: CampaignContext = { campaign: campaign(), catalog: catalog(), schools };

class MemoryLog implements DeliveryLog {
  entries: Delivery[] = [];
  deliveries(): Delivery[] {
    return this.entries;
  }
  record(entries: Delivery[]): void {
    this.entries.push(...entries);
  }
}
let now = new Date('2026-12-10T08:00:00Z');
const clock: Clock = { now: () => now, date: () => '10.12.2026', stamp: () => '2026-12-10 08:00:00' };

const sources = (log: DeliveryLog) => ({
  clock,
  log,
  texts: defaultLetterTexts(),
  file: (kind: string, s: School) =>
    s.id === 'd' && kind === 'recommendations' ? null : { name: `${s.id}.${kind === 'launch' ? 'xlsx' : 'docx'}`, link: null },
  facts: new Map([
    ['a', { state: 'errors' as const, messages: [message('error', 'required', 'не заполнено', { sheet: 'Приложение 3', cell: 'D20' })], returnReason: null }],
    ['b', { state: 'missing' as const, messages: [], returnReason: null }],
    ['c', { state: 'accepted' as const, messages: [], returnReason: null }],
    ['d', { state: 'missing' as const, messages: [], returnReason: null }],
  ]),
});

test('launch: every school with an address, once; «без адреса» is listed, never dropped', () => {
  const log = new MemoryLog();
  const plan = planLetters(ctx, { kind: 'launch' }, sources(log));
  expect(plan.letters.map((l) => [l.schoolId, l.to, l.file?.name])).toEqual([
    ['a', ['a@edu.ru', 'dir-a@edu.ru'], 'a.xlsx'],
    ['c', ['c@edu.ru'], 'c.xlsx'],
    ['d', ['d@edu.ru'], 'd.xlsx'],
  ]);
  expect(plan.noAddress).toEqual([{ schoolId: 'b', name: 'Школа b', reason: 'в реестре нет адреса электронной почты' }]);
  expect(schoolsWithoutAddress(schools).map((s) => s.schoolId)).toEqual(['b']);
  recordDeliveries(log, clock, plan.letters.slice(0, 2));
  expect(log.entries.map((e) => [e.schoolId, e.kind, e.at])).toEqual([
    ['a', 'launch', '2026-12-10T08:00:00.000Z'],
    ['c', 'launch', '2026-12-10T08:00:00.000Z'],
  ]);
  expect(planLetters(ctx, { kind: 'launch' }, sources(log)).letters.map((l) => l.schoolId)).toEqual(['d']);
  expect(planLetters(ctx, { kind: 'launch', resend: true, schools: ['a'] }, sources(log)).letters.map((l) => l.schoolId)).toEqual(['a']);
});

test('a reminder carries only its own school’s findings, and waits out the interval', () => {
  const log = new MemoryLog();
  const plan = planLetters(ctx, { kind: 'reminder' }, sources(log));
  expect(plan.letters.map((l) => l.schoolId)).toEqual(['a', 'd']);
  expect(plan.letters[0]?.body).toContain('Лист «Приложение 3», ячейка D20: не заполнено');
  expect(plan.letters[1]?.body).not.toContain('D20');
  expect(plan.letters[1]?.body).not.toContain('Школа a');
  recordDeliveries(log, clock, plan.letters);
  now = new Date('2026-12-16T08:00:00Z');
  expect(planLetters(ctx, { kind: 'reminder' }, sources(log)).letters).toEqual([]);
  now = new Date('2026-12-17T08:00:00Z');
  expect(planLetters(ctx, { kind: 'reminder' }, sources(log)).letters.map((l) => l.schoolId)).toEqual(['a', 'd']);
});

test('recommendations need the document; bad requests and bad texts are Russian errors', () => {
  const plan = planLetters(ctx, { kind: 'recommendations' }, sources(new MemoryLog()));
  expect(plan.letters.map((l) => l.schoolId)).toEqual(['a', 'c']);
  expect(plan.skipped).toEqual([{ schoolId: 'd', name: 'Школа d', reason: 'нет файла рекомендаций — сначала подготовьте рекомендации' }]);
  expect(() => planLetters(ctx, { kind: 'launch', schools: ['zz'] }, sources(new MemoryLog()))).toThrow('В реестре нет ОО с кодом «zz»');
  expect(() => planLetters(ctx, { kind: 'spam' }, sources(new MemoryLog()))).toThrow(/вид письма/);
  const bad = { ...sources(new MemoryLog()), texts: { ...defaultLetterTexts(), launch: { subject: '{тема}', body: 'x' } } };
  expect(() => planLetters(ctx, { kind: 'reminder' }, bad)).toThrow(/письмо «О проведении мониторинга», тема: неизвестная подстановка \{тема\}/);
});
