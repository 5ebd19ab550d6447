import { errorText } from '../app/errors';
import { driveApi } from './drive';
import { withBackoff } from './limits';

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
