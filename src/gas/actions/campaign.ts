import { catalogOf, newCampaign as checkedCampaign, previousOf } from '../../app/campaign';
import { CATALOG_SOURCES } from '../../core/catalog';
import type { CatalogSource } from '../../core/catalog/schema';
import type { Reply } from '../../app/errors';
import { underDocumentLock } from '../lock';
import { claimOwnership } from '../owner';
import { writeCampaignSheet } from '../store/campaign-sheet';
import { lockedForm, writeCatalogSheets } from '../store/catalog-sheets';
import { adoptPrevious, ensureCycleSheets } from '../store/cycle-store';
import { stopRemindersForNewCampaign } from '../letters/trigger';
import { setSettingNow } from '../store/job-store';
import { ensureRegistrySheet } from '../store/registry-sheet';

/** «Новая кампания»: the «Кампания», «Школы» and «Каталог…» sheets in the department's spreadsheet. */
export function newCampaign(raw: unknown): Reply<{ message: string }> {
  return underDocumentLock(() => {
    const campaign = checkedCampaign(raw);
    claimOwnership();
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    ss.setSpreadsheetLocale('ru_RU');
    writeCampaignSheet(ss, {
      year: campaign.year,
      municipality: campaign.municipality,
      department: campaign.department ?? '',
      catalogId: campaign.catalogId,
      deadline: campaign.deadline ?? '',
    });
    ensureRegistrySheet(ss);
    // the catalog's own sheets, from the built-in catalog; kept when this year's school files are already out
    const keep = lockedForm(campaign.year) !== null;
    if (!keep) writeCatalogSheets(ss, CATALOG_SOURCES[campaign.catalogId] as CatalogSource);
    ensureCycleSheets(ss, catalogOf(campaign.catalogId), campaign.year);
    // dates in journals and remarks in the department spreadsheet's own zone, not the script's (manifest) one
    setSettingNow('timeZone', ss.getSpreadsheetTimeZone());
    // the daily reminders of the campaign before stop: their trigger goes (issue 19)
    stopRemindersForNewCampaign();
    const previous = previousOf(raw);
    const chained = previous ? ` ${adoptPrevious(ss, previous, campaign.year)}` : '';
    return {
      ok: true,
      message: `Кампания создана.${chained} Заполните реестр на листе «Школы» (код, наименование, тип, e-mail) и создайте таблицы школ.`,
    };
  });
}
