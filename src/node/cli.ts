import { Command, Help } from 'commander';
import { CATALOG_SOURCES, DEFAULT_CATALOG_ID } from '../core/catalog';
import { catalogExport } from '../core/export/catalog-export';
import { UserFacingError } from '../app/errors';
import { loadCampaign } from './campaign/load';
import { consolidate } from './commands/consolidate';
import { catalogCommand } from './commands/catalog';
import { acceptSchool, returnSchool } from './commands/decide';
import { fillDemo, prepareDemo, writeDemoSurveys } from './commands/demo';
import { generate } from './commands/generate';
import { importSurvey, importSurveyText } from './commands/import-survey';
import { init } from './commands/init';
import { letterKind, markSent, writeLetters } from './commands/letters';
import { recommend } from './commands/recommend';
import { serveCommand } from './commands/serve';
import { status } from './commands/status';
import { validate } from './commands/validate';
import { fileProblem, withCampaignLock } from './lock';
import { terminalSafe } from '../core/text/xml-safe';
import { russianError, russianHelp } from './cli-russian';

/** Longer lists of schools are cut in the console (the whole list is in --json). */
const MAX_LISTED = 30;

/** Exit codes: 0 — done; 1 — done, but some schools have errors; 2 — wrong command or campaign; 3 — internal failure. */
export const EXIT = { ok: 0, completedWithErrors: 1, usage: 2, failure: 3 } as const;

/** A school's text may hold escape sequences and bidi overrides: none of them reaches the terminal. */
const print = (text: string): void => {
  process.stdout.write(`${terminalSafe(text)}\n`);
};
const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

function program(): Command {
  const cli = new Command('msoko')
    .description('Мониторинг системы организации воспитания и социализации обучающихся: офлайн-цикл на файлах .xlsx и .docx')
    .helpOption('-h, --help', 'показать справку')
    .helpCommand('help [команда]', 'справка по команде')
    .configureHelp({ sortSubcommands: false, formatHelp: (cmd, helper) => russianHelp(Help.prototype.formatHelp.call(helper, cmd, helper)) })
    .showHelpAfterError('(справка: msoko --help)')
    .exitOverride();
  cli.configureOutput({ outputError: (str, write) => write(russianError(str)) });

  cli
    .command('catalog')
    .description('показать каталог показателей; выгрузить его в книгу .xlsx или прочитать из книги')
    .argument('[папка]', 'папка кампании: её собственный каталог (с --from — заменить его)')
    .option('--id <id>', `каталог: ${Object.keys(CATALOG_SOURCES).join(', ')}`, DEFAULT_CATALOG_ID)
    .option('--from <файл.xlsx>', 'прочитать каталог из книги «Каталог показателей»')
    .option('--xlsx <файл.xlsx>', 'записать каталог в книгу «Каталог показателей» для правки в Excel, LibreOffice или Google Таблицах')
    .option('--json', 'вывести в формате JSON (контракт экспорта)')
    .action(async (dir: string | undefined, o: { id: string; from?: string; xlsx?: string; json?: boolean }) => {
      const run = () => catalogCommand(dir, { id: o.id, from: o.from, xlsx: o.xlsx });
      const { catalog, written, replaced } = dir !== undefined && o.from ? await withCampaignLock(dir, run) : await run();
      if (o.json) return printJson(catalogExport(catalog));
      if (written) return print(`Книга каталога «${catalog.id}» записана: ${written}`);
      if (replaced) print(`Каталог кампании заменён (версия ${catalog.version}).\n`);
      print(`${catalog.title}\n`);
      for (const a of catalog.appendices) {
        print(`${catalog.appendixWord} ${a.number} (таблица ${a.table}). ${a.title}`);
        for (const c of a.columns) print(`  ${c.id}. ${c.title}${c.parts.length ? ` [${c.parts.map((p) => p.title).join(' / ')}]` : ''}`);
      }
      print(`\nЯчеек: ${catalog.cells.length}; полей ввода на ОО: ${catalog.inputs.filter((i) => !i.derived).length}`);
    });

  cli
    .command('init')
    .description('создать папку кампании: campaign.json и шаблон реестра schools.csv')
    .argument('<папка>', 'папка кампании')
    .option('--year <год>', 'год мониторинга', String(new Date().getFullYear()))
    .option('--municipality <название>', 'муниципалитет', 'Муниципальный округ')
    .option('--catalog <id или файл.xlsx>', 'каталог показателей: встроенный или книга «Каталог показателей»', DEFAULT_CATALOG_ID)
    .option('--force', 'перезаписать существующую кампанию')
    .option('--previous <папка>', 'папка прошлой кампании: её итоги, история и реестр мер копируются в новую')
    .action(async (dir: string, o: { year: string; municipality: string; catalog: string; force?: boolean; previous?: string }) => {
      const year = Number(o.year);
      if (!Number.isInteger(year)) throw new UserFacingError(`Год «${o.year}» — не число`);
      const written = await init(dir, { year, municipality: o.municipality, catalog: o.catalog, force: o.force === true, previous: o.previous ?? null });
      print(`Кампания создана:\n${written.map((w) => `  ${w}`).join('\n')}\nЗаполните реестр школ schools.csv и выполните: msoko generate ${dir}`);
    });

  cli
    .command('generate')
    .description('создать защищённую таблицу для каждой школы: schools/<код>.xlsx')
    .argument('<папка>', 'папка кампании')
    .option('--json', 'вывод в формате JSON')
    .action(async (dir: string, o: { json?: boolean }) => {
      await withCampaignLock(dir, async () => {
        const files = await generate(await loadCampaign(dir), o.json === true);
        if (o.json) return printJson({ files });
        print(
          `Создано таблиц школ: ${files.length}\n${files.map((f) => `  ${f}`).join('\n')}\nРазошлите их школам; заполненные файлы положите в ${dir}/received/`,
        );
      });
    });

  cli
    .command('status')
    .description('состояние каждой школы: не получено / заполняется / готово к проверке / есть ошибки / возвращено / принято')
    .argument('<папка>', 'папка кампании')
    .option('--previous <файл>', 'appendices.json прошлого года (иначе — «previous» в campaign.json)')
    .option('--json', 'вывод в формате JSON')
    .action(async (dir: string, o: { previous?: string; json?: boolean }) => {
      const s = await status(await loadCampaign(dir), o.previous ?? null, o.json === true);
      if (o.json) return printJson(s);
      for (const r of s.rows) print(`  ${r.name.padEnd(24)} ${r.lifecycle}${r.errors ? ` (ошибок: ${r.errors})` : ''}`);
      print(
        `Итого: ${Object.entries(s.counts)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${k} — ${n}`)
          .join(', ')}`,
      );
      if (s.noAddress.length > 0) {
        print(`Без адреса — письма этим ОО не уйдут, добавьте e-mail в реестр (${s.noAddress.length}):`);
        for (const n of s.noAddress) print(`  ${n.name} (${n.schoolId}): ${n.reason}`);
      }
    });

  cli
    .command('validate')
    .description('проверить файлы школ: отчёт по каждой ОО в консоли и в out/validation.xlsx')
    .argument('<папка>', 'папка кампании')
    .option('--previous <файл>', 'appendices.json прошлого года (иначе — «previous» в campaign.json)')
    .option('--json', 'вывод в формате JSON')
    .action(async (dir: string, o: { previous?: string; json?: boolean }) => {
      await withCampaignLock(dir, async () => {
        const summary = await validate(await loadCampaign(dir), o.previous ?? null, o.json === true);
        if (o.json) printJson(summary);
        else printValidation(summary);
        if (summary.completedWithErrors) process.exitCode = EXIT.completedWithErrors;
      });
    });

  cli
    .command('consolidate')
    .description('свести принятые данные в Приложения 1–11: out/appendices.xlsx и out/appendices.json')
    .argument('<папка>', 'папка кампании')
    .option('--previous <файл>', 'appendices.json прошлого года — для динамики')
    .option('--json', 'вывести результат в формате JSON (контракт экспорта)')
    .action(async (dir: string, o: { previous?: string; json?: boolean }) => {
      await withCampaignLock(dir, async () => {
        const out = await consolidate(await loadCampaign(dir), o.previous ?? null, o.json === true);
        if (o.json) printJson(out.result);
        else printConsolidation(out.result, out.files);
        if (!o.json) for (const p of out.problems) print(p);
        if (out.completedWithErrors) process.exitCode = EXIT.completedWithErrors;
      });
    });

  cli
    .command('import-survey')
    .description('загрузить ответы анкеты удовлетворённости (CSV из Google Форм) в surveys.json: доли удовлетворённых для свода')
    .argument('<папка>', 'папка кампании')
    .argument('<файл.csv>', 'ответы формы: «Скачать ответы (.csv)»; столбцы «Образовательная организация» и общий вопрос об удовлетворённости')
    .option('--group <группа>', 'кто отвечал: students (обучающиеся) или parents (родители); иначе по столбцу «Вы —» или по имени файла')
    .option('--json', 'вывод в формате JSON')
    .action(async (dir: string, file: string, o: { group?: string; json?: boolean }) => {
      await withCampaignLock(dir, async () => {
        const out = importSurvey(await loadCampaign(dir), file, o.group ?? null);
        if (o.json) printJson(out);
        else print(importSurveyText(out).join('\n'));
        if (out.skipped.length > 0) process.exitCode = EXIT.completedWithErrors;
      });
    });

  cli
    .command('return')
    .description('вернуть таблицу школы на доработку: копия с её данными и причиной в out/returned/<код>.xlsx')
    .argument('<папка>', 'папка кампании')
    .argument('<код>', 'код ОО из реестра')
    .requiredOption('--reason <текст>', 'причина возврата (попадёт в файл школы)')
    .option('--json', 'вывод в формате JSON')
    .action(async (dir: string, id: string, o: { reason: string; json?: boolean }) => {
      await withCampaignLock(dir, async () => {
        const out = await returnSchool(await loadCampaign(dir), id, o.reason);
        if (o.json) return printJson(out);
        print(`Таблица школы ${out.school} возвращена на доработку. Отправьте школе файл: ${out.file ?? ''}`);
      });
    });

  cli
    .command('accept')
    .description('принять проверенные данные школы (состояние «принято»)')
    .argument('<папка>', 'папка кампании')
    .argument('<код>', 'код ОО из реестра')
    .option('--json', 'вывод в формате JSON')
    .action(async (dir: string, id: string, o: { json?: boolean }) => {
      await withCampaignLock(dir, async () => {
        const out = await acceptSchool(await loadCampaign(dir), id);
        if (o.json) return printJson(out);
        print(`Данные школы ${out.school} приняты.`);
      });
    });

  cli
    .command('recommend')
    .description('адресные рекомендации каждой школе (out/recommendations/<код>.docx) и аналитический отчёт (out/report.docx)')
    .argument('<папка>', 'папка кампании')
    .option('--previous <файл>', 'appendices.json прошлого года — для динамики по школам')
    .option('--json', 'вывод в формате JSON')
    .action(async (dir: string, o: { previous?: string; json?: boolean }) => {
      await withCampaignLock(dir, async () => {
        const out = await recommend(await loadCampaign(dir), o.previous ?? null, o.json === true);
        if (o.json) return printJson(out);
        print(
          `Рекомендации школам (${out.recommendations.length}):\n${out.recommendations.map((f) => `  ${f}`).join('\n')}\nАналитический отчёт: ${out.report}` +
            `\nДля публикации (только муниципальные итоги): ${out.published.join(', ')}`,
        );
      });
    });

  cli
    .command('letters')
    .description('письма школам: черновики .eml в out/letters/<вид>/ и out/letters/letters.csv; отметка об отправке')
    .argument('<папка>', 'папка кампании')
    .requiredOption('--kind <вид>', 'launch — о проведении мониторинга, reminder — напоминание, recommendations — адресные рекомендации')
    .option('--school <ID...>', 'только эти ОО (коды из реестра)')
    .option('--resend', 'ещё раз тем, кому письмо этого вида уже отправлено (кроме напоминаний: их интервал соблюдается всегда)')
    .option('--mark-sent', 'отметить черновики последнего запуска как отправленные (в deliveries.json)')
    .option('--previous <файл>', 'appendices.json прошлого года (для проверки файлов перед напоминанием)')
    .option('--json', 'вывод в формате JSON')
    .action(async (dir: string, o: { kind: string; school?: string[]; resend?: boolean; markSent?: boolean; previous?: string; json?: boolean }) => {
      const kind = letterKind(o.kind);
      await withCampaignLock(dir, async () => {
        const folder = await loadCampaign(dir);
        if (o.markSent) {
          const out = markSent(folder, kind, o.school ?? []);
          if (o.json) return printJson(out);
          print(`Отмечено как отправленные (${out.marked.length}): ${out.marked.map((m) => m.school).join(', ') || '—'}`);
          if (out.already.length > 0) print(`Уже были отмечены: ${out.already.join(', ')}`);
          return;
        }
        const out = await writeLetters(folder, {
          kind,
          resend: o.resend === true,
          schools: o.school ?? [],
          previous: o.previous ?? null,
          quiet: o.json === true,
        });
        if (o.json) return printJson(out);
        if (out.texts.created) print(`Тексты писем по умолчанию записаны в ${out.texts.path} — их можно править.`);
        print(`Черновики писем «${kind}» (${out.letters.length}):`);
        for (const l of out.letters) print(`  ${l.name.padEnd(24)} ${l.to.join(', ')}  ${l.eml}`);
        for (const s of out.skipped.slice(0, MAX_LISTED)) print(`  не отправляется: ${s.name} — ${s.reason}`);
        if (out.skipped.length > MAX_LISTED) print(`  … и ещё ${out.skipped.length - MAX_LISTED} ОО, которым письмо не составлено (список — с --json)`);
        if (out.noAddress.length > 0) {
          print(`Без адреса — письмо не составлено, нужен e-mail в реестре (${out.noAddress.length}):`);
          for (const n of out.noAddress) print(`  ${n.name} (${n.schoolId}): ${n.reason}`);
          process.exitCode = EXIT.completedWithErrors;
        }
        for (const w of out.warnings) print(w);
        print(`Список для рассылки: ${out.csv}\nОткройте .eml в почтовой программе, отправьте и отметьте: msoko letters ${dir} --kind ${kind} --mark-sent`);
      });
    });

  cli
    .command('demo')
    .description('весь цикл на демонстрационном муниципалитете: таблицы → заполнение → анкеты → проверка → свод')
    .argument('[папка]', 'папка для демонстрации', 'demo')
    .action(async (dir: string) => {
      print(`Демонстрационный муниципалитет в папке «${dir}»\n`);
      const prepared = await prepareDemo(dir);
      print(`1. Кампания и реестр: ${dir}/campaign.json, ${dir}/schools.csv; итоги прошлого года: ${prepared.previous}`);
      const generated = await generate(await loadCampaign(dir), false);
      print(`2. Таблицы школ (${generated.length}):\n${generated.map((f) => `     ${f}`).join('\n')}`);
      const filled = await fillDemo(dir, false);
      print(`3. Школы заполнили и вернули файлы (${filled.length}, одна школа не ответила): ${prepared.received}/`);
      const folder = await loadCampaign(dir);
      print('   Анкетирование обучающихся и родителей (выгрузки Google Форм):');
      for (const file of writeDemoSurveys(dir))
        print(
          importSurveyText(importSurvey(folder, file, null))
            .map((l) => `     ${l}`)
            .join('\n'),
        );
      const summary = await validate(folder, prepared.previous, false);
      print('4. Проверка:');
      printValidation(summary, '     ');
      const out = await consolidate(folder, prepared.previous, false);
      print('5. Свод:');
      printConsolidation(out.result, out.files, '     ');
      const docs = await recommend(folder, prepared.previous, false);
      print(
        `6. Адресные рекомендации (${docs.recommendations.length}):\n${docs.recommendations.map((f) => `     ${f}`).join('\n')}\n` +
          `   Аналитический отчёт: ${docs.report}\n   Для публикации (только муниципальные итоги): ${docs.published.join(', ')}`,
      );
      print('\nГотово. Откройте файлы в Excel, Word или LibreOffice.');
    });
  serveCommand(cli, print);
  return cli;
}

function printValidation(s: Awaited<ReturnType<typeof validate>>, indent = ''): void {
  for (const school of s.schools) {
    print(
      `${indent}${school.name}: ${school.lifecycle}${school.errors || school.warnings ? ` — ошибок ${school.errors}, предупреждений ${school.warnings}` : ''}`,
    );
    for (const m of school.messages.slice(0, 5)) print(`${indent}    ${m}`);
    if (school.messages.length > 5) print(`${indent}    … ещё ${school.messages.length - 5} (см. отчёт)`);
  }
  for (const f of s.strays) print(`${indent}Файл «${f.file}» не отнесён к ОО реестра: ${f.messages.map((m) => m.replace(/^Файл: /, '')).join('; ')}`);
  print(`${indent}Отчёт о проверке: ${s.report}${s.completedWithErrors ? ' (завершено с ошибками)' : ''}`);
}

function printConsolidation(
  result: Awaited<ReturnType<typeof consolidate>>['result'],
  files: { xlsx: string; json: string; measures: string },
  indent = '',
): void {
  const accepted = result.schools.filter((x) => x.status === 'accepted').length;
  print(`${indent}В своде ${accepted} из ${result.schools.length} ОО.`);
  for (const a of result.appendices) {
    const cells = a.rows.flatMap((r) => r.cells).filter((c) => c.achieved !== null);
    print(`${indent}  Приложение ${a.number}: целевых значений достигнуто ${cells.filter((c) => c.achieved).length} из ${cells.length}`);
  }
  print(`${indent}Таблицы: ${files.xlsx}\n${indent}Реестр мер (заполняет отдел): ${files.measures}\n${indent}Данные (JSON): ${files.json}`);
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    const err = e as Error & { code?: string; exitCode?: number };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
    if (err.code?.startsWith('commander.')) return EXIT.usage;
    if (e instanceof UserFacingError) {
      process.stderr.write(`Ошибка: ${err.message}\n`);
      return EXIT.usage;
    }
    const problem = fileProblem(e);
    if (problem) {
      process.stderr.write(`Ошибка: ${problem}\n`);
      return EXIT.failure;
    }
    process.stderr.write(`Внутренняя ошибка: ${err.stack ?? err.message}\n`);
    return EXIT.failure;
  }
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
