/**
 * Excel (.xlsx): every worksheet (shared strings, inline strings, numbers, formulas) with its
 * print headers and footers, the sheet names, the shared strings no cell uses, the comments',
 * drawings' and SmartArt's text, and pivot table caches (a copy of the source data, kept even
 * when the source sheet is deleted).
 */
import type { MailText } from "../../scan/scanner";
import { utf8Bytes } from "../base64";
import { decodeText } from "../decode-text";
import { DEFAULT_EXTRACT_LIMITS, LimitExceeded } from "../extract-limits";
import { SinkFull, Utf16Sink, utf16Table, type Utf16Table } from "../utf16-sink";
import { attrValue, decodeXmlEntities, scanXml } from "../xml-scan";
import type { ZipReader } from "../zip-archive";
import { cellAttrs, simpleCellTag, simpleTagEnd, simpleTagInfo, styleOfCell, typeOfCell, TYPE_INLINE, TYPE_NUMBER, TYPE_OTHER, TYPE_SHARED } from "./cell-tag";
import { applyPattern, numericCellText, zeroPaddedStyles } from "./number-formats";
import { addText, partsOf, partTexts, TextBuilder, xmlOf } from "./part-text";
import { sharedStringsOf } from "./shared-strings";
import { findByte, isCdata, nameCode, shortNameAt, skipSpecial, smallInt, textOf } from "./xml-bytes";

/** A workbook's other text parts: comments, threaded comments, drawings. */
const SHEET_NOTE_PARTS = /^xl\/(comments\d*|threadedComments\/[^/]{1,200}|drawings\/drawing\d*|diagrams\/data\d{0,6})\.xml$/;
const PIVOT_CACHE_PARTS = /^xl\/pivotCache\/pivotCache(Definition|Records)\d{0,6}\.xml$/;
const WORKSHEET = /^xl\/worksheets\/[^/]{1,200}\.xml$/;
/** A workbook that counts days from 1904 (old Mac Excel): <workbookPr date1904="1"/>. */
const DATE_1904 = /<workbookPr\b[^>]{0,500}\bdate1904\s{0,4}=\s{0,4}["'](?:1|true)["']/;

export async function sheetTexts(zip: ZipReader, path: readonly string[], checkTime: () => void, surrounding: MailText[]): Promise<MailText[]> {
  const texts: MailText[] = [];
  const notes = partsOf(zip, SHEET_NOTE_PARTS);
  const sst = zip.find("xl/sharedStrings.xml");
  const shared = sst === undefined ? [] : sharedStringsOf(await zip.read(sst));
  const styles = zip.find("xl/styles.xml");
  const book = zip.find("xl/workbook.xml");
  const bookXml = book === undefined ? "" : await xmlOf(zip, book);
  const padded = styles === undefined ? new Map<number, string>() : zeroPaddedStyles(await xmlOf(zip, styles), DATE_1904.test(bookXml));
  const workbook: Workbook = { shared, cells: utf16Table(shared, "\t"), padded };
  const used = new Uint8Array(shared.length);
  for (const sheet of partsOf(zip, WORKSHEET)) {
    const bytes = await zip.read(sheet);
    addText(texts, path, worksheetText(bytes, workbook, zip.limits.maxArchiveBytes, used));
    addText(surrounding, path, headerFooterText(bytes));
    checkTime();
  }
  // Strings no cell uses are still in the file: read them too. A string a cell uses was read in
  // its sheet (a case list repeats its strings in every row: reading them twice cost ~30 ms).
  addText(texts, path, shared.filter((_, k) => used[k] === 0).join("\n"));
  texts.push(...(await partTexts(zip, notes, path, checkTime, surrounding)));
  if (book !== undefined) addText(surrounding, path, sheetNames(bookXml));
  for (const cache of partsOf(zip, PIVOT_CACHE_PARTS)) {
    addText(texts, path, pivotCacheText(await xmlOf(zip, cache)));
    checkTime();
  }
  return texts;
}

/** The sheet names of xl/workbook.xml (<sheet name="Jens Hansen 010190-1234" …/>), one a line. */
export function sheetNames(xml: string): string {
  const names: string[] = [];
  scanXml(xml, {
    open(name, attrs) {
      if (name !== "sheet") return;
      const v = attrValue(attrs, "name");
      if (v !== undefined) names.push(v);
    },
    close() {
      /* names are attributes */
    },
    text() {
      /* no text wanted */
    },
  });
  return names.join("\n");
}

const HEADER_FOOTER = new Set(["oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"]);
/** Excel's header and footer codes: &L &C &R sections, &P page, &"Arial,Bold" font, &8 size, &K colour. */
const HEADER_CODE = /&(?:&|"[^"]{0,100}"|K[0-9A-Fa-f]{6}|K\d\d[+-]\d{3}|\d{1,3}|[A-Za-z])/g;

/** Where the ASCII string `s` last starts in `xml`, or -1. */
function lastIndexOfBytes(xml: Uint8Array, s: string): number {
  const first = s.charCodeAt(0);
  for (let i = xml.length - s.length; i >= 0; i--) {
    if (xml[i] !== first) continue;
    let k = 1;
    while (k < s.length && xml[i + k] === s.charCodeAt(k)) k++;
    if (k === s.length) return i;
  }
  return -1;
}

/**
 * A worksheet's print headers and footers (<headerFooter><oddHeader>&amp;LCPR 010190-1234…).
 * They come after the cells: only the part after the last "sheetData" is read, codes taken out.
 */
export function headerFooterText(xml: Uint8Array): string {
  const after = lastIndexOfBytes(xml, "sheetData");
  if (after < 0) return "";
  const tailBytes = xml.subarray(after);
  if (lastIndexOfBytes(tailBytes, "headerFooter") < 0) return "";
  const tail = decodeText(tailBytes);
  const out: string[] = [];
  let inside = 0;
  scanXml(tail, {
    open(name) {
      if (HEADER_FOOTER.has(name)) inside++;
    },
    close(name) {
      if (HEADER_FOOTER.has(name)) {
        inside = Math.max(0, inside - 1);
        out.push("\n");
      }
    },
    text(value) {
      if (inside > 0) out.push(value.replace(HEADER_CODE, (code) => (code === "&&" ? "&" : " ")));
    },
  });
  return out.join("");
}

/**
 * A pivot cache's values: the records (<r><s v="Jens"/><n v="101901234"/></r>, one a line) and
 * the definition's field names and shared items. A 9-digit number is also given with the
 * leading zero restored, as in a General cell (number-formats.ts).
 */
export function pivotCacheText(xml: string): string {
  const out = new TextBuilder();
  scanXml(xml, {
    open(name, attrs) {
      if (name === "cacheField") {
        const field = attrValue(attrs, "name");
        if (field !== undefined) out.add(`${field}\n`);
      } else if (name === "s" || name === "n" || name === "d" || name === "e") {
        const v = attrValue(attrs, "v");
        if (v !== undefined) out.add(`${name === "n" ? numericCellText(v, undefined) : v}\t`);
      }
    },
    close(name) {
      if (name === "r" || name === "sharedItems") out.add("\n");
    },
    text() {
      /* values are attributes */
    },
  });
  return out.toString();
}

/** What every sheet of a workbook is read with. */
interface Workbook {
  readonly shared: readonly string[];
  /** The shared strings each with its cell's tab, as code units: built once per workbook. */
  readonly cells: Utf16Table;
  /** Zero-padded number formats by cell style (number-formats.ts). */
  readonly padded: ReadonlyMap<number, string>;
}

/**
 * Text of one worksheet part (its bytes, as in the package): cells separated by tabs, rows by
 * newlines, shared strings resolved. The text is capped at `maxChars` (a shared string can be
 * repeated by a million cells): past it, LimitExceeded on the archive limit. `used[k]` is set to
 * 1 for each shared string k a cell puts in the text.
 */
export function sheetText(xml: Uint8Array, shared: readonly string[], padded: ReadonlyMap<number, string>, maxChars = DEFAULT_EXTRACT_LIMITS.maxArchiveBytes, used?: Uint8Array): string {
  return worksheetText(xml, { shared, cells: utf16Table(shared, "\t"), padded }, maxChars, used ?? new Uint8Array(shared.length));
}

function worksheetText(xml: Uint8Array, workbook: Workbook, maxChars: number, used: Uint8Array): string {
  // decodeText reads a UTF-16 byte order mark; such a part is re-encoded (Excel writes UTF-8).
  if (xml[0] === 0xff && xml[1] === 0xfe) return worksheetText(utf8Bytes(decodeText(xml)), workbook, maxChars, used);
  // The text is rarely longer than a third of the part.
  const out = new Utf16Sink(maxChars, Math.ceil(xml.length / 3));
  try {
    scanSheet(xml, workbook, out, used);
  } catch (e) {
    if (e instanceof SinkFull) throw new LimitExceeded("maxArchiveBytes", `a worksheet's text is longer than ${maxChars} characters`);
    throw e;
  }
  return out.toString();
}

// What the sheet scanner acts on: element local names.
const OTHER = 0;
const CELL = 1;
const VALUE = 2;
const TEXT = 3;
const FORMULA = 4;
const ROW = 5;

const C = nameCode("c");
const V = nameCode("v");
const T = nameCode("t");
const F = nameCode("f");
const R = nameCode("row");

/** Which of c, v, t, f, row the tag name at `from` is (namespace prefix ignored, as scanXml's names). */
function elementAt(xml: Uint8Array, from: number): number {
  const name = shortNameAt(xml, from);
  return name === C ? CELL : name === V ? VALUE : name === T ? TEXT : name === F ? FORMULA : name === R ? ROW : OTHER;
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

/**
 * A scanner of its own (the sheets are most of a workbook's bytes): it tokenises exactly as
 * scanXml does on the decoded part, but works on positions and decodes only the text inside v,
 * t and f (xml-bytes.ts). Plain values are copied from the bytes into the output buffer without
 * becoming strings.
 */
function scanSheet(xml: Uint8Array, workbook: Workbook, out: Utf16Sink, used: Uint8Array): void {
  const { shared, padded } = workbook;
  const cellUnits = workbook.cells.units;
  const cellStarts = workbook.cells.starts;
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
      if (where !== OTHER && isCdata(xml, lt)) {
        const t = textOf(xml, lt + 9, i - 3);
        if (where === VALUE) value += t;
        else if (where === TEXT) inline += t;
        else formula += t;
      }
      continue;
    }
    // The usual cell tag in one pass (simpleCellTag); any other tag ends, as in scanXml, at the first ">".
    const simple = c === 99 /* c */ && xml[lt + 2] === 32 ? simpleCellTag(xml, lt + 3, styled) : -1;
    const j = simple >= 0 ? simpleTagEnd(simple, lt + 3) : findByte(xml, 62 /* > */, lt + 1);
    if (j < 0) break;
    i = j + 1;
    let open = OTHER;
    let close = OTHER;
    if (simple >= 0) {
      open = CELL;
    } else if (c === 47 /* / */) {
      close = elementAt(xml, lt + 2);
    } else {
      open = elementAt(xml, lt + 1);
      if (xml[j - 1] === 47) close = open;
    }
    if (open === CELL) {
      const info = simple >= 0 ? simpleTagInfo(simple) : cellAttrs(xml, lt + 1, close === CELL ? j - 1 : j, styled);
      type = typeOfCell(info);
      style = styleOfCell(info);
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
