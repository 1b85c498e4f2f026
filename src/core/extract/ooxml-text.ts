/**
 * Office Open XML (.docx, .xlsx, .pptx): the text of every part a caseworker's document can hold
 * text in. Runs are joined as they are (digits split over runs join up again); paragraphs, table
 * cells, rows and line breaks become whitespace, so numbers in neighbouring cells stay apart.
 */
import type { MailText } from "../scan/scanner";
import { utf8Bytes } from "./base64";
import { decodeText, decodeUtf8Piece } from "./decode-text";
import { attrValue, decodeXmlEntities, scanXml } from "./xml-scan";
import { DEFAULT_EXTRACT_LIMITS, LimitExceeded } from "./extract-limits";
import { SinkFull, Utf16Sink, utf16Table, type Utf16Table } from "./utf16-sink";
import type { ZipEntry, ZipReader } from "./zip-archive";

export type OoxmlKind = "docx" | "xlsx" | "pptx";

/** Which kind of Office package the entries make, or null. */
export function ooxmlKind(entries: readonly ZipEntry[]): OoxmlKind | null {
  for (const e of entries) {
    if (e.name === "word/document.xml") return "docx";
    if (e.name === "xl/workbook.xml") return "xlsx";
    if (e.name === "ppt/presentation.xml") return "pptx";
  }
  return null;
}

/** Parts read as text, per kind: body, headers, footers, notes, comments, text boxes, slides, notes pages. */
const TEXT_PARTS: Record<OoxmlKind, RegExp> = {
  docx: /^word\/(document\d*|header\d*|footer\d*|footnotes|endnotes|comments|glossary\/document)\.xml$/,
  xlsx: /^xl\/(comments\d*|threadedComments\/[^/]{1,200}|drawings\/drawing\d*)\.xml$/,
  pptx: /^ppt\/(slides\/slide\d*|notesSlides\/notesSlide\d*|comments\/[^/]{1,200})\.xml$/,
};

/** Embedded packages and files (an Excel sheet inside a Word document …), read like attachments inside. */
export const EMBEDDING = /^(word|xl|ppt)\/embeddings\/[^/]{1,255}$/;

const TEXT_ELEMENTS = new Set(["t", "delText", "instrText", "text"]);
const LINE_END = new Set(["p", "tr", "si", "br", "cr"]);
const CELL_END = new Set(["tc", "tab", "ptab"]);

/**
 * Builds a long string from many small pieces: they are joined in batches, so the pieces list
 * stays short and no deep rope of concatenations has to be flattened at the end.
 */
export class TextBuilder {
  private readonly chunks: string[] = [];
  private pieces: string[] = [];

  add(s: string): void {
    if (this.pieces.push(s) >= 4096) {
      this.chunks.push(this.pieces.join(""));
      this.pieces = [];
    }
  }

  toString(): string {
    if (this.chunks.length === 0) return this.pieces.join("");
    return this.chunks.join("") + this.pieces.join("");
  }
}

/** Text of a WordprocessingML / DrawingML / SpreadsheetML-strings part. */
export function markupText(xml: string): string {
  const out = new TextBuilder();
  let inText = 0;
  scanXml(xml, {
    open(name) {
      if (TEXT_ELEMENTS.has(name)) inText++;
      else if (name === "noBreakHyphen") out.add("-");
    },
    close(name) {
      if (TEXT_ELEMENTS.has(name)) inText = Math.max(0, inText - 1);
      else if (LINE_END.has(name)) out.add("\n");
      else if (CELL_END.has(name)) out.add("\t");
    },
    text(value) {
      if (inText > 0) out.add(value);
    },
  });
  return out.toString();
}

/** Shared strings of a workbook, by index. */
export function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = 0;
  let phonetic = 0;
  scanXml(xml, {
    open(name) {
      if (name === "si") current = [];
      else if (name === "rPh") phonetic++;
      else if (name === "t") inText++;
    },
    close(name) {
      if (name === "si") {
        strings.push(current?.join("") ?? "");
        current = null;
      } else if (name === "rPh") phonetic = Math.max(0, phonetic - 1);
      else if (name === "t") inText = Math.max(0, inText - 1);
    },
    text(value) {
      if (inText > 0 && phonetic === 0) current?.push(value);
    },
  });
  return strings;
}

const SI = 1;
const RPH = 2;
const T = 3;

/** Which of si, rPh, t the tag name at `from` is (namespace prefix ignored, as scanXml's names). */
function stringElementAt(xml: Uint8Array, from: number): number {
  const end = localNameEnd(xml, from);
  const start = nameStart;
  const len = end - start;
  if (len === 1) return xml[start] === 116 ? T : OTHER;
  if (len === 2) return xml[start] === 115 && xml[start + 1] === 105 ? SI : OTHER;
  if (len === 3) return xml[start] === 114 && xml[start + 1] === 80 && xml[start + 2] === 104 ? RPH : OTHER;
  return OTHER;
}

/**
 * Shared strings of a workbook from the part's bytes: the same as sharedStrings(decodeText(xml)),
 * tokenised as scanXml does, but only the text of t elements is decoded (see the sheet scanner).
 * A workbook's string table is megabytes of markup; without a native TextDecoder, decoding and
 * tokenising it whole cost ~100 ms.
 */
export function sharedStringsOf(xml: Uint8Array): string[] {
  if (xml[0] === 0xff && xml[1] === 0xfe) return sharedStrings(decodeText(xml));
  const strings: string[] = [];
  // The current si's pieces: usually one, so an array is made only for a second.
  let inSi = false;
  const pieces: { first: string | null; more: string[] | null } = { first: null, more: null };
  const add = (t: string): void => {
    if (pieces.first === null) pieces.first = t;
    else (pieces.more ??= [pieces.first]).push(t);
  };
  let inText = 0;
  let phonetic = 0;
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = findByte(xml, 60 /* < */, i);
    const textEnd = lt < 0 ? n : lt;
    const keep = inText > 0 && phonetic === 0 && inSi;
    if (textEnd > i && keep) add(decodeXmlEntities(textOf(xml, i, textEnd)));
    if (lt < 0) break;
    const c = xml[lt + 1];
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      i = skipSpecial(xml, lt);
      if (i < 0) break;
      if (cdataFrom >= 0 && keep) add(textOf(xml, cdataFrom, cdataTo));
      continue;
    }
    const j = findByte(xml, 62 /* > */, lt + 1);
    if (j < 0) break;
    i = j + 1;
    const closing = c === 47;
    const name = stringElementAt(xml, closing ? lt + 2 : lt + 1);
    if (!closing) {
      if (name === SI) {
        inSi = true;
        pieces.first = null;
        pieces.more = null;
      } else if (name === RPH) phonetic++;
      else if (name === T) inText++;
    }
    if (closing || xml[j - 1] === 47 /* a self-closing tag also closes */) {
      if (name === SI) {
        strings.push(pieces.more !== null ? pieces.more.join("") : (pieces.first ?? ""));
        inSi = false;
        pieces.first = null;
        pieces.more = null;
      } else if (name === RPH) phonetic = Math.max(0, phonetic - 1);
      else if (name === T) inText = Math.max(0, inText - 1);
    }
  }
  return strings;
}

/**
 * Zero-padded number formats by cell style index: a format such as `0000000000` or `000000-0000`
 * shows 101901234 as 0101901234, which is how a CPR number typed as a number is usually kept.
 */
export function zeroPaddedStyles(stylesXml: string): Map<number, string> {
  const formats = new Map<number, string>();
  const padded = new Map<number, string>();
  let inCellXfs = false;
  let xfIndex = 0;
  scanXml(stylesXml, {
    open(name, attrs) {
      if (name === "numFmt") {
        const id = Number(attrValue(attrs, "numFmtId"));
        const pattern = zeroPattern(attrValue(attrs, "formatCode") ?? "");
        if (pattern !== null && Number.isInteger(id)) formats.set(id, pattern);
      } else if (name === "cellXfs") {
        inCellXfs = true;
      } else if (name === "xf" && inCellXfs) {
        const pattern = formats.get(Number(attrValue(attrs, "numFmtId")));
        if (pattern !== undefined) padded.set(xfIndex, pattern);
        xfIndex++;
      }
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
    text() {
      /* no text in styles */
    },
  });
  return padded;
}

/** "0000000000" and "000000\-0000" style codes, reduced to zeros and literal dashes/spaces; others null. */
function zeroPattern(code: string): string | null {
  const first = code.split(";")[0] ?? "";
  const plain = first.replace(/\[[^\]]{0,40}\]/g, "").replace(/"([^"]{0,20})"/g, "$1").replace(/\\(.)/g, "$1");
  if (!/^[0 -]{1,30}$/.test(plain)) return null;
  const zeros = plain.replace(/[^0]/g, "").length;
  return zeros >= 2 ? plain : null;
}

function applyPattern(digits: string, pattern: string): string {
  let zeros = 0;
  for (let i = 0; i < pattern.length; i++) if (pattern.charCodeAt(i) === 48) zeros++;
  if (digits.length > zeros) return digits;
  const d = digits.padStart(zeros, "0");
  let out = "";
  let k = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    out += ch === "0" ? d.charAt(k++) : ch;
  }
  return out;
}

/**
 * The cell text of a numeric value. With a zero-padded format, the number as Excel shows it.
 * Without one, a 9-digit whole number is given both as it is and with a leading zero restored,
 * because a CPR number typed as a number loses its leading zero (010190-1234 → 101901234).
 */
export function numericCellText(value: string, pattern: string | undefined): string {
  if (!/^\d{1,15}$/.test(value)) return value;
  if (pattern !== undefined) return applyPattern(value, pattern);
  return value.length === 9 ? `${value}\t0${value}` : value;
}

// What the sheet scanner acts on: element local names, and cell types.
const OTHER = 0;
const CELL = 1;
const VALUE = 2;
const TEXT = 3;
const FORMULA = 4;
const ROW = 5;
const TYPE_NUMBER = 1;
const TYPE_SHARED = 2;
const TYPE_INLINE = 3;
const TYPE_OTHER = 4;

// The sheet scanner reads the part's UTF-8 bytes, not a decoded string: every byte it acts on is
// ASCII, and in UTF-8 an ASCII byte is always that character (never part of a longer sequence,
// and a broken sequence before it does not swallow it), so tokenising the bytes is tokenising the
// text. Only the text inside v, t and f is decoded. This spares decoding the whole part, which
// is most of a workbook and, without a native TextDecoder (classic Outlook), slow.

const fromCodes = String.fromCharCode;

/** Bytes [from, to) as text: ASCII directly, anything else as UTF-8 (no byte order mark sniffing in a piece). */
function textOf(xml: Uint8Array, from: number, to: number): string {
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
function findByte(xml: Uint8Array, b: number, from: number): number {
  const n = xml.length;
  for (let i = from; i < n; i++) if (xml[i] === b) return i;
  return -1;
}

function hasByte(xml: Uint8Array, b: number, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (xml[i] === b) return true;
  return false;
}

/** True when the ASCII string `s` is written at `at`. */
function bytesAt(xml: Uint8Array, at: number, s: string): boolean {
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

/** The text of the CDATA section the last skipSpecial passed, [cdataFrom, cdataTo), or cdataFrom -1. */
let cdataFrom = -1;
let cdataTo = -1;

/**
 * After "<!" or "<?" at `lt`: where the comment, CDATA section, declaration or processing
 * instruction ends (the byte after it), or -1 when it never does (the scan ends there, as
 * scanXml's does). Sets cdataFrom/cdataTo to a CDATA section's text.
 */
function skipSpecial(xml: Uint8Array, lt: number): number {
  cdataFrom = -1;
  if (xml[lt + 1] === 63 /* ? */) {
    const end = findBytes(xml, "?>", lt + 2);
    return end < 0 ? -1 : end + 2;
  }
  if (bytesAt(xml, lt, "<!--")) {
    const end = findBytes(xml, "-->", lt + 4);
    return end < 0 ? -1 : end + 3;
  }
  if (bytesAt(xml, lt, "<![CDATA[")) {
    const end = findBytes(xml, "]]>", lt + 9);
    if (end < 0) return -1;
    cdataFrom = lt + 9;
    cdataTo = end;
    return end + 3;
  }
  const end = findByte(xml, 62 /* > */, lt);
  return end < 0 ? -1 : end + 1;
}

/** Where the local name of the tag name at `from` starts, set by localNameEnd. */
let nameStart = 0;

/** Where the tag name at `from` ends; its local name (after the first colon, as scanXml's names) starts at nameStart. */
function localNameEnd(xml: Uint8Array, from: number): number {
  const n = xml.length;
  let start = from;
  let end = from;
  while (end < n) {
    const c = xml[end];
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 /* / */ || c === 62 /* > */) break;
    if (c === 58 /* : */ && start === from) start = end + 1; // the first colon ends the prefix
    end++;
  }
  nameStart = start;
  return end;
}

/** Which of c, v, t, f, row the tag name at `from` is (namespace prefix ignored, as scanXml's names). */
function elementAt(xml: Uint8Array, from: number): number {
  const end = localNameEnd(xml, from);
  const start = nameStart;
  const len = end - start;
  if (len === 1) {
    const c = xml[start];
    return c === 99 ? CELL : c === 118 ? VALUE : c === 116 ? TEXT : c === 102 ? FORMULA : OTHER;
  }
  if (len === 3 && xml[start] === 114 && xml[start + 1] === 111 && xml[start + 2] === 119) return ROW;
  return OTHER;
}

/** End (the closing quote) of the value found by the last valueAt. */
let attrEnd = 0;
const NOT_HERE = -1;
const NO_VALUE = -2;

/**
 * Whether a one-letter attribute name at `at` (inside the tag's attribute bytes [from, to)) is
 * attrValue's match: the start of its raw (undecoded) value; NOT_HERE when attrValue would search
 * on; NO_VALUE when it would give up (no closing quote). Every search stays inside the tag.
 */
function valueAt(xml: Uint8Array, from: number, to: number, at: number): number {
  if (at !== from) {
    const b = xml[at - 1];
    if (b !== 32 && b !== 9 && b !== 10 && b !== 13 && b !== 58) return NOT_HERE;
  }
  let i = at + 1;
  while (i < to && xml[i] === 32) i++;
  if (i >= to || xml[i] !== 61 /* = */) return NOT_HERE;
  i++;
  while (i < to && xml[i] === 32) i++;
  if (i >= to) return NOT_HERE;
  const q = xml[i];
  if (q !== 34 && q !== 39) return NOT_HERE;
  for (let e = i + 1; e < to; e++) {
    if (xml[e] === q) {
      attrEnd = e;
      return i + 1;
    }
  }
  return NO_VALUE;
}

/** A short run of ASCII digits as a number, or -1 (then Number() decides). */
function smallInt(xml: Uint8Array, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = (xml[i] ?? 0) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** The style found by the last cellAttrs, or -1. */
let cellStyleOut = -1;

/** The type found by the last simpleCellTag. */
let simpleTypeOut = TYPE_NUMBER;

/**
 * The usual cell tag, `<c r="A1" s="2" t="s">`, read in one pass from `from` (after "<c "): only
 * the one-letter attributes r, s and t, each once, with double-quoted values holding no space,
 * colon, quote, "&", "<" or ">" (so no attribute name can hide in a value). Returns where its ">"
 * is, with the type in simpleTypeOut and, when `styled`, the style in cellStyleOut; or -1 for
 * any other tag, which cellAttrs then reads the general way. Both give the same for such a tag.
 */
function simpleCellTag(xml: Uint8Array, from: number, styled: boolean): number {
  const n = xml.length;
  let type = TYPE_NUMBER;
  let style = -1;
  let typeSeen = false;
  let styleSeen = false;
  let p = from;
  for (;;) {
    const name = xml[p];
    if ((name !== 114 && name !== 115 && name !== 116) || xml[p + 1] !== 61 || xml[p + 2] !== 34) return -1;
    const v = p + 3;
    let e = v;
    for (; e < n; e++) {
      const b = xml[e] ?? 0;
      if (b === 34) break;
      if (b === 32 || b === 9 || b === 10 || b === 13 || b === 58 || b === 39 || b === 38 || b === 60 || b === 62) return -1;
    }
    if (e >= n) return -1;
    if (name === 116 /* t */) {
      if (typeSeen) return -1;
      typeSeen = true;
      type = typeOf(xml, v, e);
    } else if (name === 115 /* s */) {
      if (styleSeen) return -1;
      styleSeen = true;
      if (styled) {
        style = smallInt(xml, v, e);
        if (style < 0) return -1;
      }
    }
    const after = xml[e + 1];
    if (after === 62 /* > */) {
      simpleTypeOut = type;
      cellStyleOut = style;
      return e + 1;
    }
    if (after !== 32) return -1;
    p = e + 2;
  }
}

/**
 * A cell tag's type (returned) and, when `styled`, its style (in cellStyleOut): attrValue's
 * "t" and "s" found in one pass over the attribute bytes [from, to).
 */
function cellAttrs(xml: Uint8Array, from: number, to: number, styled: boolean): number {
  let type = TYPE_NUMBER;
  let style = -1;
  let typeDone = false;
  let styleDone = !styled;
  for (let at = from; at < to && !(typeDone && styleDone); at++) {
    const b = xml[at];
    if (b === 116 /* t */ && !typeDone) {
      const v = valueAt(xml, from, to, at);
      if (v === NOT_HERE) continue;
      typeDone = true;
      if (v >= 0) type = typeOf(xml, v, attrEnd);
    } else if (b === 115 /* s */ && !styleDone) {
      const v = valueAt(xml, from, to, at);
      if (v === NOT_HERE) continue;
      styleDone = true;
      if (v >= 0) {
        const quick = smallInt(xml, v, attrEnd);
        style = quick >= 0 ? quick : Number(decodeXmlEntities(textOf(xml, v, attrEnd)));
      }
    }
  }
  cellStyleOut = style;
  return type;
}

/** The cell type a raw t="…" value [at, end) names. */
function typeOf(xml: Uint8Array, at: number, end: number): number {
  if (!hasByte(xml, 38 /* & */, at, end)) {
    const len = end - at;
    if (len === 1) {
      const c = xml[at];
      return c === 115 ? TYPE_SHARED : c === 110 ? TYPE_NUMBER : TYPE_OTHER;
    }
    return len === 9 && bytesAt(xml, at, "inlineStr") ? TYPE_INLINE : TYPE_OTHER;
  }
  const t = decodeXmlEntities(textOf(xml, at, end));
  return t === "s" ? TYPE_SHARED : t === "n" ? TYPE_NUMBER : t === "inlineStr" ? TYPE_INLINE : TYPE_OTHER;
}

function allDigits(s: string, max: number): boolean {
  const n = s.length;
  if (n === 0 || n > max) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A cell's text from its trimmed value. */
function cellText(v: string, type: number, style: number, shared: readonly string[], padded: ReadonlyMap<number, string> | null, used?: Uint8Array): string {
  if (type === TYPE_SHARED) {
    const k = Number(v);
    const s = shared[k];
    if (s === undefined) return "";
    if (used !== undefined) used[k] = 1;
    return s;
  }
  if (type === TYPE_NUMBER) {
    if (!allDigits(v, 15)) return v;
    const pattern = padded === null ? undefined : padded.get(style);
    return pattern !== undefined ? applyPattern(v, pattern) : v.length === 9 ? `${v}\t0${v}` : v;
  }
  return v;
}

/** A value's bytes [from, to) that are its cell text as they are: ASCII, no entity, nothing to trim. */
function plainAscii(xml: Uint8Array, from: number, to: number): boolean {
  if (to > from && (isSpace(xml[from] ?? 0) || isSpace(xml[to - 1] ?? 0))) return false;
  for (let i = from; i < to; i++) {
    const b = xml[i] ?? 0;
    if (b >= 0x80 || b === 38 /* & */) return false;
  }
  return true;
}

/** What String.prototype.trim removes, among ASCII bytes. */
function isSpace(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13);
}

/** True when a numeric cell's digits need cellText (a zero-padded style, or 9 digits that may have lost a leading zero). */
function numberNeedsCellText(xml: Uint8Array, from: number, to: number, style: number, padded: ReadonlyMap<number, string> | null): boolean {
  const len = to - from;
  if (len === 0 || len > 15) return false;
  for (let i = from; i < to; i++) {
    const c = xml[i] ?? 0;
    if (c < 48 || c > 57) return false;
  }
  return len === 9 || (padded !== null && padded.has(style));
}

/** Shared strings each with its cell's tab, as code units. Built once per workbook. */
const sharedCellCache = new WeakMap<readonly string[], Utf16Table>();
function sharedCellsOf(shared: readonly string[]): Utf16Table {
  let cells = sharedCellCache.get(shared);
  if (cells === undefined) {
    cells = utf16Table(shared, "\t");
    sharedCellCache.set(shared, cells);
  }
  return cells;
}

/**
 * Text of one worksheet part (its bytes, as in the package): cells separated by tabs, rows by
 * newlines, shared strings resolved. A scanner of its own (the sheets are most of a workbook's
 * bytes): it tokenises exactly as scanXml does on the decoded part, but works on positions and
 * decodes only the text inside v, t and f. Plain values are copied from the bytes into the
 * output buffer without becoming strings. The text is capped at `maxChars` (a shared string can
 * be repeated by a million cells): past it, LimitExceeded on the archive limit.
 */
export function sheetText(xml: Uint8Array, shared: readonly string[], padded: ReadonlyMap<number, string>, maxChars = DEFAULT_EXTRACT_LIMITS.maxArchiveBytes, used?: Uint8Array): string {
  // decodeText reads a UTF-16 byte order mark; such a part is re-encoded (Excel writes UTF-8).
  if (xml[0] === 0xff && xml[1] === 0xfe) return sheetText(utf8Bytes(decodeText(xml)), shared, padded, maxChars, used);
  // The text is rarely longer than a third of the part.
  const out = new Utf16Sink(maxChars, Math.ceil(xml.length / 3));
  try {
    scanSheet(xml, shared, padded, out, used ?? new Uint8Array(shared.length));
  } catch (e) {
    if (e instanceof SinkFull) throw new LimitExceeded("maxArchiveBytes", `a worksheet's text is longer than ${maxChars} characters`);
    throw e;
  }
  return out.toString();
}

/** `used[k]` is set to 1 for each shared string k a cell puts in the text. */
function scanSheet(xml: Uint8Array, shared: readonly string[], padded: ReadonlyMap<number, string>, out: Utf16Sink, used: Uint8Array): void {
  const cells = sharedCellsOf(shared);
  const cellUnits = cells.units;
  const cellStarts = cells.starts;
  const sharedCount = shared.length;
  const styled = padded.size > 0;
  const n = xml.length;
  let type = TYPE_OTHER; // a value outside any cell is taken as it is
  let style = -1;
  // A cell's pieces of text, joined as they come (usually there is one piece).
  let value = "";
  let inline = "";
  let formula = "";
  let where = OTHER;
  // A UTF-8 byte order mark is text outside any cell: skipped like any such text.
  let i = 0;
  while (i < n) {
    const lt = findByte(xml, 60 /* < */, i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i && where !== OTHER) {
      const t = decodeXmlEntities(textOf(xml, i, textEnd));
      if (where === VALUE) value += t;
      else if (where === TEXT) inline += t;
      else formula += t;
    }
    if (lt < 0) break;
    const c = xml[lt + 1];
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      i = skipSpecial(xml, lt);
      if (i < 0) break;
      if (cdataFrom >= 0 && where !== OTHER) {
        const t = textOf(xml, cdataFrom, cdataTo);
        if (where === VALUE) value += t;
        else if (where === TEXT) inline += t;
        else formula += t;
      }
      continue;
    }
    // The usual cell tag in one pass (simpleCellTag); any other tag ends, as in scanXml, at the first ">".
    const simpleEnd = c === 99 /* c */ && xml[lt + 2] === 32 ? simpleCellTag(xml, lt + 3, styled) : -1;
    const j = simpleEnd >= 0 ? simpleEnd : findByte(xml, 62 /* > */, lt + 1);
    if (j < 0) break;
    i = j + 1;
    let open = OTHER;
    let close = OTHER;
    if (simpleEnd >= 0) {
      open = CELL;
    } else if (c === 47 /* / */) {
      close = elementAt(xml, lt + 2);
    } else {
      open = elementAt(xml, lt + 1);
      if (xml[j - 1] === 47) close = open;
    }
    if (open === CELL) {
      if (simpleEnd >= 0) {
        type = simpleTypeOut;
      } else {
        const attrsEnd = close === CELL ? j - 1 : j;
        type = cellAttrs(xml, lt + 1, attrsEnd, styled);
      }
      style = cellStyleOut;
      value = "";
      inline = "";
      formula = "";
      // The usual cell, <c …><v>text</v></c>, in one step: the same events, without their tokens.
      if (close === OTHER && xml[i] === 60 && xml[i + 1] === 118 && xml[i + 2] === 62) {
        const from = i + 3;
        const k = findByte(xml, 60, from);
        // "</v></c>" after the "<" at k, byte by byte (the most frequent test of the scan).
        if (k >= 0 && xml[k + 1] === 47 && xml[k + 2] === 118 && xml[k + 3] === 62 && xml[k + 4] === 60 && xml[k + 5] === 47 && xml[k + 6] === 99 && xml[k + 7] === 62) {
          // A shared string's index is read in place.
          const index = type === TYPE_SHARED ? smallInt(xml, from, k) : -1;
          if (index >= 0) {
            if (index < sharedCount) {
              out.copy(cellUnits, cellStarts[index] ?? 0, cellStarts[index + 1] ?? 0);
              used[index] = 1;
            } else out.unit(9);
          } else if (type === TYPE_INLINE) out.unit(9);
          else {
            if (type !== TYPE_SHARED && plainAscii(xml, from, k) && !(type === TYPE_NUMBER && numberNeedsCellText(xml, from, k, style, styled ? padded : null))) out.ascii(xml, from, k);
            else out.string(cellText(decodeXmlEntities(textOf(xml, from, k)).trim(), type, style, shared, styled ? padded : null, used));
            out.unit(9);
          }
          where = OTHER;
          i = k + 8;
          continue;
        }
      }
    } else if (open !== OTHER && open !== ROW) where = open;
    if (close === OTHER) continue;
    if (close === VALUE || close === TEXT || close === FORMULA) where = OTHER;
    else if (close === CELL) {
      out.string(type === TYPE_INLINE ? inline : cellText(value.trim(), type, style, shared, styled ? padded : null, used));
      if (formula === "") out.unit(9);
      else out.string(`\t${formula}\t`);
    } else if (close === ROW) out.unit(10);
  }
}

async function xmlOf(zip: ZipReader, entry: ZipEntry): Promise<string> {
  return decodeText(await zip.read(entry));
}

/** The texts of an Office package, one per part, all under the document's own path. */
export async function ooxmlTexts(zip: ZipReader, kind: OoxmlKind, path: readonly string[], checkTime: () => void): Promise<MailText[]> {
  const texts: MailText[] = [];
  const push = (content: string): void => {
    if (content.trim() !== "") texts.push({ part: "attachment", path, format: "text", content });
  };
  const parts = zip.entries.filter((e) => TEXT_PARTS[kind].test(e.name));
  if (kind === "xlsx") {
    const sst = zip.find("xl/sharedStrings.xml");
    const shared = sst === undefined ? [] : sharedStringsOf(await zip.read(sst));
    const styles = zip.find("xl/styles.xml");
    const padded = styles === undefined ? new Map<number, string>() : zeroPaddedStyles(await xmlOf(zip, styles));
    const used = new Uint8Array(shared.length);
    for (const sheet of zip.entries.filter((e) => /^xl\/worksheets\/[^/]{1,200}\.xml$/.test(e.name))) {
      push(sheetText(await zip.read(sheet), shared, padded, zip.limits.maxArchiveBytes, used));
      checkTime();
    }
    // Strings no cell uses are still in the file: read them too. A string a cell uses was read in
    // its sheet (a case list repeats its strings in every row: reading them twice cost ~30 ms).
    push(shared.filter((_, k) => used[k] === 0).join("\n"));
  }
  for (const part of parts) {
    push(markupText(await xmlOf(zip, part)));
    checkTime();
  }
  return texts;
}
