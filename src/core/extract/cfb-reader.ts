/**
 * Reads the streams of an OLE compound file ([MS-CFB]): the container of Outlook .msg files.
 * Small and DOM-free, so the send handler reads an attached .msg as the CLI does. Every chain
 * of sectors is followed at most as many steps as the file has sectors (a loop in a broken FAT
 * ends there), and every read stays inside the file: a broken file throws CfbError.
 */

export class CfbError extends Error {
  override readonly name = "CfbError";
}

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const NO_STREAM = 0xffffffff;

/** A storage (a folder in the file): its streams and storages by upper-cased name. */
export interface CfbStorage {
  readonly name: string;
  readonly streams: ReadonlyMap<string, number>;
  readonly storages: ReadonlyMap<string, CfbStorage>;
}

interface DirEntry {
  readonly name: string;
  readonly type: number;
  readonly left: number;
  readonly right: number;
  readonly child: number;
  readonly start: number;
  readonly size: number;
}

export class CfbReader {
  private readonly sectorSize: number;
  private readonly fat: number[];
  private readonly miniFat: number[];
  private readonly entries: DirEntry[];
  private readonly miniStream: Uint8Array;
  private readonly miniCutoff: number;
  readonly root: CfbStorage;

  constructor(private readonly bytes: Uint8Array) {
    if (bytes.length < 512) throw new CfbError("shorter than a compound file header");
    const shift = this.u16(30);
    if (shift !== 9 && shift !== 12) throw new CfbError("unknown sector size");
    this.sectorSize = 1 << shift;
    const sectors = Math.ceil(bytes.length / this.sectorSize) - 1;
    // The DIFAT: 109 FAT sector numbers in the header, the rest in a chain of DIFAT sectors.
    const fatSectors: number[] = [];
    const fatCount = this.u32(44);
    for (let k = 0; k < 109 && fatSectors.length < fatCount; k++) fatSectors.push(this.u32(76 + 4 * k));
    let difat = this.u32(68);
    const perSector = this.sectorSize / 4 - 1;
    for (let steps = 0; difat !== END_OF_CHAIN && difat !== FREE && fatSectors.length < fatCount; steps++) {
      if (steps > sectors) throw new CfbError("DIFAT chain loops");
      const at = this.offsetOf(difat);
      for (let k = 0; k < perSector && fatSectors.length < fatCount; k++) fatSectors.push(this.u32(at + 4 * k));
      difat = this.u32(at + 4 * perSector);
    }
    // Plain arrays, not Uint32Array: no typed-array polyfill for classic Outlook's runtime.
    const fat: number[] = [];
    fatSectors.forEach((s) => {
      const at = this.offsetOf(s);
      for (let k = 0; k < this.sectorSize / 4; k++) fat.push(this.u32(at + 4 * k));
    });
    this.fat = fat;
    const dir = this.chain(this.u32(48), fat, this.sectorSize, sectors, null);
    this.entries = [];
    for (let at = 0; at + 128 <= dir.length; at += 128) this.entries.push(dirEntry(dir, at, shift === 9));
    const rootEntry = this.entries[0];
    if (rootEntry?.type !== 5) throw new CfbError("no root entry");
    this.miniCutoff = this.u32(56);
    const miniFatBytes = this.u32(60) === END_OF_CHAIN ? new Uint8Array(0) : this.chain(this.u32(60), fat, this.sectorSize, sectors, null);
    this.miniFat = [];
    for (let k = 0; k + 4 <= miniFatBytes.length; k += 4) this.miniFat.push(le32(miniFatBytes, k));
    this.miniStream = rootEntry.size === 0 ? new Uint8Array(0) : this.chain(rootEntry.start, fat, this.sectorSize, sectors, rootEntry.size);
    this.root = this.storage(0, new Set());
  }

  /** The bytes of a stream, by its index in the directory. */
  read(stream: number): Uint8Array {
    const e = this.entries[stream];
    if (e?.type !== 2) throw new CfbError("not a stream");
    if (e.size === 0) return new Uint8Array(0);
    if (e.size < this.miniCutoff) return this.miniChain(e.start, e.size);
    return this.chain(e.start, this.fat, this.sectorSize, this.fat.length, e.size);
  }

  private storage(index: number, seen: Set<number>): CfbStorage {
    const e = this.entries[index] as DirEntry;
    const streams = new Map<string, number>();
    const storages = new Map<string, CfbStorage>();
    // The children are a tree through left and right siblings; walked with a stack, each entry once.
    const stack = [e.child];
    while (stack.length > 0) {
      const k = stack.pop() as number;
      if (k === NO_STREAM || seen.has(k)) continue;
      const child = this.entries[k];
      if (child === undefined) throw new CfbError("directory entry out of range");
      seen.add(k);
      stack.push(child.left, child.right);
      const key = child.name.toUpperCase();
      if (child.type === 2) streams.set(key, k);
      else if (child.type === 1) storages.set(key, this.storage(k, seen));
    }
    return { name: e.name, streams, storages };
  }

  /** Sector n starts after the header, which fills sector -1 (512 or 4096 bytes). */
  private offsetOf(sector: number): number {
    const at = (sector + 1) * this.sectorSize;
    if (sector >= 0xfffffffa || at >= this.bytes.length) throw new CfbError("sector past the end of the file");
    return at;
  }

  /** A chain of regular sectors; `size` cuts it (null: the whole chain). */
  private chain(start: number, fat: readonly number[], sectorSize: number, maxSteps: number, size: number | null): Uint8Array {
    const parts: Uint8Array[] = [];
    let total = 0;
    let s = start;
    for (let steps = 0; s !== END_OF_CHAIN && (size === null || total < size); steps++) {
      if (steps > maxSteps || s >= fat.length) throw new CfbError("broken sector chain");
      const at = this.offsetOf(s);
      const piece = this.bytes.subarray(at, Math.min(at + sectorSize, this.bytes.length));
      parts.push(piece);
      total += piece.length;
      s = fat[s] ?? END_OF_CHAIN;
    }
    if (size !== null && total < size) throw new CfbError("stream shorter than its size");
    return concat(parts, size ?? total);
  }

  private miniChain(start: number, size: number): Uint8Array {
    const out = new Uint8Array(size);
    let n = 0;
    let s = start;
    for (let steps = 0; n < size; steps++) {
      if (s === END_OF_CHAIN || steps > this.miniFat.length || s >= this.miniFat.length) throw new CfbError("broken mini sector chain");
      const at = s * 64;
      if (at + Math.min(64, size - n) > this.miniStream.length) throw new CfbError("mini sector past the mini stream");
      const take = Math.min(64, size - n);
      out.set(this.miniStream.subarray(at, at + take), n);
      n += take;
      s = this.miniFat[s] ?? END_OF_CHAIN;
    }
    return out;
  }

  private u16(at: number): number {
    return (this.bytes[at] ?? 0) | ((this.bytes[at + 1] ?? 0) << 8);
  }

  private u32(at: number): number {
    return le32(this.bytes, at);
  }
}

function le32(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16)) + (b[at + 3] ?? 0) * 0x1000000;
}

function dirEntry(dir: Uint8Array, at: number, version3: boolean): DirEntry {
  const nameBytes = Math.min(64, (dir[at + 64] ?? 0) | ((dir[at + 65] ?? 0) << 8));
  let name = "";
  for (let k = 0; k + 1 < nameBytes - 1; k += 2) {
    const cu = (dir[at + k] ?? 0) | ((dir[at + k + 1] ?? 0) << 8);
    if (cu === 0) break;
    name += String.fromCharCode(cu);
  }
  // Version 3 files keep only the low 32 bits of a size (the high ones may hold garbage).
  const high = version3 ? 0 : le32(dir, at + 124);
  if (high !== 0) throw new CfbError("stream larger than 4 GB");
  return { name, type: dir[at + 66] ?? 0, left: le32(dir, at + 68), right: le32(dir, at + 72), child: le32(dir, at + 76), start: le32(dir, at + 116), size: le32(dir, at + 120) };
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1 && (parts[0] as Uint8Array).length === size) return parts[0] as Uint8Array;
  const out = new Uint8Array(size);
  let n = 0;
  for (const p of parts) {
    if (n >= size) break;
    const take = Math.min(p.length, size - n);
    out.set(p.subarray(0, take), n);
    n += take;
  }
  return out;
}
