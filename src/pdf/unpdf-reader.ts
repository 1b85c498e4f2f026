/**
 * The PDF text reader for runtimes that can run pdf.js, whichever way pdf.js is loaded there
 * (node-reader.ts in Node, bundle-entry.ts in the page bundle). Uses unpdf's serverless pdf.js
 * build (no worker, no DOM, no eval). Kept outside src/core because pdf.js looks for Node
 * built-ins when it runs in Node.
 */
import { definePDFJSModule, getDocumentProxy } from "unpdf";
import type { PdfReadOptions, PdfReadOutcome, PdfTextReader } from "../core/extract/pdf-text";

interface TextPiece {
  readonly str: string;
  readonly transform: readonly number[];
  readonly width: number;
  readonly height: number;
  readonly hasEOL: boolean;
}

function isPiece(item: unknown): item is TextPiece {
  return typeof item === "object" && item !== null && "str" in item && "transform" in item;
}

/**
 * Joins a page's text pieces: pieces that touch on one line join without a space (pdf.js splits
 * words at kerning and font changes), a gap becomes a space, a new line a newline.
 */
export function joinPieces(items: readonly unknown[]): string {
  let out = "";
  let prev: TextPiece | null = null;
  for (const item of items) {
    if (!isPiece(item)) continue;
    if (prev !== null) {
      const x = item.transform[4] ?? 0;
      const y = item.transform[5] ?? 0;
      const px = prev.transform[4] ?? 0;
      const py = prev.transform[5] ?? 0;
      const size = Math.max(1, Math.abs(prev.height || prev.transform[3] || 10));
      if (prev.hasEOL || Math.abs(y - py) > size * 0.5) out += "\n";
      else if (x - (px + prev.width) > size * 0.15) out += " ";
    }
    out += item.str;
    prev = item;
  }
  return out;
}

/** pdf.js operator codes (OPS) that paint a picture. */
const PAINT_IMAGE = new Set([83 /* paintImageMaskXObject */, 84, 85 /* paintImageXObject */, 86 /* paintInlineImageXObject */, 87, 88, 89]);

function paintsImage(ops: readonly number[]): boolean {
  for (const op of ops) if (PAINT_IMAGE.has(op)) return true;
  return false;
}

/** A value, or each of an array's values. */
function each(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

function strings(...values: unknown[]): string[] {
  return values.filter((v): v is string => typeof v === "string" && v.trim() !== "");
}

function field(o: unknown, key: string): unknown {
  return typeof o === "object" && o !== null ? (o as Record<string, unknown>)[key] : undefined;
}

/** Text of a page's annotations: comments (contents), a form field's value, alternative text, free text. */
function annotationTexts(annotations: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const a of annotations) {
    const value = field(a, "fieldValue");
    out.push(...strings(field(field(a, "contentsObj"), "str"), field(field(a, "titleObj"), "str"), field(a, "alternativeText"), ...each(value)));
    const free = field(a, "textContent");
    if (Array.isArray(free)) out.push(strings(...each(free)).join("\n"));
  }
  return out;
}

/** AcroForm fields' values (a form filled in: name, CPR number …), by field. */
function fieldTexts(fields: Record<string, readonly unknown[]> | null): string[] {
  const out: string[] = [];
  for (const [name, widgets] of Object.entries(fields ?? {})) {
    for (const w of widgets) {
      const value = field(w, "value");
      const values = strings(...each(value));
      if (values.length > 0) out.push(`${name}: ${values.join(" ")}`);
    }
  }
  return out;
}

/** The document information dictionary: title, author, subject, keywords and custom entries. */
function infoTexts(info: unknown): string[] {
  const out = strings(field(info, "Title"), field(info, "Author"), field(info, "Subject"), field(info, "Keywords"));
  const custom = field(info, "Custom");
  if (typeof custom === "object" && custom !== null) for (const [k, v] of Object.entries(custom)) out.push(...strings(v).map((s) => `${k}: ${s}`));
  return out;
}

function errorName(e: unknown): string {
  return typeof e === "object" && e !== null && "name" in e && typeof e.name === "string" ? e.name : "";
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A PdfTextReader on unpdf. `loadPdfjs` replaces unpdf's own dynamic import of its pdf.js
 * build (a bundle imports it statically; Jest cannot run the dynamic import).
 */
export function createUnpdfReader(loadPdfjs?: () => Promise<unknown>): PdfTextReader {
  let ready: Promise<void> | null = null;
  return async (bytes: Uint8Array, options: PdfReadOptions): Promise<PdfReadOutcome> => {
    if (loadPdfjs !== undefined) {
      ready ??= definePDFJSModule(loadPdfjs as Parameters<typeof definePDFJSModule>[0]);
      await ready;
    }
    let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
    try {
      // pdf.js may take over the buffer: give it a copy. No eval, no fonts loaded, no console noise.
      doc = await getDocumentProxy(bytes.slice(), { isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false });
    } catch (e) {
      const name = errorName(e);
      if (name === "PasswordException") return { kind: "unreadable", reason: "encrypted", detail: "password-protected PDF" };
      return { kind: "unreadable", reason: "corrupt", detail: `not a readable PDF: ${message(e)}` };
    }
    try {
      const pageCount = doc.numPages;
      const pages: string[] = [];
      const extras: string[] = [];
      const imagePages: number[] = [];
      for (let n = 1; n <= Math.min(pageCount, options.maxPages); n++) {
        options.checkTime();
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        const text = joinPieces(content.items);
        pages.push(text);
        extras.push(...annotationTexts(await page.getAnnotations()));
        // A page without text: is it a picture (a scanned page)? Only then is its drawing listed.
        if (text.trim() === "" && paintsImage((await page.getOperatorList()).fnArray)) imagePages.push(n);
        page.cleanup();
      }
      options.checkTime();
      extras.push(...fieldTexts(await doc.getFieldObjects()), ...infoTexts((await doc.getMetadata()).info));
      return { kind: "text", pageCount, pages, extras: extras.filter((t) => t.trim() !== ""), imagePages };
    } catch (e) {
      if (errorName(e) === "LimitExceeded") throw e;
      return { kind: "unreadable", reason: "corrupt", detail: `PDF page could not be read: ${message(e)}` };
    } finally {
      await doc.destroy();
    }
  };
}
