/** The campaigns served lately on this computer, newest first (for `msoko serve` without a folder). */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { paths, readJsonFile, writeJson } from '../campaign/files';

const RecentSchema = z.object({ campaigns: z.array(z.string()) });
const MAX = 10;

/** MSOKO_HOME moves it (tests); otherwise ~/.msoko/recent.json. */
const recentFile = (): string => join(process.env['MSOKO_HOME'] || join(homedir(), '.msoko'), 'recent.json');

export function recentCampaigns(): string[] {
  try {
    return (readJsonFile(recentFile(), RecentSchema)?.campaigns ?? []).filter((d) => existsSync(paths(d).campaign));
  } catch {
    return [];
  }
}

export function rememberCampaign(dir: string): void {
  try {
    const list = [dir, ...recentCampaigns().filter((d) => d !== dir)].slice(0, MAX);
    writeJson(recentFile(), { campaigns: list });
  } catch {
    // a read-only home folder only costs the list of recent campaigns
  }
}
