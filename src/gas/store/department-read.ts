import { quoteSheet } from '../../core/layout/a1';
import { type Spreadsheet, advancedSheets } from '../services';
import { CAMPAIGN_SHEET, type CampaignSettings, campaignFromValues } from './campaign-sheet';
import { REGISTRY_HEADER, REGISTRY_SHEET, type Registry, registryFromValues } from './registry-sheet';

const COLUMN = String.fromCharCode(64 + REGISTRY_HEADER.length);

/**
 * «Кампания» and «Школы» in one Values.batchGet where the Sheets service is enabled (instead of two lookups, two
 * ranges and two reads); else through SpreadsheetApp. A missing sheet is reported by the readers as before.
 */
export function readDepartment(ss: Spreadsheet): { settings: () => CampaignSettings; registry: Registry; id: string | null } {
  const api = advancedSheets();
  if (api?.Spreadsheets?.Values) {
    const id = ss.getId();
    try {
      const res = api.Spreadsheets.Values.batchGet(id, {
        ranges: [`${quoteSheet(CAMPAIGN_SHEET)}!A1:B200`, `${quoteSheet(REGISTRY_SHEET)}!A1:${COLUMN}`],
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'FORMATTED_STRING',
      });
      const [campaign, registry] = [0, 1].map((i) => (res.valueRanges?.[i]?.values ?? []) as unknown[][]);
      return { settings: () => campaignFromValues(campaign ?? []), registry: registryFromValues(registry ?? [], null), id };
    } catch {
      // a sheet is missing or renamed (the range does not parse): the readers below name it
    }
  }
  const campaignSheet = ss.getSheetByName(CAMPAIGN_SHEET);
  const registrySheet = ss.getSheetByName(REGISTRY_SHEET);
  return {
    settings: () => campaignFromValues(campaignSheet ? campaignSheet.getDataRange().getValues() : null),
    registry: registryFromValues(registrySheet ? registrySheet.getDataRange().getValues() : null, registrySheet),
    id: null,
  };
}
