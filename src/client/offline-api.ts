/**
 * What only the offline panel sends to msoko serve: files (multipart, uploaded as soon as they are chosen or dropped)
 * and the registry typed in the table. Replies are `{ ok, message }`, refusals included.
 */
import type { UploadKind, UploadReply } from '../app/panel-calls';
import { RpcError } from './transport';

const DOWN = 'Нет связи с программой msoko на этом компьютере. Проверьте, что её окно открыто, и повторите.';

async function send(url: string, init: RequestInit): Promise<UploadReply> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'same-origin' });
  } catch {
    throw new RpcError(DOWN);
  }
  const body: unknown = await response.json().catch(() => null);
  if (typeof body === 'object' && body !== null && 'ok' in body && 'message' in body && typeof body.message === 'string') return body as UploadReply;
  throw new RpcError(`Сервер msoko ответил ошибкой ${response.status}. Повторите.`);
}

export function uploadFiles(kind: UploadKind, files: readonly File[], fields: Record<string, string> = {}): Promise<UploadReply> {
  const form = new FormData();
  // fields first: the server reads the parts in order (the survey's group before its file)
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const f of files) form.append('file', f, f.name);
  return send(`/upload/${kind}`, { method: 'POST', body: form });
}

export function saveRegistry(rows: string[][]): Promise<UploadReply> {
  return send('/registry', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows }) });
}
