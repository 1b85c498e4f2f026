/**
 * Unicode normalisation before matching, with a map back to source offsets.
 *
 * Decimal digits of every script as ASCII digits, NFKC for every compatibility character whose
 * form is Latin text (full-width digits and letters count), Latin letters composed with their
 * combining marks as NFC does, zero-width and bidi controls stripped, every dash variant mapped
 * to "-", every odd space to " ". All of it from our own tables (char-tables.ts), never from
 * String.prototype.normalize: classic Outlook's JavaScript-only runtime has no ICU, and there
 * normalize returns its string unchanged. Runs in linear time; plain text (ASCII and Latin-1
 * letters) takes a fast path that copies runs unchanged, and so does text no table maps.
 */
import { compatibilityForm, composePair, decompose, markClass } from "./char-tables";

export interface NormalisedText {
  /** The normalised text that detectors run on. */
  readonly text: string;
  /** Offset in the source string of the character at `index` in `text`. */
  sourceOffset(index: number): number;
}

const STRIPPED = new Set<number>([
  0x00ad, // soft hyphen
  0x180e,
  0x200b, 0x200c, 0x200d, // zero-width space / non-joiner / joiner
  0x200e, 0x200f, // LRM, RLM
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, // bidi embeddings and overrides
  0x2060, 0x2061, 0x2062, 0x2063, 0x2064, // word joiner, invisible operators
  0x2066, 0x2067, 0x2068, 0x2069, // bidi isolates
  0xfeff, // BOM / zero-width no-break space
]);

function mapDashOrSpace(c: number): string | null {
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d || c === 0x2e3a || c === 0x2e3b) {
    return "-";
  }
  if (c === 0x00a0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000) {
    return " ";
  }
  if (c === 0x2028 || c === 0x2029 || c === 0x0085) return "\n";
  return null;
}

/** Characters our maps leave alone: copied in runs. */
function isPlain(c: number): boolean {
  return c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0x7e) || (c >= 0xc0 && c <= 0xff);
}

const NEEDS_WORK = /[^\t\n\r\x20-\x7e\xc0-\xff]/;

/** The form of one code point: "" when stripped, null when it stays as it is. */
function mapCodePoint(c: number): string | null {
  if (STRIPPED.has(c)) return "";
  return mapDashOrSpace(c) ?? compatibilityForm(c) ?? null;
}

/**
 * `head` (a mapped character, or "" for marks with no letter before them) with the marks
 * source[from, to) composed into its last character as NFC does: the letter decomposed, its
 * marks and these put in canonical order, then composed again.
 */
function composeCluster(head: string, source: string, from: number, to: number): string {
  const lastUnit = head.charCodeAt(head.length - 1); // NaN for ""
  const astral = lastUnit >= 0xdc00 && lastUnit <= 0xdfff && head.length >= 2;
  const marks: number[] = [];
  const base = head.length === 0 ? -1 : decompose(astral ? (head.codePointAt(head.length - 2) ?? lastUnit) : lastUnit, marks);
  for (let k = from; k < to; k++) {
    const m = source.charCodeAt(k);
    let at = marks.length;
    while (at > 0 && markClass(marks[at - 1] ?? 0) > markClass(m)) at--;
    marks.splice(at, 0, m);
  }
  if (base < 0) return String.fromCharCode(...marks);
  let starter = base;
  let left = "";
  let leftClass = 0;
  for (const m of marks) {
    const k = markClass(m);
    // A mark is blocked from the letter by a mark of the same class left uncomposed before it.
    const letter = left.length > 0 && leftClass >= k ? undefined : composePair(starter, m);
    if (letter !== undefined) {
      starter = letter;
    } else {
      left += String.fromCharCode(m);
      leftClass = k;
    }
  }
  return head.slice(0, head.length - (astral ? 2 : 1)) + String.fromCodePoint(starter) + left;
}

interface Segment {
  readonly normStart: number;
  readonly srcStart: number;
  /** Identity segments map one to one; transformed clusters map every output char to the cluster's start. */
  readonly identity: boolean;
}

class SegmentedText implements NormalisedText {
  constructor(
    readonly text: string,
    private readonly segments: readonly Segment[],
  ) {}

  sourceOffset(index: number): number {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const seg = segs[mid];
      if (seg !== undefined && seg.normStart <= index) lo = mid;
      else hi = mid - 1;
    }
    const seg = segs[lo];
    if (seg === undefined) return index;
    return seg.identity ? seg.srcStart + (index - seg.normStart) : seg.srcStart;
  }
}

export function normaliseText(source: string): NormalisedText {
  if (!NEEDS_WORK.test(source)) {
    return new SegmentedText(source, [{ normStart: 0, srcStart: 0, identity: true }]);
  }
  const chunks: string[] = [];
  const segments: Segment[] = [];
  let outLen = 0;
  let runStart = 0; // start of the current run of characters copied as they are
  let i = 0;
  const n = source.length;

  /** Appends `text` for source[srcStart, srcEnd): one to one when both are one character. */
  const append = (srcStart: number, srcEnd: number, text: string, identity: boolean): void => {
    runStart = srcEnd;
    if (text.length === 0) return;
    const last = segments[segments.length - 1];
    // Continues the last one-to-one segment: a full-width number is one segment, not ten.
    if (!(identity && last?.identity === true && last.srcStart - last.normStart === srcStart - outLen)) {
      segments.push({ normStart: outLen, srcStart, identity });
    }
    chunks.push(text);
    outLen += text.length;
  };
  const flushRun = (end: number): void => {
    if (end > runStart) append(runStart, end, source.slice(runStart, end), true);
  };

  while (i < n) {
    const c = source.charCodeAt(i);
    if (isPlain(c)) {
      i++;
      continue;
    }
    // A cluster: one code point and the table's combining marks after it. A mark that follows
    // a plain letter takes that letter into the cluster, so "A" + U+030A composes to "Å".
    let start = i;
    let end: number;
    let mapped: string | null;
    if (markClass(c) !== 0) {
      end = i;
      if (i > runStart) {
        start = i - 1;
        mapped = source.charAt(start);
      } else {
        mapped = ""; // marks at the very start: no letter to compose with
      }
    } else {
      const cp = source.codePointAt(i) ?? c;
      end = i + (cp > 0xffff ? 2 : 1);
      mapped = mapCodePoint(cp);
      if (end === n || markClass(source.charCodeAt(end)) === 0) {
        // One code point, no marks: the common case.
        if (mapped !== null) {
          flushRun(start);
          append(start, end, mapped, mapped.length === 1 && end - start === 1);
        }
        i = end;
        continue;
      }
      mapped ??= source.slice(i, end);
    }
    const marksFrom = end;
    while (end < n && markClass(source.charCodeAt(end)) !== 0) end++;
    const composed = composeCluster(mapped, source, marksFrom, end);
    if (composed !== source.slice(start, end)) {
      flushRun(start);
      append(start, end, composed, false);
    }
    i = end;
  }
  flushRun(n);
  if (segments.length === 0) segments.push({ normStart: 0, srcStart: 0, identity: true });
  return new SegmentedText(chunks.join(""), segments);
}
