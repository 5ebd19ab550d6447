/**
 * Survey answers are read from the forms' responses sheet with one call, whatever their number; a Workspace form
 * limited to the organisation is opened to everyone, or the department is warned when its admin forbids it.
 */
import { SCHOOLS, newWorkspace, reply, setUpCampaign } from './helpers';

const OVERALL = 'В целом, насколько Вы удовлетворены условиями воспитания, обучения и развития в школе?';

test('10,000 answers collected with a fixed number of calls; shares as a ratio of sums', () => {
  const ws = newWorkspace();
  setUpCampaign(ws);
  expect(reply(ws, 'createSurvey').ok).toBe(true);
  const forms = [...ws.files.values()].filter((f) => f.kind === 'form');
  const students = forms.find((f) => f.name.includes('обучающихся'));
  const parents = forms.find((f) => f.name.includes('родителей'));
  for (let i = 0; i < 10_000; i++) {
    const form = i % 2 === 0 ? students : parents;
    ws.submitFormResponse(form?.id ?? '', {
      'Образовательная организация': SCHOOLS[i % SCHOOLS.length]?.shortName ?? '',
      [OVERALL]: i % 4 < 3 ? 'Полностью удовлетворён(а)' : 'Не удовлетворён(а)',
    });
  }
  const mark = ws.calls.length;
  const collected = reply(ws, 'collectSurvey');
  expect(collected.ok).toBe(true);
  expect(collected.message).toContain('Учтено ответов: 10000');
  expect(collected.message).toContain('обучающиеся — 100 %');
  expect(collected.message).toContain('родители — 50 %');
  expect(ws.calls.length - mark).toBeLessThan(80);
  // a second collection counts the same answers once, not twice
  expect(reply(ws, 'collectSurvey').message).toContain('Учтено ответов: 10000');
});

test('a Workspace form limited to the organisation is opened, or the department is warned', () => {
  const open = newWorkspace();
  open.workspaceDomain = 'edu-demo.ru';
  setUpCampaign(open);
  const made = reply(open, 'createSurvey');
  expect(made.ok).toBe(true);
  expect(made.message).not.toContain('Внимание');

  const locked = newWorkspace();
  locked.workspaceDomain = 'edu-demo.ru';
  locked.formsLockedToDomain = true;
  setUpCampaign(locked);
  const warned = reply(locked, 'createSurvey');
  expect(warned.ok).toBe(true);
  expect(warned.message).toContain('могут заполнить только пользователи вашей организации');
});
