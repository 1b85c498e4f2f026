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
      for (let n = 1; n <= Math.min(pageCount, options.maxPages); n++) {
        options.checkTime();
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        pages.push(joinPieces(content.items));
        page.cleanup();
      }
      return { kind: "text", pageCount, pages };
    } catch (e) {
      if (errorName(e) === "LimitExceeded") throw e;
      return { kind: "unreadable", reason: "corrupt", detail: `PDF page could not be read: ${message(e)}` };
    } finally {
      await doc.destroy();
    }
  };
}
