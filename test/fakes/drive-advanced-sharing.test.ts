/**
 * The fake Drive advanced service (v3): Permissions (invitation e-mails, Google accounts, the sharing quota,
 * writersCanShare), drive.file grants, the call log and auth modes. Public API only, through the real typings.
 */
import { AuthMode, FakeWorkspace } from '.';
import { driveOf, setup, thrown } from '../helpers/drive-v3';

const SHEET = 'application/vnd.google-apps.spreadsheet';
const DRIVE_FILE = ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive.file'];

describe('Permissions.create', () => {
  test('a writer is invited by e-mail (recorded, counted); silently when sendNotificationEmail is false', () => {
    const { ws, g, Drive } = setup();
    const id = g.SpreadsheetApp.create('Школа №1').getId();
    const p = Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: 'Director@gmail.com' }, id, { emailMessage: 'Заполните' });
    expect(Object.keys(p).sort()).toEqual(['id', 'kind', 'role', 'type']);
    expect(p).toMatchObject({ kind: 'drive#permission', type: 'user', role: 'writer', id: expect.stringMatching(/^\d{20}$/) });
    expect(ws.notifications).toEqual([{ fileId: id, email: 'director@gmail.com', role: 'editor', at: ws.nowMs(), message: 'Заполните' }]);
    expect(ws.quotaUsed.sharingInvitations).toBe(1);
    Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: 'teacher@gmail.com' }, id, { sendNotificationEmail: false });
    expect(ws.notifications).toHaveLength(1);
    expect(ws.quotaUsed.sharingInvitations).toBe(1);
    ws.actAs('teacher@gmail.com');
    expect(g.SpreadsheetApp.openById(id).getName()).toBe('Школа №1');
  });

  test('a silent share to an address without a Google account is refused as Drive refuses it', () => {
    const { ws, g, Drive } = setup();
    const id = g.SpreadsheetApp.create('Школа №2').getId();
    const e = thrown(() => Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: 'school2@mail.ru' }, id, { sendNotificationEmail: false }));
    expect(e.name).toBe('GoogleJsonResponseException');
    expect(e.message).toBe(
      'API call to drive.permissions.create failed with error: Bad Request. User message: "You are trying to invite school2@mail.ru. ' +
        'Since there is no Google account associated with this email address, you must check the "Notify people" box to invite this recipient."',
    );
    expect(e.details).toMatchObject({ code: 400, errors: [{ reason: 'invalidSharingRequest' }] });
    expect(g.SpreadsheetApp.openById(id).getEditors()).toHaveLength(0);
    Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: 'school2@mail.ru' }, id); // an invitation works
    expect(ws.notifications.map((n) => n.email)).toEqual(['school2@mail.ru']);
    expect(ws.hasGoogleAccount('department2@kalar-edu.example')).toBe(true); // the owner's own domain
    expect(ws.hasGoogleAccount('school@sch1.irkutsk.ru')).toBe(false);
  });

  test('googleAccounts is a workspace option (and a property tests may replace)', () => {
    const { ws, g, Drive } = setup({ googleAccounts: (email) => email.endsWith('@mail.ru') });
    const id = g.SpreadsheetApp.create('Школа №3').getId();
    Drive.Permissions.create({ type: 'user', role: 'commenter', emailAddress: 'school3@mail.ru' }, id, { sendNotificationEmail: false });
    ws.googleAccounts = () => false;
    expect(() => Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: 'x@gmail.com' }, id, { sendNotificationEmail: false })).toThrow(
      'Since there is no Google account associated with this email address',
    );
    const list = Drive.Permissions.list(id, { fields: 'permissions(emailAddress,role)' });
    expect(list.permissions).toEqual([
      { emailAddress: 'department@kalar-edu.example', role: 'owner' },
      { emailAddress: 'school3@mail.ru', role: 'commenter' },
    ]);
    expect(Object.keys(Drive.Permissions.list(id).permissions?.[0] ?? {}).sort()).toEqual(['id', 'kind', 'role', 'type']); // no e-mail by default
  });

  test('invitation e-mails share one daily quota (a guess) with addEditor; silent shares do not count', () => {
    const { ws, g, Drive } = setup({ quotas: { sharingInvitations: 2 } });
    const ss = g.SpreadsheetApp.create('Школа №4');
    ss.addEditor('a@gmail.com');
    Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: 'b@gmail.com' }, ss.getId());
    const e = thrown(() => Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: 'c@gmail.com' }, ss.getId()));
    expect(e.message).toBe(
      'API call to drive.permissions.create failed with error: Rate limit exceeded. User message: "These item(s) could not be shared because a rate limit was exceeded: Школа №4"',
    );
    expect(e.details).toMatchObject({ code: 403, errors: [{ reason: 'sharingRateLimitExceeded' }] });
    expect(() => ss.addEditor('c@gmail.com')).toThrow('Sorry, you have exceeded your sharing quota.');
    Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: 'c@gmail.com' }, ss.getId(), { sendNotificationEmail: false });
    expect(ss.getEditors().map((u) => u.getEmail())).toEqual(['a@gmail.com', 'b@gmail.com', 'c@gmail.com']);
    ws.nextDay();
    ss.addEditor('d@gmail.com');
    expect(ws.notifications.map((n) => n.email)).toEqual(['a@gmail.com', 'b@gmail.com', 'd@gmail.com']);
  });

  test('writersCanShare false: editors may no longer share (Drive, DriveApp, Spreadsheet); readers never', () => {
    const { ws, g, Drive } = setup();
    const id = Drive.Files.create({ name: 'Школа №5', mimeType: SHEET, writersCanShare: false }).id ?? '';
    Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: 'editor@gmail.com' }, id);
    Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: 'reader@gmail.com' }, id);
    ws.actAs('editor@gmail.com');
    expect(() => Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: 'x@gmail.com' }, id)).toThrow(
      `The user does not have sufficient permissions for file ${id}.`,
    );
    expect(() => g.SpreadsheetApp.openById(id).addEditor('x@gmail.com')).toThrow('Access denied: DriveApp.');
    expect(() => g.DriveApp.getFileById(id).addViewer('x@gmail.com')).toThrow('Access denied: DriveApp.');
    expect(Drive.Files.get(id, { fields: 'writersCanShare,capabilities(canShare,canEdit)' })).toEqual({
      writersCanShare: false,
      capabilities: { canShare: false, canEdit: true },
    });
    ws.actAs('reader@gmail.com');
    expect(() => Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: 'x@gmail.com' }, id)).toThrow('sufficient permissions');
    ws.actAs(ws.owner);
    Drive.Files.update({ writersCanShare: true }, id);
    ws.actAs('editor@gmail.com');
    expect(Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: 'x@gmail.com' }, id).role).toBe('reader');
  });

  test('link sharing (type anyone / domain) and refusals of a malformed permission', () => {
    const { ws, g, Drive } = setup();
    const id = g.SpreadsheetApp.create('Свод').getId();
    expect(Drive.Permissions.create({ type: 'anyone', role: 'reader' }, id, { fields: 'id,type,allowFileDiscovery' })).toEqual({
      id: 'anyoneWithLink',
      type: 'anyone',
      allowFileDiscovery: false,
    });
    expect(ws.linkSharedFiles().map((f) => f.id)).toEqual([id]);
    expect(() => Drive.Permissions.create({ type: 'user', emailAddress: 'x@gmail.com' }, id)).toThrow('The permission role field is required.');
    expect(() => Drive.Permissions.create({ type: 'user', role: 'writer' }, id)).toThrow('The permission emailAddress field is required.');
    expect(() => Drive.Permissions.create({ type: 'anyone', role: 'reader' }, id, { sendNotificationEmail: false })).toThrow('only allowed');
  });
});

describe('drive.file: the app reaches only the files it created (or was given) for each user', () => {
  function driveFile() {
    const ws = new FakeWorkspace();
    ws.createHostSpreadsheet();
    Reflect.set(ws, 'manifestScopes', DRIVE_FILE);
    const g = ws.installGlobals();
    return { ws, g, Drive: driveOf(g) };
  }

  test('files the user made through the app are reachable; others answer 404 like Drive v3', () => {
    const { ws, g, Drive } = driveFile();
    const mine = g.SpreadsheetApp.create('Своя').getId();
    expect(Drive.Files.get(mine, { fields: 'name,isAppAuthorized' })).toEqual({ name: 'Своя', isAppAuthorized: true });
    ws.actAs('school@gmail.com');
    const theirs = g.SpreadsheetApp.create('Чужая');
    theirs.addEditor(ws.owner);
    ws.actAs(ws.owner);
    expect(g.SpreadsheetApp.openById(theirs.getId()).getName()).toBe('Чужая'); // the spreadsheets scope reaches it
    const e = thrown(() => Drive.Files.get(theirs.getId()));
    expect(e.message).toBe(`API call to drive.files.get failed with error: File not found: ${theirs.getId()}.`);
    expect(() => Drive.Files.copy({}, theirs.getId())).toThrow('File not found');
    expect(() => Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: 'x@gmail.com' }, theirs.getId())).toThrow('File not found');
    expect(() => Drive.Files.get('root')).toThrow('File not found: root.');
    expect((Drive.Files.list({ q: `mimeType = '${SHEET}'`, fields: 'files(name)' }).files ?? []).map((f) => f.name)).toEqual([
      'Мониторинг воспитания — управление образованием',
      'Своя',
    ]);
    expect(ws.appCanAccess(ws.owner, theirs.getId())).toBe(false);
    ws.grantAppAccess(theirs.getId()); // the user opened it with the app (Picker)
    expect(ws.appCanAccess(ws.owner, theirs.getId())).toBe(true);
    expect(Drive.Files.get(theirs.getId()).name).toBe('Чужая');
  });

  test('grants are per user; a copy is its maker’s; a folder outside the app cannot take new files', () => {
    const { ws, Drive } = driveFile();
    const folder = Drive.Files.create({ name: 'Папка', mimeType: 'application/vnd.google-apps.folder' }).id ?? '';
    const file = Drive.Files.create({ name: 'Школа', mimeType: SHEET, parents: [folder] }).id ?? '';
    Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: 'editor@gmail.com' }, file);
    ws.actAs('editor@gmail.com');
    expect(ws.appCanAccess('editor@gmail.com', file)).toBe(false);
    expect(() => Drive.Files.get(file)).toThrow(`File not found: ${file}.`);
    ws.grantAppAccess(file);
    const copy = Drive.Files.copy({ name: 'Копия' }, file, { fields: 'id,parents,owners(emailAddress)' });
    expect(copy).toMatchObject({ parents: [ws.rootFolderId], owners: [{ emailAddress: 'editor@gmail.com' }] }); // the folder is not shared with them
    expect(ws.appCanAccess('editor@gmail.com', copy.id ?? '')).toBe(true);
    ws.actAs('school@gmail.com');
    const foreign = Drive.Files.create({ name: 'Чужая папка', mimeType: 'application/vnd.google-apps.folder' }).id ?? '';
    Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: ws.owner }, foreign);
    ws.actAs(ws.owner);
    expect(() => Drive.Files.create({ name: 'x', parents: [foreign] })).toThrow(`File not found: ${foreign}.`);
    expect(Drive.Files.create({ name: 'y', parents: ['root'] }).name).toBe('y');
  });
});

describe('Call log, auth modes, the switch', () => {
  test('calls are logged per collection; NONE and LIMITED refuse the service; advancedDriveEnabled false removes it', () => {
    const { ws, Drive } = setup();
    ws.resetCalls();
    const id = Drive.Files.create({ name: 'a', mimeType: SHEET }).id ?? '';
    Drive.Files.get(id);
    Drive.Permissions.list(id);
    expect(ws.countCalls('Drive.Files.create')).toBe(1);
    expect(ws.countCalls((c) => c.service.startsWith('Drive.'))).toBe(3);
    for (const authMode of [AuthMode.NONE, AuthMode.LIMITED]) {
      const limited = driveOf(ws.installGlobals({ authMode }));
      expect(() => limited.Files.list()).toThrow('You do not have permission to call Drive.Files.list');
    }
    ws.advancedDriveEnabled = false;
    expect(ws.installGlobals().Drive).toBeUndefined();
  });
});
