import * as z from 'zod/mini';
import { LETTER_KINDS, LETTER_LABELS, type LetterKind } from './kinds';
import { templateProblems } from './placeholders';

/** One letter's editable text: a one-line subject and a body with placeholders. */
export const LetterTemplateSchema = z.object({
  subject: z.string().check(z.trim(), z.minLength(1, 'тема не заполнена'), z.maxLength(250, 'тема длиннее 250 знаков')),
  body: z.string().check(z.minLength(1, 'текст письма не заполнен'), z.maxLength(20_000, 'текст письма длиннее 20 000 знаков')),
});
export type LetterTemplate = z.infer<typeof LetterTemplateSchema>;
export type LetterTexts = Record<LetterKind, LetterTemplate>;

/** Where a problem of an edited text is: the letter and its part (the adapters add the sheet and cell). */
export interface TextProblem {
  kind: LetterKind;
  part: 'subject' | 'body';
  text: string;
}

/** Every problem of the texts (schema and placeholders); an empty list when all three letters can be rendered. */
export function textsProblems(texts: Record<LetterKind, { subject: string; body: string }>): TextProblem[] {
  const out: TextProblem[] = [];
  for (const kind of LETTER_KINDS) {
    const t = texts[kind];
    const parsed = LetterTemplateSchema.safeParse(t);
    if (!parsed.success) {
      for (const i of parsed.error.issues) out.push({ kind, part: i.path[0] === 'subject' ? 'subject' : 'body', text: i.message });
      continue;
    }
    if (/[\r\n]/.test(t.subject.trim())) out.push({ kind, part: 'subject', text: 'тема письма — одна строка, без переносов' });
    for (const text of templateProblems(t.subject, kind)) out.push({ kind, part: 'subject', text });
    for (const text of templateProblems(t.body, kind)) out.push({ kind, part: 'body', text });
  }
  return out;
}

/** «Письмо «Напоминание», тема: неизвестная подстановка {школаа}; …» (without a sheet: the Google sheet names its own cell). */
export const formatTextProblem = (p: TextProblem): string => `письмо «${LETTER_LABELS[p.kind]}», ${p.part === 'subject' ? 'тема' : 'текст'}: ${p.text}`;

const OPENING = ['Руководителю образовательной организации', '{школа}', '', 'Уважаемый руководитель!', ''];
const SIGNATURE = ['С уважением,', '{отправитель}', '{отдел}'];

/**
 * The department's texts until it edits them: the formal register of a municipal education department. The launch
 * letter says what the regulations require (Tomarinsky п.11–12, Kalar §5): the goal, the deadline and the procedure.
 */
export function defaultLetterTexts(): LetterTexts {
  return {
    launch: {
      subject: 'Мониторинг системы воспитания и социализации обучающихся {год}: таблица {школа_кратко}, сведения до {срок}',
      body: [
        ...OPENING,
        '{отдел} информирует о проведении в {год} году мониторинга показателей системы организации воспитания и социализации ' +
          'обучающихся образовательных организаций ({муниципалитет}).',
        '',
        'Цель мониторинга — получить объективные сведения о состоянии системы воспитания и социализации обучающихся, ' +
          'оценить достижение целевых значений показателей и подготовить адресные рекомендации каждой образовательной организации.',
        'Показатели мониторинга: {каталог}.',
        '',
        'Срок представления сведений — до {срок}.',
        '',
        'Порядок проведения:',
        '1. Откройте таблицу вашей организации ({файл}): {ссылка}. Таблица подготовлена только для вашей организации.',
        '2. Заполните таблицу по инструкции на её первом листе. Проверка ввода и лист самопроверки покажут незаполненные и противоречивые ячейки.',
        '3. Когда сведения внесены, выберите на листе «Сведения об ОО» статус «Готово к проверке».',
        '4. Верните заполненную таблицу ответным письмом до {срок}, не меняя имени файла и листов.',
        '',
        'Отдел проверит сведения и при необходимости вернёт таблицу на доработку с указанием листа и ячейки. ' +
          'По итогам мониторинга организация получит адресные рекомендации.',
        'Персональные данные обучающихся в таблицу не вносятся.',
        '',
        ...SIGNATURE,
      ].join('\n'),
    },
    reminder: {
      subject: 'Напоминание: мониторинг {год}, {школа_кратко} — сведения до {срок}',
      body: [
        ...OPENING,
        '{отдел} напоминает: сведения мониторинга системы воспитания и социализации обучающихся {год} года представляются до {срок}.',
        '',
        'Состояние таблицы вашей организации на {дата}: {состояние}.',
        '',
        'Что нужно сделать:',
        '{замечания}',
        '',
        'После исправления выберите на листе «Сведения об ОО» статус «Готово к проверке» и верните таблицу ответным письмом.',
        'Если вы уже отправили исправленную таблицу, это письмо можно не учитывать.',
        '',
        ...SIGNATURE,
      ].join('\n'),
    },
    recommendations: {
      subject: 'Адресные рекомендации по итогам мониторинга {год}: {школа_кратко}',
      body: [
        ...OPENING,
        '{отдел} направляет адресные рекомендации вашей организации по итогам мониторинга показателей системы организации ' +
          'воспитания и социализации обучающихся {год} года ({муниципалитет}): {файл}, {ссылка}.',
        '',
        'Просим рассмотреть рекомендации с педагогическим коллективом, учесть их при планировании воспитательной работы ' +
          'и подтвердить получение ответным письмом.',
        '',
        ...SIGNATURE,
      ].join('\n'),
    },
  };
}
