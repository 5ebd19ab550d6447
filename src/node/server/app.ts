/**
 * The local server of the offline panel (msoko serve), on fastify: the panel page, the contract's calls at
 * POST /rpc/<name>, uploads, downloads. Every request passes the access checks of access.ts first; every refusal
 * and failure is a Russian `{ ok: false, message }` without a stack; one state-changing operation at a time (409).
 */
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { MAX_CATALOG_BYTES } from '../../app/catalog-import';
import { BUSY_MESSAGE } from '../../app/errors';
import { type PanelCallName, RegistryRowsSchema, UploadKindSchema, isPanelCall, parsePanelArgs } from '../../app/panel-calls';
import { type Access, FOREIGN_HOST, FOREIGN_ORIGIN, accessCookie, checkToken, hostAllowed, originAllowed } from './access';
import { type Download, disposition, isPerSchool, outDownload, schoolDownload, zipDownload } from './downloads';
import { FolderPanel, replyOf } from './folder-panel';
import { panelPage, readTemplate } from './page';
import { saveRegistryRows } from './registry-table';
import { UPLOAD_LIMITS, UploadTooLarge, handleUpload } from './uploads';

export interface PanelServerOptions {
  dir: string;
  port: number;
  access: Access;
  sidebar: string;
}

const RPC_BODY_LIMIT = Math.ceil((MAX_CATALOG_BYTES * 4) / 3) + 64 * 1024;

/** Calls that only read: they run beside a long step instead of waiting for it. */
const READS: ReadonlySet<PanelCallName> = new Set(['getState', 'selfTest', 'charts']);
const BUSY = `${BUSY_MESSAGE} Дождитесь конца текущей операции в панели и повторите.`;

const refuse = (reply: FastifyReply, status: number, message: string): FastifyReply =>
  reply.code(status).header('content-type', 'application/json; charset=utf-8').send({ ok: false, message });

export function panelServer(o: PanelServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  const panel = new FolderPanel(o.dir, () => `http://127.0.0.1:${o.port}`);
  const template = readTemplate(o.sidebar);
  let busy = false;

  /** One operation that changes the campaign at a time; a second one is refused, not queued. */
  const exclusive = async <T>(reply: FastifyReply, run: () => Promise<T>): Promise<T | FastifyReply> => {
    if (busy) return refuse(reply, 409, BUSY);
    busy = true;
    try {
      return await run();
    } finally {
      busy = false;
    }
  };

  void app.register(multipart, { limits: UPLOAD_LIMITS });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    if (!hostAllowed(req.headers.host, o.port)) return refuse(reply, 421, FOREIGN_HOST);
    const verdict = checkToken(o.access, (req.query as Record<string, unknown> | undefined)?.['token'], req.headers.cookie);
    if (!verdict.ok) return refuse(reply, verdict.status, verdict.message);
    if (req.method !== 'GET' && req.method !== 'HEAD' && !originAllowed(req.headers.origin, o.port)) return refuse(reply, 403, FOREIGN_ORIGIN);
    if (verdict.viaQuery) reply.header('set-cookie', accessCookie(o.access));
    return undefined;
  });

  app.get('/', async (req, reply) => {
    // the token leaves the address bar (and the history) at once: the cookie carries it from here on
    if (typeof (req.query as Record<string, unknown>)['token'] === 'string') return reply.redirect('/', 303);
    const page = panelPage(template);
    return reply.header('content-security-policy', page.csp).type('text/html; charset=utf-8').send(page.html);
  });

  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());

  // a catalog workbook comes as base64 in the call's JSON (importCatalog): the limit of its schema, with room for the rest
  app.post<{ Params: { name: string } }>('/rpc/:name', { bodyLimit: RPC_BODY_LIMIT }, async (req, reply) => {
    const name = req.params.name;
    if (!isPanelCall(name)) return refuse(reply, 404, `Нет такого запроса панели: «${name.slice(0, 40)}».`);
    const body = req.body as { args?: unknown } | null | undefined;
    const parsed = parsePanelArgs(name, body && typeof body === 'object' ? (body.args ?? []) : undefined);
    if (!parsed.ok) return refuse(reply, 400, parsed.message);
    const call = (): Promise<unknown> => Reflect.apply(panel[name], panel, parsed.args) as Promise<unknown>;
    if (READS.has(name)) return call();
    return exclusive(reply, call);
  });

  app.post<{ Params: { kind: string } }>('/upload/:kind', async (req, reply) => {
    const kind = UploadKindSchema.safeParse(req.params.kind);
    if (!kind.success) return refuse(reply, 404, 'Нет такой загрузки.');
    if (!req.isMultipart()) return refuse(reply, 400, 'Файлы загружаются формой (multipart/form-data).');
    return exclusive(reply, async () => {
      try {
        const r = await handleUpload(kind.data, req, o.dir);
        return r.ok ? r : refuse(reply, 400, r.message);
      } catch (e) {
        return refuse(reply, e instanceof UploadTooLarge || isLimit(e) ? 413 : 400, isLimit(e) ? limitText(e) : replyOf(e).message);
      }
    });
  });

  app.post('/registry', async (req, reply) => {
    const parsed = RegistryRowsSchema.safeParse(req.body);
    if (!parsed.success) return refuse(reply, 400, `Реестр: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    return exclusive(reply, async () => {
      const r = await saveRegistryRows(o.dir, parsed.data.rows).catch(replyOf);
      return r.ok ? r : refuse(reply, 400, r.message);
    });
  });

  const send = (reply: FastifyReply, d: Download | null): FastifyReply =>
    d ? reply.header('content-disposition', disposition(d.name)).type(d.type).send(d.body) : refuse(reply, 404, 'Такого файла пока нет.');
  app.get<{ Params: { kind: string; id: string } }>('/files/:kind/:id', async (req, reply) => {
    const { kind, id } = req.params;
    if (kind === 'out') return send(reply, outDownload(o.dir, id));
    if (!isPerSchool(kind)) return refuse(reply, 404, 'Такого файла нет.');
    return send(reply, await schoolDownload(o.dir, kind, id).catch(() => null));
  });
  app.get<{ Params: { name: string } }>('/files/:name', async (req, reply) => {
    const name = req.params.name;
    return send(reply, name === 'measures.xlsx' ? outDownload(o.dir, name) : await zipDownload(o.dir, name));
  });

  app.setNotFoundHandler((_req, reply) => refuse(reply, 404, 'Такой страницы у панели нет.'));
  app.setErrorHandler((error: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const message =
      status === 413
        ? 'Запрос слишком большой.'
        : status === 400
          ? 'Запрос не разобран: неверный формат данных.'
          : 'Внутренняя ошибка сервера msoko. Повторите.';
    return refuse(reply, status, message);
  });
  return app;
}

type FastifyError = Error & { statusCode?: number; code?: string };

const isLimit = (e: unknown): boolean => ['FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT'].includes((e as FastifyError).code ?? '');
const limitText = (_e: unknown): string => `За один раз можно загрузить не больше ${UPLOAD_LIMITS.files} файлов.`;
