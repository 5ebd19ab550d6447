import { existsSync } from 'node:fs';
import { UserFacingError } from '../../app/errors';
import { type LetterTexts, defaultLetterTexts } from '../../core/letters/texts';
import { lettersWorkbookSpec, parseLettersWorkbook } from '../../core/letters/workbook';
import { paths } from '../campaign/files';
import { readWorkbookFile } from '../xlsx/read/read-workbook';
import { writeWorkbookFile } from '../xlsx/write/render';

/**
 * The department's letter texts from letters.xlsx in the campaign folder, read as values through the hardened reader.
 * On first use the file is written with the default texts. A bad file is one Russian error naming sheet and cell;
 * nothing is guessed.
 */
export async function loadLetterTexts(dir: string): Promise<{ texts: LetterTexts; path: string; created: boolean }> {
  const path = paths(dir).letters;
  if (!existsSync(path)) {
    const texts = defaultLetterTexts();
    await writeWorkbookFile(lettersWorkbookSpec(texts), path, { password: null, definedNames: false });
    return { texts, path, created: true };
  }
  const grid = await readWorkbookFile(path);
  if ('unreadable' in grid) throw new UserFacingError(`${path}: ${grid.unreadable}`);
  const parsed = parseLettersWorkbook(grid);
  if ('problems' in parsed)
    throw new UserFacingError(`тексты писем «${path}» не прочитаны — исправьте (${parsed.problems.length}):\n  ${parsed.problems.join('\n  ')}`);
  return { texts: parsed.texts, path, created: false };
}
