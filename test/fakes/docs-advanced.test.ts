/**
 * The fake Docs advanced service (`Docs`, REST v1) over the same document models as DocumentApp: indexes, the
 * structural rules and their error texts, atomic batches, the request-size budget, 60 writes a minute per user,
 * access and auth modes. Written against the public API only (plus FakeWorkspace controls).
 */
import { AuthMode, FakeWorkspace, type FakeDocsAdvanced, type FakeGlobals } from '.';
import type { Json } from './sheets-advanced-util';

function setup(): { ws: FakeWorkspace; g: FakeGlobals; docs: FakeDocsAdvanced; id: string } {
  const ws = new FakeWorkspace();
  const g = ws.installGlobals();
  if (!g.Docs) throw new Error('Docs advanced service missing');
  return { ws, g, docs: g.Docs, id: g.DocumentApp.create('Документ').getId() };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    if (e instanceof Error) return e;
  }
  throw new Error('did not throw an Error');
}

const PREFIX = 'API call to docs.documents.batchUpdate failed with error: ';
const update = (docs: FakeDocsAdvanced, id: string, ...requests: Json[]) => docs.Documents.batchUpdate({ requests }, id);
const failure = (docs: FakeDocsAdvanced, id: string, ...requests: Json[]): string => thrown(() => update(docs, id, ...requests)).message.replace(PREFIX, '');
const insert = (index: number, text: string): Json => ({ insertText: { location: { index }, text } });
const content = (docs: FakeDocsAdvanced, id: string): Json[] => (docs.Documents.get(id).body?.content ?? []) as Json[];
const ends = (docs: FakeDocsAdvanced, id: string): number[] => content(docs, id).map((e) => Number(e['endIndex']));

describe('indexes', () => {
  test('a new body is the section break [0, 1) and one empty paragraph [1, 2)', () => {
    const { docs, id } = setup();
    const [section, paragraph] = content(docs, id);
    expect(section).toMatchObject({ endIndex: 1, sectionBreak: {} });
    expect(section?.['startIndex']).toBeUndefined();
    expect(paragraph).toMatchObject({ startIndex: 1, endIndex: 2, paragraph: { elements: [{ startIndex: 1, endIndex: 2, textRun: { content: '\n' } }] } });
    expect(docs.Documents.get(id, { fields: 'body.content(endIndex)' })).toEqual({ body: { content: [{ endIndex: 1 }, { endIndex: 2 }] } });
  });

  test('what DocumentApp wrote has the API’s indexes: UTF-16 units, a 2×2 table at S spans S..S+12', () => {
    const { g, docs, id } = setup();
    const body = g.DocumentApp.openById(id).getBody();
    body.getParagraphs()[0]?.setText('ё😀');
    body.appendTable([
      ['', ''],
      ['', ''],
    ]);
    body.appendListItem('пункт');
    expect(ends(docs, id)).toEqual([1, 5, 5 + 12, 5 + 12 + 6]);
    const table = content(docs, id)[2] as Json;
    expect(table['startIndex']).toBe(5);
    const rows = (table['table'] as { tableRows: Json[] }).tableRows;
    expect(rows.map((r) => [r['startIndex'], r['endIndex']])).toEqual([
      [6, 11],
      [11, 16],
    ]);
    expect(content(docs, id)[3]).toMatchObject({ paragraph: { bullet: {} } });
  });

  test('insertText and insertTable land where the reference says; DocumentApp reads them back', () => {
    const { g, docs, id } = setup();
    update(docs, id, insert(1, 'Заголовок\nтекст'), { insertTable: { location: { index: 10 }, rows: 2, columns: 2 } });
    // the table starts at 11 (a newline is inserted before it); cell (r, c) text goes at 11 + 3 + r·5 + 2c
    update(docs, id, insert(11 + 3 + 5 + 2, 'D'), insert(11 + 3, 'A'));
    update(docs, id, {
      updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: 'HEADING_1' }, fields: 'namedStyleType' },
    });
    const body = g.DocumentApp.openById(id).getBody();
    // the paragraph split by the table leaves its (empty) rest after the table
    expect(body.getText()).toBe('Заголовок\nA\t\n\tD\n\nтекст');
    expect(String(body.getParagraphs()[0]?.getHeading())).toBe('HEADING1');
    expect(body.getTables()[0]?.getCell(1, 1).getText()).toBe('D');
  });

  test('a "\\n" makes a paragraph with the heading and bullet of the one it was typed in; control characters are stripped', () => {
    const { g, docs, id } = setup();
    update(
      docs,
      id,
      insert(1, 'один'),
      { updateParagraphStyle: { range: { startIndex: 1, endIndex: 5 }, paragraphStyle: { namedStyleType: 'HEADING_2' }, fields: 'namedStyleType' } },
      insert(3, '\u0001\ue000\nдва\n'),
    );
    const paragraphs = g.DocumentApp.openById(id).getBody().getParagraphs();
    expect(paragraphs.map((p) => [p.getText(), String(p.getHeading())])).toEqual([
      ['од', 'HEADING2'],
      ['два', 'HEADING2'],
      ['ин', 'HEADING2'],
    ]);
  });

  test('an index between the halves of a surrogate pair is moved after the pair', () => {
    const { g, docs, id } = setup();
    update(docs, id, insert(1, 'a😀b'));
    update(docs, id, insert(3, 'X'));
    expect(g.DocumentApp.openById(id).getBody().getText()).toBe('a😀Xb');
  });
});

describe('the API’s refusals', () => {
  test('an index at or past the end, or outside a paragraph', () => {
    const { docs, id } = setup();
    expect(failure(docs, id, insert(2, 'x'))).toBe('Invalid requests[0].insertText: Index 2 must be less than the end index of the referenced segment, 2.');
    expect(failure(docs, id, insert(0, 'x'))).toBe('Invalid requests[0].insertText: The insertion index must be inside the bounds of an existing paragraph.');
    update(docs, id, { insertTable: { location: { index: 1 }, rows: 1, columns: 1 } });
    // [1,2) paragraph, table at 2: row 3, cell 4, cell paragraph [5,6), table end 6, last paragraph [7,8)
    for (const index of [2, 3, 4, 6]) {
      expect(failure(docs, id, insert(index, 'x'))).toBe(
        'Invalid requests[0].insertText: The insertion index must be inside the bounds of an existing paragraph.',
      );
    }
    // requests apply in order: after the first the body ends at 9
    expect(() => update(docs, id, insert(5, 'x'), insert(9, 'y'))).toThrow(
      /requests\[1\]\.insertText: Index 9 must be less than the end index of the referenced segment, 9\./,
    );
  });

  test('deleting: an empty range, the last newline, part of a table, the newline before a table, half an emoji', () => {
    const { docs, id } = setup();
    update(docs, id, insert(1, 'ab😀'), { insertTable: { location: { index: 5 }, rows: 1, columns: 1 } });
    const del = (startIndex: number, endIndex: number): string => failure(docs, id, { deleteContentRange: { range: { startIndex, endIndex } } });
    const end = ends(docs, id).at(-1) ?? 0;
    expect(del(2, 2)).toBe('Invalid requests[0].deleteContentRange: The range should not be empty.');
    expect(del(1, end)).toBe('Invalid requests[0].deleteContentRange: The range cannot include the newline character at the end of the segment.');
    expect(del(1, end + 1)).toBe(`Invalid requests[0].deleteContentRange: Index ${end} must be less than the end index of the referenced segment, ${end}.`);
    const cannot = 'Invalid requests[0].deleteContentRange: Invalid deletion range. Cannot delete the requested range.';
    expect(del(1, 7)).toBe(cannot); // into the table
    expect(del(5, 6)).toBe(cannot); // the newline before the table
    expect(del(4, 5)).toBe(cannot); // half of 😀
    expect(del(9, 10)).toBe(cannot); // the cell's last newline
  });

  test('deleting the whole old body (1 .. end − 1) with its tables leaves one empty paragraph', () => {
    const { g, docs, id } = setup();
    const body = g.DocumentApp.openById(id).getBody();
    body.appendTable([['x']]);
    body.appendListItem('пункт');
    update(docs, id, { deleteContentRange: { range: { startIndex: 1, endIndex: (ends(docs, id).at(-1) ?? 0) - 1 } } });
    expect(ends(docs, id)).toEqual([1, 2]);
    expect(body.getNumChildren()).toBe(1);
    // the last paragraph survives with its own style (here: a list item); a renderer resets it
    expect(String(body.getChild(0).getType())).toBe('LIST_ITEM');
  });

  test('a batch is atomic: one bad request and nothing is written', () => {
    const { g, docs, id } = setup();
    expect(() => update(docs, id, insert(1, 'записано?'), insert(99, 'x'))).toThrow(/requests\[1\]/);
    expect(g.DocumentApp.openById(id).getBody().getText()).toBe('');
  });

  test('unknown, empty, double and unmodelled requests; stray fields; the error object', () => {
    const { docs, id } = setup();
    expect(failure(docs, id, { insertFoo: {} })).toBe(`Invalid JSON payload received. Unknown name "insertFoo" at 'requests[0]': Cannot find field.`);
    expect(failure(docs, id, {})).toBe('Invalid requests[0]: No request set.');
    expect(failure(docs, id, { insertText: { text: 'x', endOfSegmentLocation: {} }, deleteContentRange: {} })).toBe(
      "Invalid value at 'requests[0]' (oneof), oneof field 'request' is already set. Cannot set 'deleteContentRange'",
    );
    expect(failure(docs, id, { insertInlineImage: { uri: 'https://x' } })).toMatch(/^Invalid requests\[0\]\.insertInlineImage: \(fake\) .*not modelled/);
    expect(failure(docs, id, { insertText: { text: 'x', bogus: 1, endOfSegmentLocation: {} } })).toBe(
      `Invalid JSON payload received. Unknown name "bogus" at 'requests[0].insert_text': Cannot find field.`,
    );
    const style = (fields: string) => ({ updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: {}, fields } });
    expect(failure(docs, id, style('bogus_field'))).toBe('Invalid requests[0].updateParagraphStyle: Invalid field: bogus_field');
    expect(failure(docs, id, style('indentStart'))).toMatch(/\(fake\) the field 'indentStart' is not modelled/);
    const e = thrown(() => update(docs, id, insert(5, 'x')));
    expect([e.name, e.message.startsWith(PREFIX), Reflect.get(Reflect.get(e, 'details') as object, 'code')]).toEqual([
      'GoogleJsonResponseException',
      true,
      400,
    ]);
  });
});

describe('styles', () => {
  test('bold, a link (not on the newline, in the link colour), bullets from leading tabs, a header background', () => {
    const { g, docs, id } = setup();
    update(
      docs,
      id,
      insert(1, 'жирный ссылка\n\t\tпункт'),
      { updateTextStyle: { range: { startIndex: 1, endIndex: 7 }, textStyle: { bold: true }, fields: 'bold' } },
      { updateTextStyle: { range: { startIndex: 8, endIndex: 15 }, textStyle: { link: { url: 'https://example.ru' } }, fields: 'link' } },
      { createParagraphBullets: { range: { startIndex: 15, endIndex: 22 }, bulletPreset: 'BULLET_DISC_CIRCLE_SQUARE' } },
      { insertTable: { endOfSegmentLocation: {}, rows: 1, columns: 2 } },
    );
    const body = g.DocumentApp.openById(id).getBody();
    const [first, item] = body.getParagraphs();
    const text = first?.editAsText();
    expect([text?.isBold(0), text?.isBold(6), text?.getLinkUrl(7), text?.getLinkUrl(12)]).toEqual([true, null, 'https://example.ru', 'https://example.ru']);
    expect(item?.getText()).toBe('пункт');
    expect(item && 'getNestingLevel' in item ? item.getNestingLevel() : -1).toBe(2);
    const tableStart = Number(content(docs, id).find((e) => e['table'])?.['startIndex']);
    const cellStyle = { tableRange: { tableCellLocation: { tableStartLocation: { index: tableStart } }, rowSpan: 1, columnSpan: 2 } };
    update(docs, id, {
      updateTableCellStyle: { ...cellStyle, tableCellStyle: { backgroundColor: { color: { rgbColor: { red: 1 } } } }, fields: 'backgroundColor' },
    });
    expect(body.getTables()[0]?.getCell(0, 1).getBackgroundColor()).toBe('#ff0000');
    const runs = (content(docs, id)[1] as { paragraph: { elements: Json[] } }).paragraph.elements.map((e) => e['textRun']);
    expect(runs).toContainEqual({
      content: 'ссылка',
      textStyle: { link: { url: 'https://example.ru' }, foregroundColor: { color: { rgbColor: { red: 17 / 255, green: 85 / 255, blue: 204 / 255 } } } },
    });
    expect(failure(docs, id, { updateTextStyle: { range: { startIndex: 1, endIndex: 2 }, textStyle: { bold: true } } })).toMatch(
      /At least one field must be listed/,
    );
  });
});

describe('limits', () => {
  test('a body over 2,000,000 bytes is refused (the project’s budget), and nothing is written', () => {
    const { g, docs, id } = setup();
    const e = thrown(() => update(docs, id, insert(1, 'ж'.repeat(1_000_000))));
    expect(e.message).toMatch(/^API call to docs\.documents\.batchUpdate failed with error: Request payload size exceeds the limit: 2000000 bytes\./);
    expect(Reflect.get(Reflect.get(e, 'details') as object, 'code')).toBe(400);
    expect(g.DocumentApp.openById(id).getBody().getText()).toBe('');
    update(docs, id, insert(1, 'ж'.repeat(999_000)));
  });

  test('60 write requests a minute per user: the 61st gets Google’s 429; a minute later, or another user, may write', () => {
    const { ws, g, docs, id } = setup();
    for (let i = 0; i < 60; i++) update(docs, id, insert(1, 'x'));
    const e = thrown(() => update(docs, id, insert(1, 'x')));
    expect(e.message).toBe(
      `${PREFIX}Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'docs.googleapis.com' ` +
        "for consumer 'project_number:000000000000'.",
    );
    expect(Reflect.get(Reflect.get(e, 'details') as object, 'code')).toBe(429);
    expect(g.DocumentApp.openById(id).getBody().getText()).toBe('x'.repeat(60));
    g.DocumentApp.openById(id).addEditor('teacher@kalar-edu.example');
    ws.actAs('teacher@kalar-edu.example');
    update(docs, id, insert(1, 'y'));
    ws.actAs(ws.owner);
    ws.advance(60_000);
    update(docs, id, insert(1, 'x'));
    expect(ws.countCalls('Docs.Documents.batchUpdate')).toBe(63);
  });

  test('300 reads a minute per user', () => {
    const { ws, docs, id } = setup();
    for (let i = 0; i < 300; i++) docs.Documents.get(id, { fields: 'body.content(endIndex)' });
    expect(thrown(() => docs.Documents.get(id)).message).toMatch(/limit 'Read requests per minute per user'/);
    ws.advance(60_000);
    docs.Documents.get(id);
  });
});

describe('access and auth modes', () => {
  test('a missing document, a stranger, a viewer writing', () => {
    const { ws, g, docs, id } = setup();
    expect(thrown(() => docs.Documents.get('nope')).message).toBe('API call to docs.documents.get failed with error: Requested entity was not found.');
    ws.actAs('stranger@mail.example');
    expect(thrown(() => docs.Documents.get(id)).message).toMatch(/The caller does not have permission/);
    ws.actAs(ws.owner);
    g.DocumentApp.openById(id).addViewer('viewer@mail.example');
    ws.actAs('viewer@mail.example');
    expect(docs.Documents.get(id).documentId).toBe(id);
    expect(failure(docs, id, insert(1, 'x'))).toBe('The caller does not have permission');
  });

  test('refused in NONE and LIMITED; absent when the service is not enabled; create makes a blank document', () => {
    const ws = new FakeWorkspace();
    const id = ws.installGlobals().DocumentApp.create('d').getId();
    for (const authMode of [AuthMode.NONE, AuthMode.LIMITED]) {
      expect(() => ws.installGlobals({ authMode }).Docs?.Documents.get(id)).toThrow(/You do not have permission to call Docs\.Documents\.get/);
    }
    const made = ws.installGlobals().Docs?.Documents.create({ title: 'Новый' });
    expect([made?.title, made?.body?.content?.length, ws.quotaUsed.documentCreate]).toEqual(['Новый', 2, 2]);
    ws.advancedDocsEnabled = false;
    expect(ws.installGlobals().Docs).toBeUndefined();
  });
});
