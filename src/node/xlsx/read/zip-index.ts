/**
 * The one guarded zip layer of every .xlsx reader: the lean reader reads parts through it, and the exceljs
 * fallback gets only a package repacked from parts it has already inflated (read-workbook.ts), so no reader
 * ever inflates an entry the guard has not cleared.
 *
 * Limits, before inflating (the central directory's declared sizes) and while inflating (node:zlib's
 * maxOutputLength stops at the declared size, so the actual total never exceeds the declared total):
 * bytes per entry and in all, the number of entries, the compression ratio of large entries.
 *
 * What it cannot read unambiguously it refuses with a Russian reason (ZipRefused) instead of leaving it to a
 * more lenient library: zip64, several disks, encryption, methods other than stored/deflate, two entries with one
 * name, a damaged directory or entry. Hand-written rather than yauzl: yauzl is asynchronous and reads entries as
 * streams (the lean reader needs a few parts by name, synchronously), accepts duplicate names and zip64, and would
 * still need these checks around it; the structure read here is the plain zip Excel, LibreOffice and openpyxl write.
 * The fuzz test (test/node/xlsx/zip-guard.test.ts) mutates real packages and checks that nothing else escapes.
 */
import { inflateRawSync } from 'node:zlib';

/** One part may unpack to at most this much; a school file's largest part is well under 1 MB. */
export const MAX_ENTRY_BYTES = 32 * 1024 * 1024;
/** The whole package may unpack to at most this much. */
export const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
/** A school file has about 40 parts. */
export const MAX_ENTRIES = 5000;
/** Above 1 MB, a part may be at most this many times its compressed size (XML of school files: about 12). */
export const MAX_RATIO = 200;
const RATIO_FROM_BYTES = 1024 * 1024;

/** The package unpacks (or claims to unpack) beyond the limits: not a monitoring file, and not worth trying. */
export class ZipTooLarge extends Error {}

/** The package is not a plain zip this layer reads unambiguously; the message is the Russian reason. */
export class ZipRefused extends Error {}

interface Entry {
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const DAMAGED = 'архив книги повреждён';
const refuse = (reason: string): never => {
  throw new ZipRefused(reason);
};

export class LeanZip {
  private readonly entries = new Map<string, Entry>();
  /** Bytes inflated so far (the tests hold it under MAX_TOTAL_BYTES). */
  inflated = 0;

  constructor(private readonly bytes: Buffer) {
    const eocd = findEndOfCentralDirectory(bytes);
    if (bytes.readUInt16LE(eocd + 4) !== 0 || bytes.readUInt16LE(eocd + 6) !== 0) refuse('архив разбит на несколько томов');
    const count = bytes.readUInt16LE(eocd + 10);
    const cdSize = bytes.readUInt32LE(eocd + 12);
    const cdOffset = bytes.readUInt32LE(eocd + 16);
    const zip64 = eocd >= 20 && bytes.readUInt32LE(eocd - 20) === ZIP64_LOCATOR;
    if (zip64 || count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) refuse('архив в формате ZIP64, который книги мониторинга не используют');
    if (bytes.readUInt16LE(eocd + 8) !== count) refuse('архив разбит на несколько томов');
    if (count > MAX_ENTRIES) throw new ZipTooLarge(`${count} entries`);
    if (cdOffset + cdSize > eocd) refuse(DAMAGED);
    let total = 0;
    let at = cdOffset;
    for (let i = 0; i < count; i++) {
      if (at + 46 > eocd || bytes.readUInt32LE(at) !== CENTRAL) refuse(DAMAGED);
      const flags = bytes.readUInt16LE(at + 8);
      const method = bytes.readUInt16LE(at + 10);
      const compressedSize = bytes.readUInt32LE(at + 20);
      const size = bytes.readUInt32LE(at + 24);
      const nameLength = bytes.readUInt16LE(at + 28);
      const extraLength = bytes.readUInt16LE(at + 30);
      const commentLength = bytes.readUInt16LE(at + 32);
      const disk = bytes.readUInt16LE(at + 34);
      const localOffset = bytes.readUInt32LE(at + 42);
      const nameEnd = at + 46 + nameLength;
      if (nameEnd + extraLength + commentLength > eocd) refuse(DAMAGED);
      if (disk !== 0) refuse('архив разбит на несколько томов');
      if (hasExtraField(bytes, nameEnd, nameEnd + extraLength, 0x0001)) refuse('архив в формате ZIP64, который книги мониторинга не используют');
      if (hasExtraField(bytes, nameEnd, nameEnd + extraLength, 0x7075)) refuse('в архиве есть второе (Unicode) имя части');
      const raw = bytes.toString('utf8', at + 46, nameEnd);
      at = nameEnd + extraLength + commentLength;
      if (flags & 1) refuse('часть архива зашифрована');
      if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff)
        refuse('архив в формате ZIP64, который книги мониторинга не используют');
      if (size > MAX_ENTRY_BYTES) throw new ZipTooLarge(`${raw}: ${size} bytes`);
      if (size > RATIO_FROM_BYTES && size > compressedSize * MAX_RATIO) throw new ZipTooLarge(`${raw}: ratio ${size}/${compressedSize}`);
      total += size;
      if (total > MAX_TOTAL_BYTES) throw new ZipTooLarge(`${total} bytes in all`);
      if (raw.endsWith('/')) continue;
      if (method !== 0 && method !== 8) refuse(`часть архива сжата неизвестным способом (${method})`);
      // exceljs drops one leading slash from part names; jszip keeps the last of two equal names, we keep neither
      const name = raw.startsWith('/') ? raw.slice(1) : raw;
      if (this.entries.has(name)) refuse('в архиве две части с одним именем');
      this.entries.set(name, { method, compressedSize, size, localOffset });
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The unpacked bytes of a part, or undefined when the package has no such part. */
  read(name: string): Buffer | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const bytes = this.bytes;
    const at = entry.localOffset;
    if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) refuse(DAMAGED);
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const end = start + entry.compressedSize;
    if (end > bytes.length) refuse(DAMAGED);
    const packed = bytes.subarray(start, end);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) refuse(DAMAGED);
      this.inflated += packed.length;
      return packed;
    }
    let out: Buffer;
    try {
      out = inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipTooLarge(`${name} unpacks beyond its declared ${entry.size} bytes`);
      return refuse(DAMAGED);
    }
    this.inflated += out.length;
    if (out.length !== entry.size) refuse(DAMAGED);
    return out;
  }

  /** Every part, inflated through the limits: what the exceljs fallback is given instead of the raw file. */
  readAll(): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    for (const name of this.entries.keys()) out.set(name, this.read(name) as Buffer);
    return out;
  }
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  return refuse('у архива нет оглавления — файл обрезан или повреждён');
}

function hasExtraField(bytes: Buffer, from: number, to: number, id: number): boolean {
  for (let at = from; at + 4 <= to; ) {
    if (bytes.readUInt16LE(at) === id) return true;
    at += 4 + bytes.readUInt16LE(at + 2);
  }
  return false;
}
