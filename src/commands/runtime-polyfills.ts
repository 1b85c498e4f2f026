/**
 * Classic Outlook's JavaScript-only runtime is a bare ECMAScript engine. postal-mime (attached
 * mails) needs TextEncoder, TextDecoder and Blob; where they are missing, these small stand-ins
 * are installed before any other module runs. Nothing is replaced where the platform has it.
 */
import { decodeText, POLYFILL_MARK } from "../core/extract/decode-text";
import { utf8Bytes } from "../core/extract/base64";

const g = globalThis as Record<string, unknown>;

if (typeof g.TextEncoder !== "function") {
  g.TextEncoder = class TextEncoder {
    readonly encoding = "utf-8";
    encode(text = ""): Uint8Array {
      return utf8Bytes(text);
    }
  };
}

if (typeof g.TextDecoder !== "function") {
  const known = new Set(["utf-8", "utf8", "unicode-1-1-utf-8", "iso-8859-1", "latin1", "windows-1252", "us-ascii", "ascii", "utf-16le"]);
  g.TextDecoder = class TextDecoder {
    static readonly [POLYFILL_MARK] = true;
    readonly encoding: string;
    constructor(label = "utf-8") {
      const l = label.trim().toLowerCase();
      // Like the real one: an unknown label is an error, so callers fall back to a known charset.
      if (!known.has(l)) throw new RangeError(`The encoding label provided ('${label}') is invalid.`);
      this.encoding = l;
    }
    decode(input?: ArrayBuffer | ArrayBufferView): string {
      if (input === undefined) return "";
      const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      return decodeText(bytes, this.encoding === "utf-16le" ? "utf-16le" : this.encoding.startsWith("utf") ? "utf-8" : "windows-1252");
    }
  };
}

if (typeof g.Blob !== "function") {
  g.Blob = class Blob {
    private readonly bytes: Uint8Array;
    readonly type: string;
    constructor(parts: readonly (ArrayBuffer | ArrayBufferView | string)[] = [], options: { type?: string } = {}) {
      const arrays = parts.map((p) =>
        typeof p === "string" ? utf8Bytes(p) : p instanceof ArrayBuffer ? new Uint8Array(p) : new Uint8Array(p.buffer, p.byteOffset, p.byteLength),
      );
      const total = arrays.reduce((n, a) => n + a.length, 0);
      this.bytes = new Uint8Array(total);
      let at = 0;
      for (const a of arrays) {
        this.bytes.set(a, at);
        at += a.length;
      }
      this.type = options.type ?? "";
    }
    get size(): number {
      return this.bytes.length;
    }
    arrayBuffer(): Promise<ArrayBuffer> {
      return Promise.resolve(this.bytes.slice().buffer);
    }
  };
}
