/**
 * The text of WordprocessingML and DrawingML parts (Word's parts, slides, a workbook's comments
 * and drawings), and reading such parts from a package. Runs are joined as they are (digits
 * split over runs join up again); paragraphs, table cells, rows and line breaks become
 * whitespace, so numbers in neighbouring cells stay apart.
 */
import type { MailText } from "../../scan/scanner";
import { decodeText } from "../decode-text";
import { attrValue, scanXml } from "../xml-scan";
import type { ZipEntry, ZipReader } from "../zip-archive";

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

/**
 * Text of a WordprocessingML / DrawingML / SpreadsheetML-strings part. Pictures' alternative text
 * goes to `alt` when given (Word writes it by itself for a pasted scan: it does not make the
 * document one with text), else into the text.
 */
export function markupText(xml: string, alt?: string[]): string {
  const out = new TextBuilder();
  let inText = 0;
  scanXml(xml, {
    open(name, attrs) {
      if (TEXT_ELEMENTS.has(name)) inText++;
      else if (name === "noBreakHyphen") out.add("-");
      else if (name === "docPr" || name === "cNvPr") {
        // A picture's or shape's alternative text (Word's wp:docPr, DrawingML's cNvPr): descr and title.
        for (const a of [attrValue(attrs, "descr"), attrValue(attrs, "title")]) {
          if (a === undefined || a.trim() === "") continue;
          if (alt !== undefined) alt.push(a);
          else out.add(`\n${a}\n`);
        }
      }
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

export async function xmlOf(zip: ZipReader, entry: ZipEntry): Promise<string> {
  return decodeText(await zip.read(entry));
}

/** Adds one text of the package under the document's own path, unless it is blank. */
export function addText(texts: MailText[], path: readonly string[], content: string): void {
  if (content.trim() !== "") texts.push({ part: "attachment", path, format: "text", content });
}

/** The entries whose names match `parts`, in the package's order. */
export function partsOf(zip: ZipReader, parts: RegExp): ZipEntry[] {
  return zip.entries.filter((e) => parts.test(e.name));
}

/**
 * The markupText of each entry, in order; the clock is checked after each. Alternative text goes
 * to `surrounding` when given (see OoxmlTexts).
 */
export async function partTexts(zip: ZipReader, entries: readonly ZipEntry[], path: readonly string[], checkTime: () => void, surrounding?: MailText[]): Promise<MailText[]> {
  const texts: MailText[] = [];
  for (const part of entries) {
    const alt: string[] = [];
    addText(texts, path, markupText(await xmlOf(zip, part), surrounding !== undefined ? alt : undefined));
    if (surrounding !== undefined) addText(surrounding, path, alt.join("\n"));
    checkTime();
  }
  return texts;
}

/**
 * All character data of a part, each element's text on a line of its own: document properties
 * (docProps/core.xml, app.xml), custom properties with their names (docProps/custom.xml), data a
 * case system binds into a template (customXml/item*.xml), a chart's cached values.
 */
export function allText(xml: string): string {
  const out = new TextBuilder();
  let open = false;
  scanXml(xml, {
    open(name, attrs) {
      if (name === "property") {
        // A custom property: <property name="CPR"><vt:lpwstr>…</vt:lpwstr></property>.
        const label = attrValue(attrs, "name");
        if (label !== undefined) {
          out.add(`${label}: `);
          open = true;
        }
      }
    },
    close() {
      if (open) out.add("\n");
      open = false;
    },
    text(value) {
      if (value.trim() === "") return;
      out.add(value);
      open = true;
    },
  });
  return out.toString();
}

/** The allText of each entry, in order; the clock is checked after each. */
export async function allTexts(zip: ZipReader, entries: readonly ZipEntry[], path: readonly string[], checkTime: () => void): Promise<MailText[]> {
  const texts: MailText[] = [];
  for (const part of entries) {
    addText(texts, path, allText(await xmlOf(zip, part)));
    checkTime();
  }
  return texts;
}
