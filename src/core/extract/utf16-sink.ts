/**
 * A long text written as UTF-16 code units into one growing buffer. The worksheet scanner writes
 * a million cells: as strings they were a million small pieces, and making and joining them
 * cost more than reading the sheet. Here a number is copied from the sheet's bytes and a shared
 * string from its code units, and one string is made at the end.
 */

import { platformDecoder } from "./decode-text";

/** The buffer's bytes are the text in UTF-16LE only on a little-endian machine (every Outlook host is). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Code units per String.fromCharCode call when there is no decoder (well under engines' argument limits). */
const CHUNK = 8192;

/** Thrown when the text would pass the sink's limit; the caller turns it into its own limit error. */
export class SinkFull extends Error {
  override readonly name = "SinkFull";
}

export class Utf16Sink {
  private units: Uint16Array;
  private length = 0;

  constructor(
    /** Most code units the text may have. */
    private readonly maxUnits: number,
    initialUnits = 1 << 16,
  ) {
    // Never longer than maxUnits: a write that fits the buffer is then always within the limit.
    this.units = new Uint16Array(Math.min(maxUnits, Math.max(16, initialUnits)));
  }

  /** Makes room for `n` more units: doubling, never past maxUnits. */
  private room(n: number): Uint16Array {
    const need = this.length + n;
    if (need <= this.units.length) return this.units;
    if (need > this.maxUnits) throw new SinkFull(`text longer than ${this.maxUnits} characters`);
    const grown = new Uint16Array(Math.min(this.maxUnits, Math.max(need, this.units.length * 2)));
    grown.set(this.units.subarray(0, this.length));
    this.units = grown;
    return grown;
  }

  unit(c: number): void {
    const u = this.room(1);
    u[this.length++] = c;
  }

  /** Bytes [from, to) that are all ASCII (the caller has checked), one unit each. */
  ascii(bytes: Uint8Array, from: number, to: number): void {
    const u = this.room(to - from);
    let k = this.length;
    for (let i = from; i < to; i++) u[k++] = bytes[i] ?? 0;
    this.length = k;
  }

  string(s: string): void {
    const n = s.length;
    const u = this.room(n);
    let k = this.length;
    for (let i = 0; i < n; i++) u[k++] = s.charCodeAt(i);
    this.length = k;
  }

  /** Units [from, to) of another buffer. */
  copy(src: Uint16Array, from: number, to: number): void {
    const u = this.room(to - from);
    let k = this.length;
    // A long run is one native copy; a short one (most cells) is cheaper as a loop than a subarray.
    if (to - from > 24) {
      u.set(src.subarray(from, to), k);
      k += to - from;
    } else {
      for (let i = from; i < to; i++) u[k++] = src[i] ?? 0;
    }
    this.length = k;
  }

  toString(): string {
    const units = this.units.subarray(0, this.length);
    // Strict (fatal), so a lone surrogate falls to the loop below, which keeps it as a string would;
    // ignoreBOM, or a text that starts with U+FEFF would lose it.
    const decoder = LITTLE_ENDIAN ? platformDecoder("utf-16le", { fatal: true, ignoreBOM: true }) : null;
    if (decoder !== null) {
      try {
        return decoder.decode(new Uint8Array(units.buffer, units.byteOffset, units.byteLength));
      } catch {
        // A lone surrogate (fatal decoder): kept as it is below, as a string would keep it.
      }
    }
    const parts: string[] = [];
    // One plain array, refilled per chunk: the ES2016 bundle's fromCharCode.apply is several
    // times faster on a plain array than on a typed array.
    const chunk: number[] = new Array<number>(CHUNK).fill(0);
    for (let at = 0; at < units.length; at += CHUNK) {
      const end = Math.min(units.length, at + CHUNK);
      if (end - at < CHUNK) chunk.length = end - at;
      for (let i = at; i < end; i++) chunk[i - at] = units[i] ?? 0;
      parts.push(String.fromCharCode.apply(null, chunk));
    }
    return parts.join("");
  }
}

/** Strings as one buffer of code units, with where each starts (and the last one ends). */
export interface Utf16Table {
  readonly units: Uint16Array;
  readonly starts: Int32Array;
}

/** The strings, each followed by `suffix`, laid out in one buffer. */
export function utf16Table(strings: readonly string[], suffix: string): Utf16Table {
  let total = 0;
  for (const s of strings) total += s.length + suffix.length;
  const units = new Uint16Array(total);
  const starts = new Int32Array(strings.length + 1);
  let k = 0;
  strings.forEach((s, i) => {
    starts[i] = k;
    for (let j = 0; j < s.length; j++) units[k++] = s.charCodeAt(j);
    for (let j = 0; j < suffix.length; j++) units[k++] = suffix.charCodeAt(j);
  });
  starts[strings.length] = k;
  return { units, starts };
}
