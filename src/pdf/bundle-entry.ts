/**
 * Entry of dist-addin/pdf-reader.js: pdf.js (unpdf's serverless build) for Outlook's HTML
 * runtime and the task pane. Not part of the handler bundle: script-loader.ts injects this
 * script on the first PDF, in pages that have a DOM, and takes the reader from the global
 * below. Classic Outlook's JavaScript-only runtime never loads it.
 *
 * Under the pages' Content-Security-Policy (script-src 'self', connect-src 'self', no
 * 'unsafe-eval'): the reader passes isEvalSupported: false and disableFontFace: true, the
 * serverless build runs in the main thread (no worker script), and no CMap or standard-font URL
 * is given, so pdf.js fetches nothing.
 */
import * as pdfjs from "unpdf/pdfjs";
import { PDF_READER_GLOBAL } from "./script-loader";
import { createUnpdfReader } from "./unpdf-reader";

// pdf.js is bundled into this one file: hand unpdf the module instead of its own dynamic import.
(globalThis as unknown as Record<string, unknown>)[PDF_READER_GLOBAL] = createUnpdfReader(() => Promise.resolve(pdfjs));
