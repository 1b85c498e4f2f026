/** PowerPoint (.pptx): slides, speaker notes and comments. */
import type { MailText } from "../../scan/scanner";
import type { ZipReader } from "../zip-archive";
import { partsOf, partTexts } from "./part-text";

const SLIDE_PARTS = /^ppt\/(slides\/slide\d*|notesSlides\/notesSlide\d*|comments\/[^/]{1,200})\.xml$/;

export function slidesTexts(zip: ZipReader, path: readonly string[], checkTime: () => void): Promise<MailText[]> {
  return partTexts(zip, partsOf(zip, SLIDE_PARTS), path, checkTime);
}
