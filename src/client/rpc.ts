/**
 * Typed promises over google.script.run. The server's public module types every result; the payloads
 * are typed from the server's zod schemas (the server validates them again: they arrive as `unknown`).
 * Only types are imported from src/app (the RPC contract): nothing of the server is bundled into the sidebar.
 */
import type { DecisionRequest } from '../app/decide';
import type { NewCampaign } from '../app/campaign';
import type { PanelRpc, StepName } from '../app/rpc';

type Api = PanelRpc;

export type { StepName };
export type NewCampaignPayload = NewCampaign;
export type DecisionPayload = DecisionRequest;

/** The RPC functions the sidebar calls, with the arguments it sends. */
interface Payloads {
  getState: [];
  newCampaign: [NewCampaignPayload];
  runStep: [StepName];
  cancelStep: [];
  returnSchool: [DecisionPayload];
  acceptSchool: [DecisionPayload];
  createSurvey: [];
  collectSurvey: [];
  selfTest: [];
}
export type RpcName = keyof Payloads;

/** Compile-time: every RPC name is a public server function, and every payload fits its parameters. */
type Fits = { [K in RpcName]: Payloads[K] extends Parameters<Api[K]> ? true : false };
type AssertAll<T extends Record<RpcName, true>> = T;
export type RpcPayloadsChecked = AssertAll<Fits>;

export type RpcResult<K extends RpcName> = ReturnType<Api[K]>;
export type Success<K extends RpcName> = Extract<RpcResult<K>, { ok: true }>;

/** A failure of the transport (no answer, exception, missing function), already in Russian. */
export class RpcError extends Error {
  override readonly name = 'RpcError';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Every RPC answers `{ ok: true, … }` or `{ ok: false, message }`; anything else is a broken deployment. */
function isReply(v: unknown): boolean {
  if (!isRecord(v) || typeof v['ok'] !== 'boolean') return false;
  return v['ok'] === true || typeof v['message'] === 'string';
}

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

/** Calls a server function; resolves with its `{ ok, … }` reply, rejects with an RpcError. */
export function rpc<K extends RpcName>(name: K, ...args: Payloads[K]): Promise<RpcResult<K>> {
  return new Promise<RpcResult<K>>((resolve, reject) => {
    const base = runner();
    if (!base) {
      reject(new RpcError('Панель работает только внутри Google Таблиц: нет связи с сервером (google.script.run).'));
      return;
    }
    const configured = base
      .withSuccessHandler((value) => {
        if (isReply(value)) resolve(value as RpcResult<K>);
        else reject(new RpcError(`Сервер вернул неожиданный ответ на запрос «${name}». Обновите надстройку.`));
      })
      .withFailureHandler((error) => reject(new RpcError(failureText(error))));
    const fn: unknown = Reflect.get(configured, name);
    if (typeof fn !== 'function') {
      reject(new RpcError(`На сервере нет функции «${name}». Обновите надстройку (clasp push).`));
      return;
    }
    try {
      Reflect.apply(fn, configured, args);
    } catch (e) {
      reject(new RpcError(failureText(e)));
    }
  });
}

/** An RpcError's text, or a generic Russian message for anything else thrown on the client. */
export function errorMessage(e: unknown): string {
  if (e instanceof RpcError) return e.message;
  return `Ошибка в панели: ${e instanceof Error ? e.message : String(e)}`;
}
