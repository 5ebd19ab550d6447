import type { Campaign, School } from '../campaign/schema';
import type { Catalog } from '../catalog/types';
import { INSTRUCTIONS_SHEET, PROFILE_SHEET } from './positions';
import type { CellSpec, SheetSpec } from './types';

/** The first sheet a school deputy director sees: what to fill, how, and what not to do. */
export function instructionsSheet(catalog: Catalog, campaign: Campaign, school: School): SheetSpec {
  const deadline = campaign.deadline ? ` до ${campaign.deadline.split('-').reverse().join('.')}` : '';
  const lines: [string, 'title' | 'subtitle' | 'text'][] = [
    [`Мониторинг системы организации воспитания и социализации обучающихся, ${campaign.year} год`, 'title'],
    [`${school.name}`, 'subtitle'],
    [`${campaign.department ?? 'Отдел образования'} · ${campaign.municipality}`, 'text'],
    ['', 'text'],
    ['Как заполнять', 'subtitle'],
    [
      `1. Начните с листа «${PROFILE_SHEET}»: численность обучающихся по уровням, ` +
        'педагогов, классных руководителей, родителей. Эти числа — знаменатели всех долей.',
      'text',
    ],
    [
      `2. Затем заполните листы «${catalog.appendixWord} 1» – «${catalog.appendixWord} ${catalog.appendices.length}». ` +
        'Вводите только количества (человек, единиц) или «да»/«нет». Проценты считает система — не вводите их.',
      'text',
    ],
    ['3. Каждый человек учитывается в одной ячейке один раз, даже если участвовал в нескольких мероприятиях.', 'text'],
    ['4. Если ОО не ведёт уровень образования (например, нет 10–11 классов), оставьте ячейки этого уровня пустыми: в графе «Проверка» появится «—».', 'text'],
    [
      '5. В строке каждого направления вставьте ссылку на подтверждающие документы ' +
        '(страница сайта ОО, документ на диске). Ссылка начинается с http:// или https://.',
      'text',
    ],
    ['6. Графа «Проверка» подсказывает ошибки сразу при вводе: «Заполните», «Ошибка: …», «✓». Сводка ошибок — на листе «Сведения об ОО».', 'text'],
    [`7. Когда ошибок нет, выберите статус «Готово к проверке» на листе «${PROFILE_SHEET}»${deadline}.`, 'text'],
    ['', 'text'],
    ['Чего делать нельзя', 'subtitle'],
    ['• Не переименовывайте и не удаляйте листы, не вставляйте и не удаляйте строки: файл защищён, редактируются только белые ячейки.', 'text'],
    ['• Не вводите персональные данные детей (фамилии, даты рождения и т. п.): собираются только количества.', 'text'],
    ['• Не пересылайте файл другим ОО: файл привязан к вашей организации и году мониторинга.', 'text'],
    ['', 'text'],
    [
      'Результаты мониторинга не публикуются в виде рейтинга ОО. Каждая ОО получает только свои ' +
        'данные и адресные рекомендации; публичный отчёт содержит только муниципальные итоги.',
      'text',
    ],
  ];
  const cells: CellSpec[] = lines.map(([value, style], i) => ({ row: i + 1, col: 1, value, style }));
  return {
    name: INSTRUCTIONS_SHEET,
    marker: 'Мониторинг системы организации воспитания',
    role: 'instructions',
    appendix: null,
    widths: [120],
    cells,
    merges: [],
    inputs: [],
    conditional: [],
    frozenRows: 0,
    protect: true,
    hidden: false,
    landscape: false,
    printArea: `A1:A${lines.length}`,
  };
}
