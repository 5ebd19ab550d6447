/**
 * How the panel reaches its server. Inside Google Sheets: google.script.run. Offline (msoko serve): fetch of
 * POST /rpc/<name> with the arguments as JSON, on the page's own origin; the access cookie goes along by itself.
 * Both resolve with the server's reply and reject with a Russian text; the caller (rpc.ts) checks the reply's shape.
 */

export type TransportKind = 'sheets' | 'offline';

export interface Transport {
  readonly kind: TransportKind;
  call(name: string, args: readonly unknown[]): Promise<unknown>;
}

/** A failure of the transport (no answer, exception, missing function), already in Russian. */
export class RpcError extends Error {
  override readonly name = 'RpcError';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** google.script.run's failure handler gets an Error (or, rarely, a string); say what it means in Russian. */
export function failureText(error: unknown): string {
  const raw = error instanceof Error ? error.message : isRecord(error) && typeof error['message'] === 'string' ? error['message'] : String(error);
  if (/authori[sz]ation|разрешени/i.test(raw))
    return 'Нужно разрешение: откройте меню Расширения → Мониторинг воспитания и подтвердите доступ, затем повторите.';
  if (/exceeded maximum execution time/i.test(raw)) return 'Сервер не уложился в 6 минут. Повторите шаг — уже сделанное сохранено.';
  if (/network|failed to fetch|connection/i.test(raw)) return 'Нет связи с сервером Google. Проверьте интернет и повторите.';
  return `Сервер не выполнил запрос: ${raw || 'причина неизвестна'}.`;
}

function runner(): GoogleScriptRunner | null {
  if (typeof google === 'undefined' || !google) return null;
  return google.script?.run ?? null;
}

export const sheetsTransport: Transport = {
  kind: 'sheets',
  call: (name, args) =>
    new Promise<unknown>((resolve, reject) => {
      const base = runner();
      if (!base) {
        reject(new RpcError('Панель работает только внутри Google Таблиц: нет связи с сервером (google.script.run).'));
        return;
      }
      const configured = base.withSuccessHandler(resolve).withFailureHandler((error) => reject(new RpcError(failureText(error))));
      const fn: unknown = Reflect.get(configured, name);
      if (typeof fn !== 'function') {
        reject(new RpcError(`На сервере нет функции «${name}». Обновите надстройку (clasp push).`));
        return;
      }
      try {
        Reflect.apply(fn, configured, [...args]);
      } catch (e) {
        reject(new RpcError(failureText(e)));
      }
    }),
};

const OFFLINE_DOWN = 'Нет связи с программой msoko на этом компьютере. Проверьте, что её окно открыто (или запустите её снова), и повторите.';

/** The local server answers every call with JSON `{ ok, … }`, also a refusal (400, 401, 409): the reply says why. */
export const offlineTransport: Transport = {
  kind: 'offline',
  call: async (name, args) => {
    let response: Response;
    try {
      response = await fetch(`/rpc/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ args }),
        credentials: 'same-origin',
      });
    } catch {
      throw new RpcError(OFFLINE_DOWN);
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (isRecord(body) && typeof body['ok'] === 'boolean') return body;
    throw new RpcError(`Сервер msoko ответил ошибкой ${response.status}. Повторите; если не поможет — перезапустите msoko.`);
  },
};

/** google.script.run when the page runs inside Google; otherwise the page came from msoko serve. */
export function pickTransport(): Transport {
  if (runner()) return sheetsTransport;
  if (typeof location !== 'undefined' && /^https?:$/.test(location.protocol)) return offlineTransport;
  return sheetsTransport;
}
