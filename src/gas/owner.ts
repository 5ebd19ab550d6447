import { UserFacingError } from '../app/errors';
import { getSetting, setSettingNow } from './store/job-store';

const KEY = 'owner';

/** The user the add-on runs as in this execution. */
export function currentUser(): string {
  return Session.getEffectiveUser().getEmail().trim().toLowerCase();
}

export function ownerMessage(owner: string): string {
  return (
    `Кампанию ведёт ${owner}. Таблицы школ, папку кампании и документы надстройка создала от его имени, и Google ` +
    `открывает их надстройке только для него (разрешение «drive.file»), поэтому шаги кампании выполняет только ${owner}. ` +
    'Передать кампанию другому сотруднику надстройка не может: попросите владельца выполнить шаг или начните новую кампанию ' +
    'в своей таблице.'
  );
}

/**
 * Steps, decisions and surveys run only for the campaign's owner (noted at «Новая кампания»; a campaign made by an
 * older version is taken by the first user who runs a step). Anyone else gets a message that names the owner.
 */
export function requireOwner(): void {
  const me = currentUser();
  const owner = getSetting(KEY);
  if (!owner) {
    if (me) setSettingNow(KEY, me);
    return;
  }
  if (me && owner !== me) throw new UserFacingError(ownerMessage(owner));
}

/** The owner of a new campaign; a campaign of another user in this spreadsheet is not taken over. */
export function claimOwnership(): void {
  requireOwner();
  const me = currentUser();
  if (me) setSettingNow(KEY, me);
}

/** For the panel: the owner's message when someone else looks at the campaign, else null. */
export function notOwnerNote(): string | null {
  const owner = getSetting(KEY);
  const me = currentUser();
  return owner && me && owner !== me ? ownerMessage(owner) : null;
}
