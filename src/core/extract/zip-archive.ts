/**
 * ZIP archives (also the container of .docx/.xlsx/.pptx/.odt/.ods). The central directory is read
 * here; entries are inflated in small steps (natively where the runtime can, else with pako),
 * so the output is counted while it grows: declared sizes are checked before inflating, and actual
 * sizes while inflating, because headers can lie. Encrypted entries and unknown methods are
 * reported, not guessed.
 */
import { decodeText } from "./decode-text";
import { LimitExceeded, type ExtractBudget, type ExtractLimits } from "./extract-limits";
import { UnreadableError } from "./extracted";
import { pakoInflater, type RawInflater } from "./inflate";

export interface ZipEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

const MIB = 1024 * 1024;

// Names without the UTF-8 flag are in the DOS code page; Danish Windows writes code page 850.
const CP850_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0";

function cp850(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : CP850_HIGH.charAt(b - 0x80);
  return s;
}

const u16 = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, i: number): number => (u16(b, i) + u16(b, i + 2) * 0x10000);
const u64 = (b: Uint8Array, i: number): number => u32(b, i) + u32(b, i + 4) * 0x100000000;

function corrupt(detail: string): UnreadableError {
  return new UnreadableError("corrupt", detail);
}

/** True for the local file header signature PK\3\4 (or an empty archive's PK\5\6). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/**
 * Fills bytes [from, to) of an archive that is decoded only where it is read (base64.ts,
 * lazyBase64); every range is loaded here before it is looked at.
 */
export type LoadRange = (from: number, to: number) => void;

const loaded: LoadRange = () => undefined;

/** Lists the entries from the central directory; throws UnreadableError("corrupt") for a truncated or broken archive. */
export function listZip(bytes: Uint8Array, load: LoadRange = loaded): ZipEntry[] {
  const len = bytes.length;
  load(Math.max(0, len - 22 - 0xffff), len);
  let eocd = -1;
  for (let i = len - 22; i >= 0 && i >= len - 22 - 0xffff; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("truncated or not a ZIP archive: no end of central directory");
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0) load(loc, eocd);
    if (loc < 0 || u32(bytes, loc) !== 0x07064b50) throw corrupt("ZIP64 archive without its locator");
    const e64 = u64(bytes, loc + 8);
    if (e64 + 56 <= len) load(e64, e64 + 56);
    if (e64 + 56 > len || u32(bytes, e64) !== 0x06064b50) throw corrupt("ZIP64 end of central directory missing");
    count = u64(bytes, e64 + 32);
    cdSize = u64(bytes, e64 + 40);
    cdOffset = u64(bytes, e64 + 48);
  }
  if (cdOffset + cdSize > len) throw corrupt("truncated ZIP archive: central directory beyond the end");
  // Each central directory record takes at least 46 bytes: a count beyond that is a lie.
  if (count * 46 > cdSize) throw corrupt("ZIP central directory smaller than its entry count");
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    // Each record is loaded before it is read, up to where it says it ends (which may pass the directory's stated size).
    if (p + 46 <= len) {
      load(p, p + 46);
      load(p, Math.min(len, p + 46 + u16(bytes, p + 28) + u16(bytes, p + 30) + u16(bytes, p + 32)));
    }
    if (p + 46 > len || u32(bytes, p) !== 0x02014b50) throw corrupt("broken ZIP central directory");
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localHeaderOffset = u32(bytes, p + 42);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = flags & 0x800 ? decodeText(nameBytes, "utf-8") : cp850(nameBytes);
    // ZIP64 extended information: the 32-bit fields that are all ones are given here, in order.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = u16(bytes, x);
      const sz = u16(bytes, x + 2);
      if (id === 1) {
        let q = x + 4;
        if (size === 0xffffffff) {
          size = u64(bytes, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(bytes, q);
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(bytes, q);
      }
      x += 4 + sz;
    }
    entries.push({ name, flags, method, compressedSize, size, localHeaderOffset });
    p = xEnd + commentLen;
  }
  return entries;
}

/** Reads entries of one archive under the archive's own uncompressed-bytes limit and the mail's budget. */
export class ZipReader {
  readonly entries: readonly ZipEntry[];
  private archiveBytes = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly budget: ExtractBudget,
    private readonly inflater: RawInflater = pakoInflater,
    /** For an archive decoded only where it is read: loads each range before it is read. */
    private readonly load: LoadRange = loaded,
  ) {
    this.entries = listZip(bytes, load);
  }

  /** The limits the archive is read under. */
  get limits(): ExtractLimits {
    return this.budget.limits;
  }

  find(name: string): ZipEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /** The entry's uncompressed bytes. Throws UnreadableError or LimitExceeded; never returns more than the limits allow. */
  async read(entry: ZipEntry): Promise<Uint8Array> {
    const limits = this.budget.limits;
    if (entry.flags & 1) throw new UnreadableError("encrypted", "password-protected ZIP entry");
    if (entry.method !== 0 && entry.method !== 8) throw new UnreadableError("unsupported_type", `ZIP compression method ${entry.method} is not supported`);
    this.budget.countEntry();
    const archiveLeft = limits.maxArchiveBytes - this.archiveBytes;
    if (entry.size > archiveLeft) throw new LimitExceeded("maxArchiveBytes", `more than ${limits.maxArchiveBytes} bytes uncompressed in one archive`);
    if (entry.size > MIB && entry.size > entry.compressedSize * limits.maxCompressionRatio) {
      throw new LimitExceeded("maxCompressionRatio", `an entry that expands more than ${limits.maxCompressionRatio} times (zip bomb)`);
    }
    const at = entry.localHeaderOffset;
    if (at + 30 <= this.bytes.length) this.load(at, at + 30);
    if (at + 30 > this.bytes.length || u32(this.bytes, at) !== 0x04034b50) throw corrupt("broken ZIP local header");
    const start = at + 30 + u16(this.bytes, at + 26) + u16(this.bytes, at + 28);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw corrupt("truncated ZIP archive: entry data beyond the end");
    this.load(start, end);
    const data = this.bytes.subarray(start, end);
    let out: Uint8Array;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) throw corrupt("stored ZIP entry with two different sizes");
      out = data;
    } else {
      out = await this.inflate(data, entry, archiveLeft);
    }
    this.archiveBytes += out.length;
    this.budget.chargeBytes(out.length);
    return out;
  }

  private async inflate(data: Uint8Array, entry: ZipEntry, archiveLeft: number): Promise<Uint8Array> {
    const limits = this.budget.limits;
    let chunks: Uint8Array[];
    try {
      chunks = await this.inflater(data, (total) => {
        if (total > archiveLeft) throw new LimitExceeded("maxArchiveBytes", `more than ${limits.maxArchiveBytes} bytes uncompressed in one archive`);
        if (total > MIB && total > data.length * limits.maxCompressionRatio) {
          throw new LimitExceeded("maxCompressionRatio", `an entry that expands more than ${limits.maxCompressionRatio} times (zip bomb)`);
        }
        if (total > entry.size) throw corrupt("ZIP entry inflates to more than its declared size");
        this.budget.checkTime();
      }, entry.size);
    } catch (e) {
      if (e instanceof LimitExceeded || e instanceof UnreadableError) throw e;
      throw corrupt(`broken compressed data in ZIP entry: ${e instanceof Error ? e.message : String(e)}`);
    }
    const total = chunks.reduce((n, c) => n + c.length, 0);
    if (total > entry.size) throw corrupt("ZIP entry inflates to more than its declared size");
    if (total < entry.size) throw corrupt("ZIP entry inflates to less than its declared size");
    if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
    const out = new Uint8Array(total);
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}
