/** `msoko serve [папка]`: the department's control panel in the browser, served from this computer. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UserFacingError } from '../../app/errors';
import { paths } from '../campaign/files';
import { loadCampaign } from '../campaign/load';
import { recentCampaigns } from '../server/recent';
import { serveUntilStopped } from '../server/serve';
import { fillDemo, prepareDemo, writeDemoSurveys } from './demo';
import { generate } from './generate';

/** The demo municipality with its school files generated and returned, ready to be checked in the panel. */
async function prepareDemoCampaign(dir: string, print: (line: string) => void): Promise<void> {
  print(`Готовлю демонстрационную кампанию в папке «${dir}»…`);
  await prepareDemo(dir);
  await generate(await loadCampaign(dir), true);
  await fillDemo(dir, true);
  writeDemoSurveys(dir);
}

/** Without a folder: the latest campaign served here, or a new folder where the panel shows «Новая кампания». */
function pickFolder(print: (line: string) => void): string {
  const recent = recentCampaigns();
  if (recent.length > 0) {
    print('Недавние кампании (открыть другую: msoko serve ПАПКА):');
    for (const [i, d] of recent.entries()) print(`  ${i + 1}. ${d}`);
    return recent[0] as string;
  }
  const base = join(homedir(), 'msoko-кампании');
  let n = 1;
  while (existsSync(join(base, `кампания-${n}`))) n += 1;
  const dir = join(base, `кампания-${n}`);
  print(`Новая кампания: папка «${dir}». Заполните «Новая кампания» в панели.`);
  return dir;
}

export function serveCommand(cli: Command, print: (line: string) => void): void {
  cli
    .command('serve')
    .description('панель управления кампанией в браузере на этом компьютере (без папки — последняя кампания или новая)')
    .argument('[папка]', 'папка кампании')
    .option('--port <N>', 'порт на 127.0.0.1 (по умолчанию — любой свободный)', '0')
    .option('--no-open', 'не открывать браузер (или MSOKO_NO_OPEN=1)')
    .option('--demo', 'если в папке нет кампании — подготовить демонстрационную')
    .action(async (folder: string | undefined, o: { port: string; open: boolean; demo?: boolean }) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserFacingError(`Порт «${o.port}» — нужно число от 0 до 65535`);
      const dir = resolve(folder ?? pickFolder(print));
      if (o.demo && !existsSync(paths(dir).campaign)) await prepareDemoCampaign(dir, print);
      await serveUntilStopped({ dir, port, open: o.open, print });
    });
}
