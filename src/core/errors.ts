/**
 * A mistake the user can fix (a wrong campaign, a bad file, a refused decision), already said in Russian.
 * Both front ends show its message as it is: the CLI exits with code 2, the add-on answers `{ ok: false, message }`.
 * Anything else thrown is an internal failure.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}

/** Said when another step holds the campaign: in the department's spreadsheet or on the campaign folder. */
export const BUSY_MESSAGE = 'Сейчас выполняется другой шаг (возможно, в другой вкладке, у коллеги или в другой команде msoko). Повторите через минуту.';
