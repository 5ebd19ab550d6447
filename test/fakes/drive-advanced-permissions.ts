/**
 * Drive.Permissions (v3) of the fake: create and list over the file records' owner / editors / commenters /
 * viewers and link sharing. A user permission goes through ws.grant(), so the sharing e-mail, the daily
 * sharing quota and writersCanShare are the same as for DriveApp's addEditor; with
 * {sendNotificationEmail: false} no e-mail is sent (none is recorded in ws.notifications), and Drive refuses an
 * address without a Google account (ws.googleAccounts).
 */
import type { DriveAccessName, DrivePermissionName } from './enums';
import {
  argsOf,
  badRequest,
  DEFAULT_PERMISSION_MASK,
  DriveApiError,
  driveCall,
  fieldMask,
  insufficientPermissions,
  lookup,
  PERMISSION_FIELDS,
  resourceOf,
  respond,
} from './drive-advanced-util';
import type { FileRecord } from './model';
import { EMAIL_RE, type Env } from './runtime';
import type { Json } from './sheets-advanced-util';
import type { FakeWorkspace } from './workspace';

export interface FakeDrivePermission {
  kind?: string;
  id?: string;
  type?: string;
  role?: string;
  emailAddress?: string;
  domain?: string;
  allowFileDiscovery?: boolean;
  deleted?: boolean;
  pendingOwner?: boolean;
}
export interface FakeDrivePermissionList {
  kind?: string;
  permissions?: FakeDrivePermission[];
}

const PERMISSION_MODELLED = new Set(['kind', 'id', 'type', 'role', 'emailAddress', 'domain', 'allowFileDiscovery', 'deleted', 'pendingOwner']);
const ROLE_OF: Record<string, 'editor' | 'commenter' | 'viewer'> = { writer: 'editor', commenter: 'commenter', reader: 'viewer' };
const LINK_PERMISSION: Record<string, DrivePermissionName> = { writer: 'EDIT', commenter: 'COMMENT', reader: 'VIEW' };
const LINK_ROLE: Partial<Record<DrivePermissionName, string>> = { EDIT: 'writer', COMMENT: 'commenter', VIEW: 'reader' };
const CREATE_PARAMS = new Set(['sendNotificationEmail', 'emailMessage', 'fields', 'supportsAllDrives', 'supportsTeamDrives']);

/** A stable numeric id per address, shaped like a Drive user permission id. */
function permissionId(email: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const ch of email) {
    a = Math.imul(a ^ ch.charCodeAt(0), 16777619) >>> 0;
    b = Math.imul(b + ch.charCodeAt(0), 2246822519) >>> 0;
  }
  return `${String(a).padStart(10, '0')}${String(b).padStart(10, '0')}`;
}

function userPermission(email: string, role: string): Json {
  return { kind: 'drive#permission', id: permissionId(email), type: 'user', role, emailAddress: email, deleted: false, pendingOwner: false };
}

function linkPermission(rec: FileRecord): Json | null {
  const role = LINK_ROLE[rec.permission];
  if (rec.access === 'PRIVATE' || role === undefined) return null;
  const anyone = rec.access === 'ANYONE' || rec.access === 'ANYONE_WITH_LINK';
  const discoverable = rec.access === 'ANYONE' || rec.access === 'DOMAIN';
  const domain = rec.owner.slice(rec.owner.lastIndexOf('@') + 1);
  return anyone
    ? { kind: 'drive#permission', id: discoverable ? 'anyone' : 'anyoneWithLink', type: 'anyone', role, allowFileDiscovery: discoverable }
    : { kind: 'drive#permission', id: `domain:${domain}`, type: 'domain', role, domain, allowFileDiscovery: discoverable };
}

/** Every permission of a file, owner first. */
function permissionsOf(rec: FileRecord): Json[] {
  const out = [userPermission(rec.owner, 'owner')];
  for (const e of rec.editors) out.push(userPermission(e, 'writer'));
  for (const e of rec.commenters ?? []) out.push(userPermission(e, 'commenter'));
  for (const e of rec.viewers) out.push(userPermission(e, 'reader'));
  const link = linkPermission(rec);
  if (link) out.push(link);
  return out;
}

/** Who may change a file's permissions: the owner, and its editors unless writersCanShare is false. */
function canShare(ws: FakeWorkspace, rec: FileRecord): boolean {
  const user = ws.currentUser;
  return rec.owner === user || (rec.editors.includes(user) && rec.writersCanShare !== false);
}

function hasRole(rec: FileRecord, email: string, role: 'editor' | 'commenter' | 'viewer'): boolean {
  const list = role === 'editor' ? rec.editors : role === 'viewer' ? rec.viewers : (rec.commenters ?? []);
  return email === rec.owner || list.includes(email);
}

export class FakeDrivePermissionsCollection {
  constructor(private readonly env: Env) {}

  /**
   * permissions.create(resource {type, role, emailAddress | domain, allowFileDiscovery}, fileId,
   * optionalArgs {sendNotificationEmail = true, emailMessage, fields}).
   */
  create(resource: object, fileId: string, optionalArgs?: object): FakeDrivePermission {
    return driveCall(this.env, 'drive.permissions.create', () => {
      const ws = this.env.ws;
      const body = resourceOf(resource, 'Permissions.create');
      const args = argsOf(optionalArgs, 'Permissions.create');
      for (const key of Object.keys(args)) if (!CREATE_PARAMS.has(key)) throw new Error(`Fake Drive: permissions.create parameter '${key}' is not implemented`);
      const mask = fieldMask(args['fields'], PERMISSION_FIELDS, PERMISSION_MODELLED, DEFAULT_PERMISSION_MASK);
      const rec = lookup(this.env, fileId, 'read');
      if (!canShare(ws, rec)) throw insufficientPermissions(String(fileId));
      const type = body['type'];
      const roleName = body['role'];
      if (type === undefined || type === null) throw badRequest('The permission type field is required.');
      if (roleName === undefined || roleName === null) throw badRequest('The permission role field is required.');
      if (roleName === 'owner') throw new Error('Fake Drive: ownership transfer is not implemented');
      const role = ROLE_OF[String(roleName)];
      if (role === undefined) throw badRequest(`The role ${String(roleName)} is not valid for this file.`);
      const notifyArg = args['sendNotificationEmail'];
      if (notifyArg !== undefined && typeof notifyArg !== 'boolean') throw new DriveApiError('Invalid Value', 400, 'invalid', 'sendNotificationEmail');
      if (type === 'anyone' || type === 'domain') {
        if (notifyArg !== undefined) throw badRequest('sendNotificationEmail is only allowed when sharing with users or groups.');
        if (type === 'domain' && body['domain'] !== rec.owner.slice(rec.owner.lastIndexOf('@') + 1))
          throw new Error("Fake Drive: sharing with a domain other than the owner's is not implemented");
        const discoverable = body['allowFileDiscovery'] === true;
        const access: DriveAccessName = type === 'anyone' ? (discoverable ? 'ANYONE' : 'ANYONE_WITH_LINK') : discoverable ? 'DOMAIN' : 'DOMAIN_WITH_LINK';
        rec.access = access;
        rec.permission = LINK_PERMISSION[String(roleName)] ?? 'VIEW';
        rec.modifiedAt = ws.nowMs();
        return respond<FakeDrivePermission>(ws, linkPermission(rec) ?? {}, mask);
      }
      if (type !== 'user') throw new Error(`Fake Drive: permissions of type '${String(type)}' are not implemented`);
      const raw = body['emailAddress'];
      if (typeof raw !== 'string' || raw.trim() === '') throw badRequest('The permission emailAddress field is required.');
      const email = raw.trim().toLowerCase();
      if (!EMAIL_RE.test(email)) throw badRequest(`Invalid email address: ${raw}`);
      const notify = notifyArg ?? true;
      if (!hasRole(rec, email, role)) {
        if (!notify && !ws.hasGoogleAccount(email)) {
          throw new DriveApiError(
            `Bad Request. User message: "You are trying to invite ${email}. Since there is no Google account associated with this email address, you must check the "Notify people" box to invite this recipient."`,
            400,
            'invalidSharingRequest',
          );
        }
        if (notify && ws.quotaUsed.sharingInvitations >= ws.quotaLimits.sharingInvitations) {
          throw new DriveApiError(
            `Rate limit exceeded. User message: "These item(s) could not be shared because a rate limit was exceeded: ${rec.name}"`,
            403,
            'sharingRateLimitExceeded',
          );
        }
        const message = args['emailMessage'];
        ws.grant(rec, email, role, { notify, ...(typeof message === 'string' ? { message } : {}) });
      }
      return respond<FakeDrivePermission>(ws, userPermission(email, String(roleName)), mask);
    });
  }

  /** permissions.list(fileId, optionalArgs {fields}): owner, users and link sharing; needs the right to share (guess). */
  list(fileId: string, optionalArgs?: object): FakeDrivePermissionList {
    return driveCall(this.env, 'drive.permissions.list', () => {
      const ws = this.env.ws;
      const args = argsOf(optionalArgs, 'Permissions.list');
      const mask = fieldMask(args['fields'], PERMISSION_FIELDS, PERMISSION_MODELLED, ['kind', ...DEFAULT_PERMISSION_MASK.map((f) => `permissions.${f}`)], {
        key: 'permissions',
        own: ['kind', 'nextPageToken'],
      });
      const rec = lookup(this.env, fileId, 'read');
      if (!canShare(ws, rec)) throw insufficientPermissions(String(fileId));
      return respond<FakeDrivePermissionList>(ws, { kind: 'drive#permissionList', permissions: permissionsOf(rec) }, mask);
    });
  }
}
