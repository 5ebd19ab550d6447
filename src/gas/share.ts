import { errorText } from '../app/errors';
import { driveApi } from './drive';
import { withBackoff } from './limits';
import { apiFailure, drivePermission, fetchAllApi } from './rest';

const NO_ACCOUNT = /no Google account associated|check the "?Notify people"? box/i;

/**
 * Shares a file with the school's addresses only (never by link), without an invitation e-mail where Google allows
 * it. An address without a Google account (most school mail: mail.ru, Yandex, regional domains) can only be invited
 * by e-mail; then it gets one in Russian, which counts against the sharing quota. Returns those addresses, so the
 * department knows which schools received an invitation letter.
 */
export function shareWith(fileId: string, emails: string[], role: 'writer' | 'reader', message: string): string[] {
  const api = driveApi();
  const invited: string[] = [];
  for (const emailAddress of emails) {
    const permission = { type: 'user', role, emailAddress };
    try {
      withBackoff(() => api.Permissions.create(permission, fileId, { sendNotificationEmail: false, fields: 'id' }));
    } catch (e) {
      if (!NO_ACCOUNT.test(errorText(e))) throw e;
      withBackoff(() => api.Permissions.create(permission, fileId, { sendNotificationEmail: true, emailMessage: message, fields: 'id' }));
      invited.push(emailAddress);
    }
  }
  return invited;
}

/** As shareWith, for a group of files at once: one parallel round without e-mail, one with it for the addresses that need it. */
export function shareAllWith(files: readonly { fileId: string; emails: readonly string[] }[], role: 'writer' | 'reader', message: string): string[] {
  const grants = files.flatMap(({ fileId, emails }) => emails.map((emailAddress) => ({ fileId, permission: { type: 'user', role, emailAddress } })));
  const quiet = fetchAllApi(grants.map((g) => drivePermission(g.fileId, g.permission, { sendNotificationEmail: false, fields: 'id' })));
  const needInvitation = grants.filter((g, i) => {
    const reply = quiet[i];
    if (!reply || reply.ok) return false;
    if (NO_ACCOUNT.test(reply.text)) return true;
    throw apiFailure(reply, `files/${g.fileId}/permissions`);
  });
  const invited = fetchAllApi(
    needInvitation.map((g) => drivePermission(g.fileId, g.permission, { sendNotificationEmail: true, emailMessage: message, fields: 'id' })),
  );
  invited.forEach((reply) => {
    if (!reply.ok) throw apiFailure(reply, 'permissions');
  });
  return needInvitation.map((g) => g.permission.emailAddress);
}
