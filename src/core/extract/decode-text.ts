/**
 * Bytes to text. Uses the platform's TextDecoder where there is one; classic Outlook's
 * JavaScript-only runtime may lack it, so UTF-8 and Latin-1/Windows-1252 also have a fallback.
 */

interface TextDecoderLike {
  decode(bytes: Uint8Array): string;
}
type TextDecoderCtor = new (label: string, options?: { fatal?: boolean }) => TextDecoderLike;

/** Marks a stand-in TextDecoder built on decodeText itself, which must not be called back. */
export const POLYFILL_MARK = "__sikkerPostPolyfill";

function platformDecoder(label: string): TextDecoderLike | null {
  const ctor = (globalThis as { TextDecoder?: TextDecoderCtor }).TextDecoder;
  if (ctor === undefined || POLYFILL_MARK in ctor) return null;
  try {
    return new ctor(label);
  } catch {
    return null; // unknown label
  }
}

// Windows-1252 differs from Latin-1 in 0x80-0x9F.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeSingleByte(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    let s = "";
    for (const b of chunk) s += b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charAt(b - 0x80) : String.fromCharCode(b);
    out += s;
  }
  return out;
}

function decodeUtf8(bytes: Uint8Array): string {
  const parts: string[] = [];
  let units: number[] = [];
  const push = (cp: number): void => {
    if (cp > 0xffff) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else units.push(cp);
    if (units.length > 8192) {
      parts.push(String.fromCharCode(...units));
      units = [];
    }
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) {
      push(0xfffd);
      i++;
      continue;
    }
    let cp = need === 0 ? b : b & (0x3f >> need);
    let ok = i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k] ?? 0;
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok) {
      push(0xfffd);
      i++;
      continue;
    }
    push(cp);
    i += need + 1;
  }
  parts.push(String.fromCharCode(...units));
  return parts.join("");
}

/** Decodes bytes in the given charset (default UTF-8, with a BOM check). */
export function decodeText(bytes: Uint8Array, charset = "utf-8"): string {
  const label = charset.trim().toLowerCase();
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeText(bytes.subarray(3), "utf-8");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return platformDecoder("utf-16le")?.decode(bytes.subarray(2)) ?? decodeUtf16le(bytes.subarray(2));
  const platform = platformDecoder(label);
  if (platform !== null) return platform.decode(bytes);
  if (label === "utf-8" || label === "utf8") return decodeUtf8(bytes);
  if (label === "utf-16le" || label === "utf-16") return decodeUtf16le(bytes);
  return decodeSingleByte(bytes);
}

function decodeUtf16le(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 16384) {
    const units: number[] = [];
    const end = Math.min(bytes.length - 1, i + 16384);
    for (let j = i; j < end; j += 2) units.push((bytes[j] ?? 0) | ((bytes[j + 1] ?? 0) << 8));
    parts.push(String.fromCharCode(...units));
  }
  return parts.join("");
}

/** True when the bytes look like binary data rather than text (NUL bytes or many control bytes). */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}
