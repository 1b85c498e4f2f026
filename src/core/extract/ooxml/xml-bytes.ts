/**
 * Tokenising helpers for the part scanners that read UTF-8 bytes instead of a decoded string
 * (shared strings, worksheets). Every byte they act on is ASCII, and in UTF-8 an ASCII byte is
 * always that character (never part of a longer sequence, and a broken sequence before it does
 * not swallow it), so tokenising the bytes is tokenising the text. Only the text the scanners
 * keep is decoded: a workbook is megabytes of markup, and without a native TextDecoder (classic
 * Outlook) decoding it whole is slow.
 */
import { decodeUtf8Piece } from "../decode-text";

const fromCodes = String.fromCharCode;

/** Bytes [from, to) as text: ASCII directly, anything else as UTF-8 (no byte order mark sniffing in a piece). */
export function textOf(xml: Uint8Array, from: number, to: number): string {
  for (let i = from; i < to; i++) if ((xml[i] ?? 0) >= 0x80) return decodeUtf8Piece(xml.subarray(from, to));
  // Most values are short numbers: one call with the codes as arguments, no intermediate strings.
  const x = xml;
  const a = from;
  switch (to - a) {
    case 0:
      return "";
    case 1:
      return fromCodes(x[a] ?? 0);
    case 2:
      return fromCodes(x[a] ?? 0, x[a + 1] ?? 0);
    case 3:
      return fromCodes(x[a] ?? 0, x[a + 1] ?? 0, x[a + 2] ?? 0);
    case 4:
      return fromCodes(x[a] ?? 0, x[a + 1] ?? 0, x[a + 2] ?? 0, x[a + 3] ?? 0);
    case 5:
      return fromCodes(x[a] ?? 0, x[a + 1] ?? 0, x[a + 2] ?? 0, x[a + 3] ?? 0, x[a + 4] ?? 0);
    case 6:
      return fromCodes(x[a] ?? 0, x[a + 1] ?? 0, x[a + 2] ?? 0, x[a + 3] ?? 0, x[a + 4] ?? 0, x[a + 5] ?? 0);
    case 7:
      return fromCodes(x[a] ?? 0, x[a + 1] ?? 0, x[a + 2] ?? 0, x[a + 3] ?? 0, x[a + 4] ?? 0, x[a + 5] ?? 0, x[a + 6] ?? 0);
    case 8:
      return fromCodes(x[a] ?? 0, x[a + 1] ?? 0, x[a + 2] ?? 0, x[a + 3] ?? 0, x[a + 4] ?? 0, x[a + 5] ?? 0, x[a + 6] ?? 0, x[a + 7] ?? 0);
    default: {
      let s = "";
      for (let i = a; i < to; i++) s += fromCodes(x[i] ?? 0);
      return s;
    }
  }
}

/** Where byte `b` is next, from `from` on, or -1. */
export function findByte(xml: Uint8Array, b: number, from: number): number {
  const n = xml.length;
  for (let i = from; i < n; i++) if (xml[i] === b) return i;
  return -1;
}

export function hasByte(xml: Uint8Array, b: number, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (xml[i] === b) return true;
  return false;
}

/** True when the ASCII string `s` is written at `at`. */
export function bytesAt(xml: Uint8Array, at: number, s: string): boolean {
  if (at + s.length > xml.length) return false;
  for (let k = 0; k < s.length; k++) if (xml[at + k] !== s.charCodeAt(k)) return false;
  return true;
}

/** Where the ASCII string `s` is next, from `from` on, or -1. */
function findBytes(xml: Uint8Array, s: string, from: number): number {
  const first = s.charCodeAt(0);
  for (let i = findByte(xml, first, from); i >= 0; i = findByte(xml, first, i + 1)) if (bytesAt(xml, i, s)) return i;
  return -1;
}

/**
 * After "<!" or "<?" at `lt`: where the comment, CDATA section, declaration or processing
 * instruction ends (the byte after it), or -1 when it never does (the scan ends there, as
 * scanXml's does). A CDATA section's text is then [lt + 9, end - 3) (see isCdata).
 */
export function skipSpecial(xml: Uint8Array, lt: number): number {
  if (xml[lt + 1] === 63 /* ? */) {
    const end = findBytes(xml, "?>", lt + 2);
    return end < 0 ? -1 : end + 2;
  }
  if (bytesAt(xml, lt, "<!--")) {
    const end = findBytes(xml, "-->", lt + 4);
    return end < 0 ? -1 : end + 3;
  }
  if (isCdata(xml, lt)) {
    const end = findBytes(xml, "]]>", lt + 9);
    return end < 0 ? -1 : end + 3;
  }
  const end = findByte(xml, 62 /* > */, lt);
  return end < 0 ? -1 : end + 1;
}

/** True when a CDATA section starts at `lt`. */
export function isCdata(xml: Uint8Array, lt: number): boolean {
  return bytesAt(xml, lt, "<![CDATA[");
}

/** A 1-3 character ASCII name as the number shortNameAt gives for it. */
export function nameCode(name: string): number {
  let code = name.length << 24;
  for (let k = 0; k < name.length; k++) code |= name.charCodeAt(k) << (8 * k);
  return code;
}

/**
 * The local name (after the first colon, as scanXml's names) of the tag name at `from`: as
 * nameCode gives it when it is 1-3 bytes long, else 0. One number, so the scanners compare
 * names without making strings and without a second return value.
 */
export function shortNameAt(xml: Uint8Array, from: number): number {
  const n = xml.length;
  let start = from;
  let end = from;
  while (end < n) {
    const c = xml[end];
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 /* / */ || c === 62 /* > */) break;
    if (c === 58 /* : */ && start === from) start = end + 1; // the first colon ends the prefix
    end++;
  }
  switch (end - start) {
    case 1:
      return (1 << 24) | (xml[start] ?? 0);
    case 2:
      return (2 << 24) | (xml[start] ?? 0) | ((xml[start + 1] ?? 0) << 8);
    case 3:
      return (3 << 24) | (xml[start] ?? 0) | ((xml[start + 1] ?? 0) << 8) | ((xml[start + 2] ?? 0) << 16);
    default:
      return 0;
  }
}

/** A short run of ASCII digits as a number, or -1 (then Number() decides). */
export function smallInt(xml: Uint8Array, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = (xml[i] ?? 0) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}
