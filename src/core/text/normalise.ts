/**
 * Unicode normalisation before matching, with a map back to source offsets.
 *
 * NFKC (full-width digits count), zero-width and bidi controls stripped, every dash
 * variant mapped to "-", every odd space to " ". Runs in linear time; plain text
 * (ASCII and Latin-1 letters) takes a fast path that copies runs unchanged.
 */

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

/** Characters that NFKC and our maps leave alone: copied in runs. */
function isPlain(c: number): boolean {
  return c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0x7e) || (c >= 0xc0 && c <= 0xff);
}

const NEEDS_WORK = /[^\t\n\r\x20-\x7e\xc0-\xff]/;
const COMBINING_MARK = /^\p{M}$/u;

function mapNormalisedChars(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (STRIPPED.has(c)) continue;
    out += mapDashOrSpace(c) ?? ch;
  }
  return out;
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
  let runStart = 0; // start of the current run of plain characters in source
  let i = 0;
  const n = source.length;

  const flushRun = (end: number): void => {
    if (end > runStart) {
      segments.push({ normStart: outLen, srcStart: runStart, identity: true });
      chunks.push(source.slice(runStart, end));
      outLen += end - runStart;
    }
  };

  while (i < n) {
    const c = source.charCodeAt(i);
    if (isPlain(c)) {
      i++;
      continue;
    }
    // A cluster: one code point plus its combining marks. A mark that follows a plain
    // letter takes that letter into the cluster, so "A" + U+030A composes to "Å".
    let clusterStart = i;
    const cp = source.codePointAt(i) ?? c;
    let j = i + (cp > 0xffff ? 2 : 1);
    if (COMBINING_MARK.test(String.fromCodePoint(cp)) && i > runStart && i > 0) {
      clusterStart = i - 1;
    }
    while (j < n) {
      const next = source.codePointAt(j) ?? 0;
      if (!COMBINING_MARK.test(String.fromCodePoint(next))) break;
      j += next > 0xffff ? 2 : 1;
    }
    flushRun(clusterStart);
    const mapped = mapNormalisedChars(source.slice(clusterStart, j).normalize("NFKC"));
    if (mapped.length > 0) {
      segments.push({ normStart: outLen, srcStart: clusterStart, identity: false });
      chunks.push(mapped);
      outLen += mapped.length;
    }
    i = j;
    runStart = j;
  }
  flushRun(n);
  if (segments.length === 0) segments.push({ normStart: 0, srcStart: 0, identity: true });
  return new SegmentedText(chunks.join(""), segments);
}
