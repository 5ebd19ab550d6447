/**
 * Reads the entries of a zip package through its central directory and node:zlib, for the lean .xlsx reader:
 * only the parts it asks for are inflated. Anything beyond plain zip (zip64, encryption, spanning, methods
 * other than stored/deflate, names that collide) is LeanUnsupported — exceljs (jszip) then reads the file.
 * Sizes are checked before and while inflating, so a zip bomb is refused (ZipTooLarge) without unpacking it.
 */
import { inflateRawSync } from 'node:zlib';
import { unsupported } from './xml-cursor';

/** One part may unpack to at most this much; a school file's largest part is well under 1 MB. */
export const MAX_ENTRY_BYTES = 100 * 1024 * 1024;
/** The whole package may unpack to at most this much. */
export const MAX_TOTAL_BYTES = 200 * 1024 * 1024;

/** The package unpacks (or claims to unpack) beyond the limits: not a monitoring file, and not worth trying. */
export class ZipTooLarge extends Error {}

interface Entry {
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class LeanZip {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly bytes: Buffer) {
    const eocd = findEndOfCentralDirectory(bytes);
    if (bytes.readUInt16LE(eocd + 4) !== 0 || bytes.readUInt16LE(eocd + 6) !== 0) unsupported('a multi-disk zip');
    const count = bytes.readUInt16LE(eocd + 10);
    const cdSize = bytes.readUInt32LE(eocd + 12);
    const cdOffset = bytes.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) unsupported('zip64');
    if (bytes.readUInt16LE(eocd + 8) !== count) unsupported('a multi-disk zip');
    if (cdOffset + cdSize > eocd) unsupported('the central directory overlaps its end record');
    let total = 0;
    let at = cdOffset;
    for (let i = 0; i < count; i++) {
      if (at + 46 > eocd || bytes.readUInt32LE(at) !== CENTRAL) unsupported('a damaged central directory');
      const flags = bytes.readUInt16LE(at + 8);
      const method = bytes.readUInt16LE(at + 10);
      const compressedSize = bytes.readUInt32LE(at + 20);
      const size = bytes.readUInt32LE(at + 24);
      const nameLength = bytes.readUInt16LE(at + 28);
      const extraLength = bytes.readUInt16LE(at + 30);
      const commentLength = bytes.readUInt16LE(at + 32);
      const localOffset = bytes.readUInt32LE(at + 42);
      const nameEnd = at + 46 + nameLength;
      if (nameEnd + extraLength + commentLength > eocd) unsupported('a damaged central directory');
      if (hasUnicodePathField(bytes, nameEnd, nameEnd + extraLength)) unsupported('a unicode path extra field');
      const raw = bytes.toString('utf8', at + 46, nameEnd);
      at = nameEnd + extraLength + commentLength;
      if (raw.endsWith('/')) continue;
      if (flags & 1) unsupported('an encrypted entry');
      if (method !== 0 && method !== 8) unsupported(`compression method ${method}`);
      if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) unsupported('zip64');
      if (size > MAX_ENTRY_BYTES) throw new ZipTooLarge(`${raw}: ${size} bytes`);
      total += size;
      if (total > MAX_TOTAL_BYTES) throw new ZipTooLarge(`${total} bytes in all`);
      // exceljs drops one leading slash from part names
      const name = raw.startsWith('/') ? raw.slice(1) : raw;
      if (this.entries.has(name)) unsupported(`two entries named ${name}`);
      this.entries.set(name, { method, compressedSize, size, localOffset });
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The unpacked bytes of a part, or undefined when the package has no such part. */
  read(name: string): Buffer | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const bytes = this.bytes;
    const at = entry.localOffset;
    if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) unsupported(`no local header for ${name}`);
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const end = start + entry.compressedSize;
    if (end > bytes.length) unsupported(`${name} is cut off`);
    const packed = bytes.subarray(start, end);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) unsupported(`${name}: stored sizes differ`);
      return packed;
    }
    let out: Buffer;
    try {
      out = inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipTooLarge(`${name} unpacks beyond its declared ${entry.size} bytes`);
      return unsupported(`${name} does not inflate`);
    }
    if (out.length !== entry.size) unsupported(`${name}: ${out.length} bytes instead of ${entry.size}`);
    return out;
  }

  /**
   * Before handing the file to exceljs (which unpacks every part): every part unpacks within its declared size.
   * Throws ZipTooLarge for a bomb; other damage is left for exceljs to report.
   */
  checkSizes(): void {
    for (const name of this.entries.keys()) {
      try {
        this.read(name);
      } catch (error) {
        if (error instanceof ZipTooLarge) throw error;
      }
    }
  }
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  return unsupported('no end of central directory');
}

function hasUnicodePathField(bytes: Buffer, from: number, to: number): boolean {
  for (let at = from; at + 4 <= to; ) {
    if (bytes.readUInt16LE(at) === 0x7075) return true;
    at += 4 + bytes.readUInt16LE(at + 2);
  }
  return false;
}
