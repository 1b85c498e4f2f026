/**
 * A workbook's shared strings (xl/sharedStrings.xml), by index: each si's text, without its
 * phonetic runs (rPh).
 */
import { decodeText } from "../decode-text";
import { decodeXmlEntities, scanXml } from "../xml-scan";
import { findByte, isCdata, nameCode, shortNameAt, skipSpecial, textOf } from "./xml-bytes";

/** Shared strings of a workbook, by index, from the decoded part. */
export function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = 0;
  let phonetic = 0;
  scanXml(xml, {
    open(name) {
      if (name === "si") current = [];
      else if (name === "rPh") phonetic++;
      else if (name === "t") inText++;
    },
    close(name) {
      if (name === "si") {
        strings.push(current?.join("") ?? "");
        current = null;
      } else if (name === "rPh") phonetic = Math.max(0, phonetic - 1);
      else if (name === "t") inText = Math.max(0, inText - 1);
    },
    text(value) {
      if (inText > 0 && phonetic === 0) current?.push(value);
    },
  });
  return strings;
}

const SI = nameCode("si");
const RPH = nameCode("rPh");
const T = nameCode("t");

/**
 * Shared strings of a workbook from the part's bytes: the same as sharedStrings(decodeText(xml)),
 * tokenised as scanXml does, but only the text of t elements is decoded (xml-bytes.ts).
 * A workbook's string table is megabytes of markup; without a native TextDecoder, decoding and
 * tokenising it whole cost ~100 ms.
 */
export function sharedStringsOf(xml: Uint8Array): string[] {
  if (xml[0] === 0xff && xml[1] === 0xfe) return sharedStrings(decodeText(xml));
  const strings: string[] = [];
  // The current si's pieces: usually one, so an array is made only for a second.
  let inSi = false;
  const pieces: { first: string | null; more: string[] | null } = { first: null, more: null };
  const add = (t: string): void => {
    if (pieces.first === null) pieces.first = t;
    else (pieces.more ??= [pieces.first]).push(t);
  };
  let inText = 0;
  let phonetic = 0;
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = findByte(xml, 60 /* < */, i);
    const textEnd = lt < 0 ? n : lt;
    const keep = inText > 0 && phonetic === 0 && inSi;
    if (textEnd > i && keep) add(decodeXmlEntities(textOf(xml, i, textEnd)));
    if (lt < 0) break;
    const c = xml[lt + 1];
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      i = skipSpecial(xml, lt);
      if (i < 0) break;
      if (keep && isCdata(xml, lt)) add(textOf(xml, lt + 9, i - 3));
      continue;
    }
    const j = findByte(xml, 62 /* > */, lt + 1);
    if (j < 0) break;
    i = j + 1;
    const closing = c === 47;
    const name = shortNameAt(xml, closing ? lt + 2 : lt + 1);
    if (!closing) {
      if (name === SI) {
        inSi = true;
        pieces.first = null;
        pieces.more = null;
      } else if (name === RPH) phonetic++;
      else if (name === T) inText++;
    }
    if (closing || xml[j - 1] === 47 /* a self-closing tag also closes */) {
      if (name === SI) {
        strings.push(pieces.more !== null ? pieces.more.join("") : (pieces.first ?? ""));
        inSi = false;
        pieces.first = null;
        pieces.more = null;
      } else if (name === RPH) phonetic = Math.max(0, phonetic - 1);
      else if (name === T) inText = Math.max(0, inText - 1);
    }
  }
  return strings;
}
