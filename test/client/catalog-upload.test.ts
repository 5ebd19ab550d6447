/** The sidebar sends an uploaded catalog workbook as base64: the slices join into exactly Node's encoding. */
import { base64Of } from '../../src/client/base64';

test('base64Of encodes bytes as Buffer does, across its 32 KB slices', () => {
  const bytes = new Uint8Array(100_003);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
  expect(base64Of(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  expect(base64Of(new Uint8Array())).toBe('');
});
