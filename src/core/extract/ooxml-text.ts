/**
 * Office Open XML (.docx, .xlsx, .pptx): the text of every part a caseworker's document can hold
 * text in. Runs are joined as they are (digits split over runs join up again); paragraphs, table
 * cells, rows and line breaks become whitespace, so numbers in neighbouring cells stay apart.
 */
import type { MailText } from "../scan/scanner";
import { decodeText } from "./decode-text";
import { attrValue, scanXml } from "./xml-scan";
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

/** Text of one worksheet: cells separated by tabs, rows by newlines, shared strings resolved. */
export function sheetText(xml: string, shared: readonly string[], padded: ReadonlyMap<number, string>): string {
  const out = new TextBuilder();
  let type = "";
  let style = -1;
  // A cell's pieces of text, joined as they come (usually there is one piece).
  let value = "";
  let inline = "";
  let formula = "";
  let where: "v" | "t" | "f" | "" = "";
  scanXml(xml, {
    open(name, attrs) {
      if (name === "c") {
        type = attrValue(attrs, "t") ?? "n";
        const s = attrValue(attrs, "s");
        style = s === undefined ? -1 : Number(s);
        value = "";
        inline = "";
        formula = "";
      } else if (name === "v") where = "v";
      else if (name === "t") where = "t";
      else if (name === "f") where = "f";
    },
    close(name) {
      if (name === "v" || name === "t" || name === "f") where = "";
      else if (name === "c") {
        const v = value.trim();
        let cell: string;
        if (type === "s") cell = shared[Number(v)] ?? "";
        else if (type === "inlineStr") cell = inline;
        else if (type === "n") cell = numericCellText(v, padded.get(style));
        else cell = v;
        out.add(formula === "" ? cell : `${cell}\t${formula}`);
        out.add("\t");
      } else if (name === "row") out.add("\n");
    },
    text(t) {
      if (where === "v") value += t;
      else if (where === "t") inline += t;
      else if (where === "f") formula += t;
    },
  });
  return out.toString();
}

function xmlOf(zip: ZipReader, entry: ZipEntry): string {
  return decodeText(zip.read(entry));
}

/** The texts of an Office package, one per part, all under the document's own path. */
export function ooxmlTexts(zip: ZipReader, kind: OoxmlKind, path: readonly string[], checkTime: () => void): MailText[] {
  const texts: MailText[] = [];
  const push = (content: string): void => {
    if (content.trim() !== "") texts.push({ part: "attachment", path, format: "text", content });
  };
  const parts = zip.entries.filter((e) => TEXT_PARTS[kind].test(e.name));
  if (kind === "xlsx") {
    const sst = zip.find("xl/sharedStrings.xml");
    const shared = sst === undefined ? [] : sharedStrings(xmlOf(zip, sst));
    const styles = zip.find("xl/styles.xml");
    const padded = styles === undefined ? new Map<number, string>() : zeroPaddedStyles(xmlOf(zip, styles));
    for (const sheet of zip.entries.filter((e) => /^xl\/worksheets\/[^/]{1,200}\.xml$/.test(e.name))) {
      push(sheetText(xmlOf(zip, sheet), shared, padded));
      checkTime();
    }
    // Strings no cell uses are still in the file: read them too (findings are de-duplicated).
    push(shared.join("\n"));
  }
  for (const part of parts) {
    push(markupText(xmlOf(zip, part)));
    checkTime();
  }
  return texts;
}
