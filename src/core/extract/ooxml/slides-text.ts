/** PowerPoint (.pptx): slides, speaker notes, comments, slide masters and layouts, SmartArt. */
import type { MailText } from "../../scan/scanner";
import type { ZipReader } from "../zip-archive";
import { partsOf, partTexts } from "./part-text";

const SLIDE_PARTS = /^ppt\/(slides\/slide\d*|notesSlides\/notesSlide\d*|comments\/[^/]{1,200}|slideMasters\/slideMaster\d*|slideLayouts\/slideLayout\d*|notesMasters\/notesMaster\d*|diagrams\/data\d{0,6})\.xml$/;

export function slidesTexts(zip: ZipReader, path: readonly string[], checkTime: () => void): Promise<MailText[]> {
  return partTexts(zip, partsOf(zip, SLIDE_PARTS), path, checkTime);
}
