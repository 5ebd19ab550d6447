/** The look of every generated .docx: font, sizes (half-points), colours, A4 page and margins (twips). */

export const FONT = 'Times New Roman';
export const CREATOR = 'Мониторинг воспитания';

export const SIZE = { body: 24, title: 32, table: 18, heading: { 1: 30, 2: 27, 3: 25 } } as const;
/** The blues of Word's classic heading styles, which the documents have always had. */
export const HEADING_COLOR = { 1: '2E74B5', 2: '2E74B5', 3: '1F4D78' } as const;
export const MUTED_COLOR = '555555';
export const HYPERLINK_COLOR = '0563C1';
export const TABLE_BORDER_COLOR = '999999';
export const TABLE_HEADER_FILL = 'E7E6E6';

export const PAGE = { width: 11906, height: 16838, top: 1134, bottom: 1134, left: 1701, right: 850, header: 708, footer: 708 } as const;
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** The one bullet list definition in numbering.xml. */
export const BULLET_NUM_ID = 1;
