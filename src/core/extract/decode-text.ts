/**
 * Bytes to text. Uses the platform's TextDecoder where there is one; classic Outlook's
 * JavaScript-only runtime may lack it, so UTF-8 and Latin-1/Windows-1252 also have a fallback.
 */

interface TextDecoderLike {
  decode(bytes: Uint8Array): string;
}
type TextDecoderCtor = new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => TextDecoderLike;

/** Marks a stand-in TextDecoder built on decodeText itself, which must not be called back. */
export const POLYFILL_MARK = "__sikkerPostPolyfill";

/** The platform's own TextDecoder for `label`, or null (none, only the add-in's stand-in, or an unknown label). */
export function platformDecoder(label: string, options: { ignoreBOM?: boolean; fatal?: boolean } = {}): TextDecoderLike | null {
  const ctor = (globalThis as { TextDecoder?: TextDecoderCtor }).TextDecoder;
  if (ctor === undefined || POLYFILL_MARK in ctor) return null;
  try {
    return new ctor(label, options);
  } catch {
    return null; // unknown label
  }
}

// Windows-1252 differs from Latin-1 in 0x80-0x9F.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/**
 * Code units are collected in a fresh plain array per chunk, written in order (so it stays a
 * packed array of small integers, exactly as long as its content): `String.fromCharCode.apply`
 * takes such an array several times faster than a typed array, and nothing has to be sliced
 * (the ES2016 bundle's Array.prototype.slice is core-js's, element by element).
 */
const CHUNK = 8192;

function fromUnits(units: number[]): string {
  return String.fromCharCode.apply(null, units);
}

function decodeSingleByte(bytes: Uint8Array): string {
  const parts: string[] = [];
  let units: number[] = [];
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    units[n++] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
    if (n === CHUNK) {
      parts.push(fromUnits(units));
      units = [];
      n = 0;
    }
  }
  if (n > 0) parts.push(fromUnits(units));
  return parts.join("");
}

/** The Encoding Standard's UTF-8 decoder (same replacement characters as TextDecoder), in chunks of code units. */
function decodeUtf8(bytes: Uint8Array): string {
  let units: number[] = [];
  const parts: string[] = [];
  let n = 0;
  let needed = 0;
  let seen = 0;
  let cp = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let i = 0;
  const len = bytes.length;
  while (i < len) {
    if (n >= CHUNK) {
      parts.push(fromUnits(units));
      units = [];
      n = 0;
    }
    const b = bytes[i] ?? 0;
    if (needed === 0) {
      i++;
      if (b < 0x80) {
        units[n++] = b;
        // A run of ASCII bytes, up to the end of the chunk.
        const stop = Math.min(len, i + (CHUNK - n));
        while (i < stop) {
          const a = bytes[i] ?? 0;
          if (a >= 0x80) break;
          units[n++] = a;
          i++;
        }
      } else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        cp = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        cp = b & 0x7;
      } else units[n++] = 0xfffd;
      continue;
    }
    if (b < lower || b > upper) {
      // A broken sequence: one replacement character, and this byte is read again as a new start.
      needed = seen = cp = 0;
      lower = 0x80;
      upper = 0xbf;
      units[n++] = 0xfffd;
      continue;
    }
    i++;
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === needed) {
      if (cp > 0xffff) {
        const c = cp - 0x10000;
        units[n++] = 0xd800 + (c >> 10);
        units[n++] = 0xdc00 + (c & 0x3ff);
      } else {
        units[n++] = cp;
      }
      needed = seen = cp = 0;
    }
  }
  if (needed !== 0) units[n++] = 0xfffd;
  if (n > 0) parts.push(fromUnits(units));
  return parts.join("");
}

/** UTF-8 as it is, a byte order mark included: for a piece cut out of a longer text. */
export function decodeUtf8Piece(bytes: Uint8Array): string {
  return platformDecoder("utf-8", { ignoreBOM: true })?.decode(bytes) ?? decodeUtf8(bytes);
}

/** Decodes bytes in the given charset (default UTF-8, with a BOM check). */
export function decodeText(bytes: Uint8Array, charset = "utf-8"): string {
  const label = charset.trim().toLowerCase();
  // After a UTF-8 byte order mark the rest is UTF-8, whatever it starts with.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8Piece(bytes.subarray(3));
  // The mark is taken off here; a second U+FEFF after it is text (ignoreBOM), as the portable decoder keeps it.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return platformDecoder("utf-16le", { ignoreBOM: true })?.decode(bytes.subarray(2)) ?? decodeUtf16le(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return platformDecoder("utf-16be", { ignoreBOM: true })?.decode(bytes.subarray(2)) ?? decodeUtf16le(bytes.subarray(2), true);
  const platform = platformDecoder(label);
  if (platform !== null) return platform.decode(bytes);
  if (label === "utf-8" || label === "utf8") return decodeUtf8(bytes);
  if (label === "utf-16le" || label === "utf-16") return decodeUtf16le(bytes);
  if (label === "utf-16be") return decodeUtf16le(bytes, true);
  return decodeSingleByte(bytes);
}

/** UTF-16 code units, little-endian unless `bigEndian`; an odd last byte is dropped. */
function decodeUtf16le(bytes: Uint8Array, bigEndian = false): string {
  const parts: string[] = [];
  const lo = bigEndian ? 1 : 0;
  for (let i = 0; i + 1 < bytes.length; i += 16384) {
    const units: number[] = [];
    const end = Math.min(bytes.length - 1, i + 16384);
    for (let j = i; j < end; j += 2) units.push((bytes[j + lo] ?? 0) | ((bytes[j + 1 - lo] ?? 0) << 8));
    parts.push(String.fromCharCode(...units));
  }
  return parts.join("");
}

/** The UTF-16 byte order of a text that starts with a byte order mark (Notepad's "Unicode"), or null. */
export function utf16Order(bytes: Uint8Array): "le" | "be" | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "be";
  return null;
}

/**
 * True when the bytes look like binary data rather than text (NUL bytes or many control bytes).
 * A text with a UTF-16 byte order mark is judged by its code units: every ASCII character has a
 * zero byte there, so only a NUL code unit counts as one.
 */
export function looksBinary(bytes: Uint8Array, charset?: string): boolean {
  const label = charset?.trim().toLowerCase();
  // A text declared UTF-16 (a mail part's charset) without a mark: little-endian unless it says "be".
  const declared = label === "utf-16" || label === "utf-16le" ? "le" : label === "utf-16be" ? "be" : null;
  const marked = utf16Order(bytes);
  const order = marked ?? declared;
  if (order !== null) {
    const hi = order === "le" ? 1 : 0;
    let control = 0;
    let units = 0;
    const end = Math.min(bytes.length - 1, 8192);
    for (let i = marked !== null ? 2 : 0; i < end; i += 2) {
      const u = (bytes[i + 1 - hi] ?? 0) | ((bytes[i + hi] ?? 0) << 8);
      units++;
      if (u === 0) return true;
      if (u < 0x09 || (u > 0x0d && u < 0x20)) control++;
    }
    return units > 0 && control / units > 0.1;
  }
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}
