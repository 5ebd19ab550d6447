/**
 * Typed promises over the panel's transport (google.script.run in Google, fetch offline: transport.ts). The
 * contract (src/app/rpc.ts, src/app/panel-calls.ts) types every call and result; the server validates the payloads
 * again with the contract's zod schemas (they arrive as `unknown`). Only types are imported from src/app: nothing of
 * the server is bundled into the sidebar.
 */
import type { DecisionRequest } from '../app/decide';
import type { NewCampaign } from '../app/campaign';
import type { PanelPayloads } from '../app/panel-calls';
import type { PanelRpc, StepName } from '../app/rpc';
import { RpcError, type Transport, failureText, pickTransport } from './transport';

export { RpcError, failureText };

type Api = PanelRpc;

export type { StepName };
export type NewCampaignPayload = NewCampaign;
export type DecisionPayload = DecisionRequest;

/** The RPC functions the sidebar calls, with the arguments it sends: the contract's, defined once. */
type Payloads = PanelPayloads;
export type RpcName = keyof Payloads;

/** Compile-time: every RPC name is a call of the contract, and every payload fits its parameters. */
type Fits = { [K in RpcName]: Payloads[K] extends Parameters<Api[K]> ? true : false };
type AssertAll<T extends Record<RpcName, true>> = T;
export type RpcPayloadsChecked = AssertAll<Fits>;

export type RpcResult<K extends RpcName> = ReturnType<Api[K]>;
export type Success<K extends RpcName> = Extract<RpcResult<K>, { ok: true }>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Every RPC answers `{ ok: true, … }` or `{ ok: false, message }`; anything else is a broken deployment. */
function isReply(v: unknown): boolean {
  if (!isRecord(v) || typeof v['ok'] !== 'boolean') return false;
  return v['ok'] === true || typeof v['message'] === 'string';
}

let transport: Transport | null = null;

/** The transport of this page: chosen once, on the first call (tests and the offline page may set it first). */
export function currentTransport(): Transport {
  transport ??= pickTransport();
  return transport;
}

export function useTransport(t: Transport): void {
  transport = t;
}

/** Calls a server function; resolves with its `{ ok, … }` reply, rejects with an RpcError. */
export async function rpc<K extends RpcName>(name: K, ...args: Payloads[K]): Promise<RpcResult<K>> {
  const value = await currentTransport().call(name, args);
  if (isReply(value)) return value as RpcResult<K>;
  throw new RpcError(`Сервер вернул неожиданный ответ на запрос «${name}». Обновите надстройку.`);
}

/** An RpcError's text, or a generic Russian message for anything else thrown on the client. */
export function errorMessage(e: unknown): string {
  if (e instanceof RpcError) return e.message;
  return `Ошибка в панели: ${e instanceof Error ? e.message : String(e)}`;
}
