/** PowerPoint (.pptx): slides, speaker notes, comments, slide masters and layouts, SmartArt. */
import type { MailText } from "../../scan/scanner";
import type { ZipReader } from "../zip-archive";
import { partsOf, partTexts } from "./part-text";

const SLIDE_PARTS = /^ppt\/(slides\/slide\d*|notesSlides\/notesSlide\d*|comments\/[^/]{1,200}|diagrams\/data\d{0,6})\.xml$/;
/** Masters and layouts: every presentation has them, with placeholder text ("Klik for at redigere"). */
const MASTER_PARTS = /^ppt\/(slideMasters\/slideMaster\d*|slideLayouts\/slideLayout\d*|notesMasters\/notesMaster\d*)\.xml$/;

export async function slidesTexts(zip: ZipReader, path: readonly string[], checkTime: () => void, surrounding: MailText[]): Promise<MailText[]> {
  const texts = await partTexts(zip, partsOf(zip, SLIDE_PARTS), path, checkTime, surrounding);
  surrounding.push(...(await partTexts(zip, partsOf(zip, MASTER_PARTS), path, checkTime, surrounding)));
  return texts;
}
