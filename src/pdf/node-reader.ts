/**
 * The PDF reader in Node (the CLI, the bench): unpdf imports its own pdf.js build on the first
 * PDF, so making the reader costs nothing until then.
 */
import type { PdfTextReader } from "../core/extract/pdf-text";
import { createUnpdfReader } from "./unpdf-reader";

export const nodePdfReader: PdfTextReader = createUnpdfReader();
