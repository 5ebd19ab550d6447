/** The file's bytes as base64, in slices (String.fromCharCode takes a bounded argument list). No DOM: tested under Node. */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
