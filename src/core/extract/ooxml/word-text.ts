/**
 * Word (.docx): the body with its tables, text boxes, tracked deletions, field codes and the
 * pictures' alternative text, the headers, footers, footnotes, endnotes, comments and glossary
 * document, and SmartArt's text (word/diagrams/data*.xml).
 */
import type { MailText } from "../../scan/scanner";
import type { ZipReader } from "../zip-archive";
import { partsOf, partTexts } from "./part-text";

const WORD_PARTS = /^word\/(document\d*|header\d*|footer\d*|footnotes|endnotes|comments|glossary\/document|diagrams\/data\d{0,6})\.xml$/;

export function wordTexts(zip: ZipReader, path: readonly string[], checkTime: () => void, surrounding: MailText[]): Promise<MailText[]> {
  return partTexts(zip, partsOf(zip, WORD_PARTS), path, checkTime, surrounding);
}
