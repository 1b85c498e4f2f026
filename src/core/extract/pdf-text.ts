/**
 * PDF text layers. pdf.js cannot go into the ES2016 handler bundle that classic Outlook runs, so
 * the core takes the PDF reader as a parameter: the CLI and the tests pass the unpdf (pdf.js)
 * reader from src/pdf/, Outlook's HTML runtime a separately loaded bundle, and where there is no
 * reader a PDF is reported as unsupported, so the policy's rule for unreadable attachments applies.
 */
import type { MailText } from "../scan/scanner";
import { LimitExceeded, type ExtractBudget } from "./extract-limits";
import { onlyUnreadable, unreadablePart, type Extracted } from "./extracted";
import { DEFAULT_IMAGE_POLICY, type ImagePolicy } from "./inline-images";

export interface PdfReadOptions {
  /** Pages to read at most; the reader still reports the document's page count. */
  readonly maxPages: number;
  /** Throws (a LimitExceeded) when the attachment's time is up; the reader calls it between pages. */
  readonly checkTime: () => void;
}

export type PdfReadOutcome =
  | {
      readonly kind: "text";
      readonly pageCount: number;
      readonly pages: readonly string[];
      /** Text outside the pages' text layer: form field values, annotations, the document information. */
      readonly extras?: readonly string[];
      /** Pages (from 1) that draw a picture and have no text: scanned pages. */
      readonly imagePages?: readonly number[];
    }
  | { readonly kind: "unreadable"; readonly reason: "encrypted" | "corrupt" | "read_failed"; readonly detail: string };

export type PdfTextReader = (bytes: Uint8Array, options: PdfReadOptions) => Promise<PdfReadOutcome>;

export function looksLikePdf(bytes: Uint8Array): boolean {
  // "%PDF-" within the first 1024 bytes, as readers accept.
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 5 <= head.length; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true;
  }
  return false;
}

export const NO_PDF_READER_DETAIL = "PDF files cannot be read in this Outlook version (no PDF reader in its JavaScript-only runtime)";

/**
 * A PDF's text. A PDF with text on some pages and only a picture on others (a typed cover letter
 * and scanned pages) says which pages were not read; under the policy's images.attached setting
 * ("ignore": shown only), as a picture attached on its own would be.
 */
export async function extractPdf(bytes: Uint8Array, path: readonly string[], budget: ExtractBudget, reader: PdfTextReader | undefined, images: ImagePolicy = DEFAULT_IMAGE_POLICY): Promise<Extracted> {
  if (reader === undefined) return onlyUnreadable(path, "unsupported_type", NO_PDF_READER_DETAIL);
  const maxPages = budget.limits.maxPdfPages;
  let outcome: PdfReadOutcome;
  try {
    outcome = await reader(bytes, { maxPages, checkTime: () => { budget.checkTime(); } });
  } catch (e) {
    if (e instanceof LimitExceeded) throw e;
    return onlyUnreadable(path, "corrupt", `not a readable PDF: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (outcome.kind === "unreadable") return onlyUnreadable(path, outcome.reason, outcome.detail);
  budget.checkTime();
  const texts: MailText[] = outcome.pages
    .map((content) => ({ part: "attachment" as const, path, format: "text" as const, content }))
    .filter((t) => t.content.trim() !== "");
  const out: Extracted = { texts, unreadable: [] };
  if (outcome.pageCount === 0) out.unreadable.push(unreadablePart(path, "no_content", "PDF without pages"));
  else if (texts.length === 0) out.unreadable.push(unreadablePart(path, "image_only", "PDF without a text layer (scanned or only images); text in images is not read"));
  else {
    for (const n of outcome.imagePages ?? []) {
      const ignored = images.attached === "ignore";
      out.unreadable.push(unreadablePart(path, ignored ? "image_ignored" : "image_only", `side ${n}: kun billede; tekst i billeder læses ikke${ignored ? " (politik images.attached)" : ""}`));
    }
  }
  for (const extra of outcome.extras ?? []) texts.push({ part: "attachment", path, format: "text", content: extra });
  if (outcome.pageCount > maxPages) {
    out.unreadable.push(unreadablePart(path, "over_limit", `PDF with ${outcome.pageCount} pages; only the first ${maxPages} were read (limits.maxPdfPages)`));
  }
  return out;
}
