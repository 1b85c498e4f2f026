/**
 * Office Open XML packages (.docx, .xlsx, .pptx): which kind a ZIP archive is, and the text of
 * each kind. Embedded files are left to the caller, which reads them like inner attachments.
 */
import type { MailText } from "../../scan/scanner";
import type { ZipEntry, ZipReader } from "../zip-archive";
import { allTexts, partsOf } from "./part-text";
import { sheetTexts } from "./sheet-text";
import { slidesTexts } from "./slides-text";
import { wordTexts } from "./word-text";

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

/** Embedded packages and files (an Excel sheet inside a Word document …), read like attachments inside. */
export const EMBEDDING = /^(word|xl|ppt)\/embeddings\/[^/]{1,255}$/;

/**
 * An Office package's texts: its content (body, cells, slides, notes, comments, charts) and what
 * surrounds it (properties, bound data, masters and layouts, sheet names, print headers, pictures'
 * alternative text). Both are scanned; only the content says whether the document has text of
 * its own or is pictures only.
 */
export interface OoxmlTexts {
  readonly content: MailText[];
  readonly surrounding: MailText[];
}

/** Every kind's reader has this shape: the package, the document's path, the attachment's clock; surrounding texts are added to `surrounding`. */
export type OoxmlExtractor = (zip: ZipReader, path: readonly string[], checkTime: () => void, surrounding: MailText[]) => Promise<MailText[]>;

const EXTRACTORS: Readonly<Record<OoxmlKind, OoxmlExtractor>> = { docx: wordTexts, xlsx: sheetTexts, pptx: slidesTexts };

/**
 * Parts every kind of package may have: document properties (title, subject, author, keywords,
 * comments; custom properties), and custom XML parts, where case-system templates keep the data
 * they bind into the document (the citizen's name and CPR number) even after the field is cleared.
 */
const PACKAGE_DATA_PARTS = /^(docProps\/(core|app|custom)|customXml\/item\d{0,6})\.xml$/;
/** Charts' cached labels and values, in any kind of package. */
export const CHART_PARTS = /^(word|xl|ppt)\/charts\/chart\d{0,6}\.xml$/;

/** The texts of an Office package, one per part, all under the document's own path. */
export async function ooxmlTexts(zip: ZipReader, kind: OoxmlKind, path: readonly string[], checkTime: () => void): Promise<OoxmlTexts> {
  const surrounding: MailText[] = [];
  const content = await EXTRACTORS[kind](zip, path, checkTime, surrounding);
  content.push(...(await allTexts(zip, partsOf(zip, CHART_PARTS), path, checkTime)));
  surrounding.push(...(await allTexts(zip, partsOf(zip, PACKAGE_DATA_PARTS), path, checkTime)));
  return { content, surrounding };
}
