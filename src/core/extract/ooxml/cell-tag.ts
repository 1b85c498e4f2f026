/**
 * A worksheet cell tag's type (t="…") and style (s="…"), read from the part's bytes as
 * attrValue reads them from the decoded attribute text. Both come back in one number (see
 * cellInfo), so nothing is handed over through shared variables.
 */
import { decodeXmlEntities } from "../xml-scan";
import { bytesAt, findByte, hasByte, smallInt, textOf } from "./xml-bytes";

export const TYPE_NUMBER = 1;
export const TYPE_SHARED = 2;
export const TYPE_INLINE = 3;
export const TYPE_OTHER = 4;

/** Type and style as one number: the type below 8, style + 1 times 8 above it. */
function cellInfo(type: number, style: number): number {
  return (style + 1) * 8 + type;
}

export function typeOfCell(info: number): number {
  return info % 8;
}

export function styleOfCell(info: number): number {
  return (info - (info % 8)) / 8 - 1;
}

/**
 * A style as cellInfo can hold it. Only a whole number from 0 up can be a style index (the
 * sheet looks styles up in a map of them): any other value finds nothing, as -1 finds nothing.
 */
function styleIndex(style: number): number {
  return Number.isInteger(style) && style >= 0 && style < 2 ** 40 ? style + 0 : -1;
}

/** Longest simple cell tag (its attribute bytes) simpleCellTag reads; a longer one is read by cellAttrs. */
const SIMPLE_TAG_MAX = 1024;

/** Where the ">" of a simple cell tag (simpleCellTag's result, read from `from`) is. */
export function simpleTagEnd(tag: number, from: number): number {
  return from + (tag % SIMPLE_TAG_MAX);
}

/** The cellInfo of a simple cell tag (simpleCellTag's result). */
export function simpleTagInfo(tag: number): number {
  return (tag - (tag % SIMPLE_TAG_MAX)) / SIMPLE_TAG_MAX;
}

/**
 * The usual cell tag, `<c r="A1" s="2" t="s">`, read in one pass from `from` (after "<c "): only
 * the one-letter attributes r, s and t, each once, with double-quoted values holding no space,
 * colon, quote, "&", "<" or ">" (so no attribute name can hide in a value). Returns its type,
 * style (when `styled`) and where its ">" is, as one number (simpleTagInfo, simpleTagEnd); or -1
 * for any other tag, which cellAttrs then reads the general way. Both give the same for such a tag.
 */
export function simpleCellTag(xml: Uint8Array, from: number, styled: boolean): number {
  const n = xml.length;
  let type = TYPE_NUMBER;
  let style = -1;
  let typeSeen = false;
  let styleSeen = false;
  let p = from;
  for (;;) {
    const name = xml[p];
    if ((name !== 114 && name !== 115 && name !== 116) || xml[p + 1] !== 61 || xml[p + 2] !== 34) return -1;
    const v = p + 3;
    let e = v;
    for (; e < n; e++) {
      const b = xml[e] ?? 0;
      if (b === 34) break;
      if (b === 32 || b === 9 || b === 10 || b === 13 || b === 58 || b === 39 || b === 38 || b === 60 || b === 62) return -1;
    }
    if (e >= n) return -1;
    if (name === 116 /* t */) {
      if (typeSeen) return -1;
      typeSeen = true;
      type = typeOf(xml, v, e);
    } else if (name === 115 /* s */) {
      if (styleSeen) return -1;
      styleSeen = true;
      if (styled) {
        style = smallInt(xml, v, e);
        if (style < 0) return -1;
      }
    }
    const after = xml[e + 1];
    if (after === 62 /* > */) {
      const length = e + 1 - from;
      return length < SIMPLE_TAG_MAX ? cellInfo(type, style) * SIMPLE_TAG_MAX + length : -1;
    }
    if (after !== 32) return -1;
    p = e + 2;
  }
}

const NOT_HERE = -1;
const NO_VALUE = -2;

/**
 * Whether a one-letter attribute name at `at` (inside the tag's attribute bytes [from, to)) is
 * attrValue's match: the start of its raw (undecoded) value, which ends at the next of the
 * quote before it; NOT_HERE when attrValue would search on; NO_VALUE when it would give up (no
 * closing quote). Every search stays inside the tag.
 */
function valueAt(xml: Uint8Array, from: number, to: number, at: number): number {
  if (at !== from) {
    const b = xml[at - 1];
    if (b !== 32 && b !== 9 && b !== 10 && b !== 13 && b !== 58) return NOT_HERE;
  }
  let i = at + 1;
  while (i < to && xml[i] === 32) i++;
  if (i >= to || xml[i] !== 61 /* = */) return NOT_HERE;
  i++;
  while (i < to && xml[i] === 32) i++;
  if (i >= to) return NOT_HERE;
  const q = xml[i];
  if (q !== 34 && q !== 39) return NOT_HERE;
  return hasByte(xml, q, i + 1, to) ? i + 1 : NO_VALUE;
}

/** Where the value valueAt found at `v` ends (its closing quote). */
function valueEnd(xml: Uint8Array, v: number): number {
  return findByte(xml, xml[v - 1] ?? 0, v);
}

/**
 * A cell tag's cellInfo: attrValue's "t" and, when `styled`, "s" found in one pass over the
 * attribute bytes [from, to).
 */
export function cellAttrs(xml: Uint8Array, from: number, to: number, styled: boolean): number {
  let type = TYPE_NUMBER;
  let style = -1;
  let typeDone = false;
  let styleDone = !styled;
  for (let at = from; at < to && !(typeDone && styleDone); at++) {
    const b = xml[at];
    if (b === 116 /* t */ && !typeDone) {
      const v = valueAt(xml, from, to, at);
      if (v === NOT_HERE) continue;
      typeDone = true;
      if (v >= 0) type = typeOf(xml, v, valueEnd(xml, v));
    } else if (b === 115 /* s */ && !styleDone) {
      const v = valueAt(xml, from, to, at);
      if (v === NOT_HERE) continue;
      styleDone = true;
      if (v >= 0) {
        const end = valueEnd(xml, v);
        const quick = smallInt(xml, v, end);
        style = quick >= 0 ? quick : Number(decodeXmlEntities(textOf(xml, v, end)));
      }
    }
  }
  return cellInfo(type, styleIndex(style));
}

/** The cell type a raw t="…" value [at, end) names. */
function typeOf(xml: Uint8Array, at: number, end: number): number {
  if (!hasByte(xml, 38 /* & */, at, end)) {
    const len = end - at;
    if (len === 1) {
      const c = xml[at];
      return c === 115 ? TYPE_SHARED : c === 110 ? TYPE_NUMBER : TYPE_OTHER;
    }
    return len === 9 && bytesAt(xml, at, "inlineStr") ? TYPE_INLINE : TYPE_OTHER;
  }
  const t = decodeXmlEntities(textOf(xml, at, end));
  return t === "s" ? TYPE_SHARED : t === "n" ? TYPE_NUMBER : t === "inlineStr" ? TYPE_INLINE : TYPE_OTHER;
}
