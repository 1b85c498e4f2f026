/**
 * Character mappings the scanner does with its own tables instead of String.prototype.normalize:
 * classic Outlook's JavaScript-only runtime has had no ICU since Version 2406 (OfficeDev/office-js#4631),
 * and there normalize("NFKC") returns its string unchanged. With these tables the scanner gives the
 * same result in every runtime, ICU or not.
 *
 * The data is in unicode-data.ts, generated from the Unicode Character Database (Unicode 17.0)
 * by scripts/make-unicode-data.cjs; test/core/char-tables.test.ts checks it against Node's ICU.
 * What is covered:
 * - every decimal digit (General_Category=Nd, 77 scripts and styles) as its ASCII digit. NFKC
 *   leaves most of them alone (Arabic-Indic, Devanagari, Thai ...); we map them all;
 * - every NFKC compatibility form made of Latin text only (below U+0250, or Latin Extended Additional), so exactly as NFKC:
 *   full-width ASCII, superscript and subscript digits (² to 2), circled digits (① to 1),
 *   mathematical letters and digits, ligatures (ﬁ to fi), the ellipsis (… to ...), ª and º;
 * - canonical composition (NFC) of a Latin letter with the combining marks of Latin letters'
 *   decompositions (ring above, acute, diaeresis, grave, circumflex, tilde, cedilla, caron ...),
 *   and the base letter of every composed Latin letter, for term folding (é to e).
 * Not covered, so left as written: compatibility forms outside Latin (µ to Greek mu, ½ with a
 * fraction slash, CJK and Hangul compatibility characters, Arabic presentation forms), which no
 * detector reads, and compositions with marks outside the table (Vietnamese dot below and hook
 * above are in it; most others are not).
 */
import { COMPAT_RUNS, COMPAT_STRINGS, COMPOSITIONS, DIGIT_ZEROS, MARK_CLASSES } from "./unicode-data";

/** Canonical combining class of the table's marks (U+0300..U+036F), 0 for any other. */
const MARK_CLASS = new Uint8Array(0x70);
for (const [mark, ccc] of MARK_CLASSES) MARK_CLASS[mark - 0x300] = ccc;

/** The canonical combining class of `c` if it is one of the table's marks, else 0. */
export function markClass(c: number): number {
  return c >= 0x300 && c < 0x370 ? (MARK_CLASS[c - 0x300] ?? 0) : 0;
}

let compatForms: Map<number, string> | null = null;

/** Built on first use: text that is all plain never needs it. */
function buildCompatForms(): Map<number, string> {
  const forms = new Map<number, string>();
  for (const zero of DIGIT_ZEROS) {
    if (zero === 0x30) continue; // ASCII
    for (let d = 0; d < 10; d++) forms.set(zero + d, String.fromCharCode(48 + d));
  }
  for (let k = 0; k + 2 < COMPAT_RUNS.length; k += 3) {
    const first = COMPAT_RUNS[k] ?? 0;
    const last = COMPAT_RUNS[k + 1] ?? 0;
    const target = COMPAT_RUNS[k + 2] ?? 0;
    for (let c = first; c <= last; c++) forms.set(c, String.fromCharCode(target + (c - first)));
  }
  for (const [c, form] of COMPAT_STRINGS) forms.set(c, form);
  return forms;
}

/**
 * The form of code point `c` as the scanner reads it: a decimal digit of any script as its ASCII
 * digit, a Latin compatibility character as its NFKC form; undefined for any other character.
 */
export function compatibilityForm(c: number): string | undefined {
  compatForms ??= buildCompatForms();
  return compatForms.get(c);
}

/** Key of a base letter and a mark (mark - U+0300 < 0x70). */
const pairKey = (base: number, mark: number): number => base * 0x80 + (mark - 0x300);

let composed: Map<number, number> | null = null;
/** Composed letter to pairKey(base, mark). */
let decomposed: Map<number, number> | null = null;

function buildCompositions(): void {
  composed = new Map<number, number>();
  decomposed = new Map<number, number>();
  for (const [mark, pairs] of COMPOSITIONS) {
    for (let k = 0; k + 1 < pairs.length; k += 2) {
      const base = pairs.charCodeAt(k);
      const letter = pairs.charCodeAt(k + 1);
      composed.set(pairKey(base, mark), letter);
      decomposed.set(letter, pairKey(base, mark));
    }
  }
}

/** The letter `base` + `mark` compose to (NFC), or undefined when they do not compose. */
export function composePair(base: number, mark: number): number | undefined {
  if (composed === null) buildCompositions();
  return composed?.get(pairKey(base, mark));
}

/**
 * The canonical decomposition (NFD) of a composed Latin letter: its base letter, with the marks
 * appended to `marks` in order (ǻ gives a, and U+030A U+0301). A letter without one is its own base.
 */
export function decompose(c: number, marks: number[]): number {
  if (decomposed === null) buildCompositions();
  const key = decomposed?.get(c);
  if (key === undefined) return c;
  const base = decompose(Math.floor(key / 0x80), marks);
  marks.push(0x300 + (key % 0x80));
  return base;
}

/**
 * The base letter of a composed Latin letter with every mark taken off (é, ê and ế to e; Å and
 * Ǻ to A): the first character of its canonical decomposition (NFD). Other characters map to
 * themselves (ø, æ, ß and ł have no decomposition).
 */
export function baseLetter(c: number): number {
  if (decomposed === null) buildCompositions();
  let letter = c;
  for (let key = decomposed?.get(letter); key !== undefined; key = decomposed?.get(letter)) letter = Math.floor(key / 0x80);
  return letter;
}
