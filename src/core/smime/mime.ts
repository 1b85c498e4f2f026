/**
 * Just enough MIME for S/MIME: splitting a message into its header fields and body bytes,
 * canonical CRLF line ends, Content-Type parameters, and the parts of a multipart/signed.
 * Bytes are handled as binary strings (one char per byte) so nothing is re-encoded.
 */
import { binaryToBytes, bytesToBinary } from "./bytes";

export interface HeaderField {
  /** The field name as written. */
  readonly name: string;
  /** The whole field, folded as in the input, without its final line end; CRLF inside. */
  readonly raw: string;
  /** The unfolded value after the colon, trimmed. */
  readonly value: string;
}

export interface MimeEntity {
  readonly fields: readonly HeaderField[];
  /** The body exactly as in the input (line ends untouched). */
  readonly body: Uint8Array;
}

/** Bare LF and bare CR become CRLF (RFC 8551 section 3.1.1 canonical form). */
export function canonicalizeCrlf(bytes: Uint8Array): Uint8Array {
  let extra = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a && (i === 0 || bytes[i - 1] !== 0x0d)) extra++;
    else if (b === 0x0d && bytes[i + 1] !== 0x0a) extra++;
  }
  if (extra === 0) return bytes;
  const out = new Uint8Array(bytes.length + extra);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0x0a && (i === 0 || bytes[i - 1] !== 0x0d)) {
      out[o++] = 0x0d;
      out[o++] = 0x0a;
    } else if (b === 0x0d && bytes[i + 1] !== 0x0a) {
      out[o++] = 0x0d;
      out[o++] = 0x0a;
    } else out[o++] = b;
  }
  return out;
}

/** Splits an entity at its first empty line; undefined if there is no header block at all. */
export function parseEntity(bytes: Uint8Array): MimeEntity | undefined {
  const text = bytesToBinary(bytes);
  let headerEnd: number;
  let bodyStart: number;
  if (text.startsWith("\r\n") || text.startsWith("\n")) {
    headerEnd = 0;
    bodyStart = text.startsWith("\r\n") ? 2 : 1;
  } else {
    const m = /\r?\n\r?\n/.exec(text);
    if (m === null) {
      headerEnd = text.length;
      bodyStart = text.length;
    } else {
      headerEnd = m.index;
      bodyStart = m.index + m[0].length;
    }
  }
  const lines = text.slice(0, headerEnd).split(/\r?\n/);
  const fields: { name: string; lines: string[] }[] = [];
  for (const line of lines) {
    if (line === "") continue;
    if (/^[ \t]/.test(line)) {
      const last = fields[fields.length - 1];
      if (last === undefined) return undefined;
      last.lines.push(line);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0 || /[\s]/.test(line.slice(0, colon))) {
      // Not a header block (e.g. "From " mbox lines are not supported).
      return undefined;
    }
    fields.push({ name: line.slice(0, colon), lines: [line] });
  }
  return {
    fields: fields.map((f) => {
      const raw = f.lines.join("\r\n");
      return { name: f.name, raw, value: f.lines.join(" ").slice(f.name.length + 1).replace(/\s+/g, " ").trim() };
    }),
    body: bytes.subarray(bodyStart),
  };
}

export function fieldValue(entity: MimeEntity, name: string): string | undefined {
  const lower = name.toLowerCase();
  return entity.fields.find((f) => f.name.toLowerCase() === lower)?.value;
}

export interface ContentType {
  readonly type: string;
  readonly params: ReadonlyMap<string, string>;
}

/** `type/subtype; a=b; c="d"` to its lowercase type and its parameters (names lowercase). */
export function parseContentType(value: string | undefined): ContentType {
  if (value === undefined) return { type: "text/plain", params: new Map([["charset", "us-ascii"]]) };
  const semi = value.indexOf(";");
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const params = new Map<string, string>();
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]*))/g;
  const rest = semi < 0 ? "" : value.slice(semi);
  for (let m = re.exec(rest); m !== null; m = re.exec(rest)) {
    params.set((m[1] ?? "").toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? ""));
  }
  return { type, params };
}

export interface SignedParts {
  /** The signed entity, canonical (CRLF), exactly the bytes the signature covers. */
  readonly content: Uint8Array;
  /** The signature part, as an entity. */
  readonly signature: MimeEntity;
}

/**
 * The two parts of a multipart/signed body. The signed part is taken from the canonical
 * (CRLF) form of the body: the line end before a boundary belongs to the boundary.
 */
export function splitMultipartSigned(body: Uint8Array, boundary: string): SignedParts | undefined {
  const text = bytesToBinary(canonicalizeCrlf(body));
  const delimiter = `--${boundary}`;
  const positions: number[] = [];
  // A boundary line is the delimiter followed by "--", white space or the line end only.
  const isBoundaryLine = (lineStart: number): boolean => /^(--)?[ \t]*(\r\n|$)/.test(text.slice(lineStart + delimiter.length, lineStart + delimiter.length + 80));
  if (text.startsWith(delimiter) && isBoundaryLine(0)) positions.push(0);
  for (let at = text.indexOf(`\r\n${delimiter}`); at >= 0; at = text.indexOf(`\r\n${delimiter}`, at + 2)) {
    if (isBoundaryLine(at + 2)) positions.push(at + 2);
  }
  if (positions.length < 3) return undefined;
  const [first, second, third] = positions as [number, number, number];
  const afterLine = (p: number): number => {
    const eol = text.indexOf("\r\n", p);
    return eol < 0 ? text.length : eol + 2;
  };
  const contentStart = afterLine(first);
  const content = text.slice(contentStart, second - 2);
  const sigStart = afterLine(second);
  const signature = parseEntity(binaryToBytes(text.slice(sigStart, third - 2)));
  if (signature === undefined) return undefined;
  return { content: binaryToBytes(content), signature };
}
