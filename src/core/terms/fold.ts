/**
 * Folding for term matching. Every character becomes exactly one symbol: a-z, æ, ø, å,
 * a space (whitespace or hyphen), a break (punctuation) or "other" (digits, other
 * scripts). Case and accents are dropped. The ae/oe/aa spellings are handled on the
 * term side: each term is compiled in every spelling (see `termSpellings`).
 */
import { baseLetter } from "../text/char-tables";

export const SYM_AE = 26;
export const SYM_OE = 27;
export const SYM_AA = 28;
export const SYM_SPACE = 29; // joins the words of a multi-word term
export const ALPHABET = 30; // symbols that can appear in a term
export const SYM_BREAK = 30; // ends a word
export const SYM_OTHER = 31; // part of a word, never of a term

export const FOLD_SYMBOLS_LIMIT = 0x250;

const SPECIAL: Record<string, number> = { æ: SYM_AE, ä: SYM_AE, ø: SYM_OE, ö: SYM_OE, å: SYM_AA };
const SYMBOL_CHARS = "abcdefghijklmnopqrstuvwxyzæøå";

function symbolOfChar(ch: string): number {
  const lower = ch.toLowerCase();
  const special = SPECIAL[lower];
  if (special !== undefined) return special;
  if (lower.length === 1 && lower >= "a" && lower <= "z") return lower.charCodeAt(0) - 97;
  if (ch === "-" || /\s/u.test(ch)) return SYM_SPACE;
  if (/[\p{L}\p{N}\p{M}]/u.test(ch)) {
    // Accented Latin letters fold to their base letter (é → e, ế → e, ǻ → a), from our own
    // table, not normalize("NFD"), which does nothing where there is no ICU (classic Outlook).
    // Letters without a decomposition (ß, ð, þ, ł, đ) are "other", as they were with NFD.
    const base = baseLetter(lower.charCodeAt(0));
    return base >= 97 && base <= 122 ? base - 97 : SYM_OTHER;
  }
  return SYM_BREAK;
}

/** One symbol per code unit below FOLD_SYMBOLS_LIMIT; the matcher's hot loop reads this table. */
export const FOLD_SYMBOLS: Int8Array = Int8Array.from({ length: FOLD_SYMBOLS_LIMIT }, (_, c) => symbolOfChar(String.fromCharCode(c)));

export function symbolOf(c: number): number {
  return c < FOLD_SYMBOLS_LIMIT ? (FOLD_SYMBOLS[c] ?? SYM_BREAK) : symbolOfChar(String.fromCharCode(c));
}

/** The letter a symbol stands for ("" for space, break and other). */
export function charOfSymbol(sym: number): string {
  return SYMBOL_CHARS.charAt(sym);
}

/** A canonical folded spelling (æ → ae, ø → oe, å → aa), for comparing terms in the policy. */
export function foldTerm(s: string): string {
  let out = "";
  let lastSpace = true;
  for (let i = 0; i < s.length; i++) {
    const sym = symbolOf(s.charCodeAt(i));
    if (sym === SYM_SPACE || sym === SYM_BREAK) {
      if (!lastSpace) out += " ";
      lastSpace = true;
      continue;
    }
    lastSpace = false;
    out += sym === SYM_AE ? "ae" : sym === SYM_OE ? "oe" : sym === SYM_AA ? "aa" : sym === SYM_OTHER ? "#" : charOfSymbol(sym);
  }
  return out.trimEnd();
}

/** The ae/oe/aa letter pairs and the single letter each may also be written as: [first, second, single]. */
const PAIRS: readonly (readonly [number, number, number])[] = [
  [0, 4, SYM_AE], // a e
  [14, 4, SYM_OE], // o e
  [0, 0, SYM_AA], // a a
];
const MAX_SPELLINGS = 32;

/**
 * Every spelling of a term as symbols: "kræft" gives kræft and kraeft; "foraeldre" gives
 * foraeldre and forældre; "aae" gives aae, aæ and åe: every symbol string that folds to the
 * same letters. The spelling as written comes first; at most MAX_SPELLINGS. Runs of spaces and
 * breaks inside a term become one space. Returns [] for a term with characters no text symbol
 * can match.
 */
export function termSpellings(term: string): number[][] {
  const written: number[] = [];
  for (let i = 0; i < term.length; i++) {
    const sym = symbolOf(term.charCodeAt(i));
    if (sym === SYM_OTHER) return [];
    const s = sym === SYM_BREAK ? SYM_SPACE : sym;
    if (s === SYM_SPACE && (written.length === 0 || written[written.length - 1] === SYM_SPACE)) continue;
    written.push(s);
  }
  while (written[written.length - 1] === SYM_SPACE) written.pop();
  if (written.length === 0) return [];
  // The letters with æ, ø, å written out; each spelling is one way to read them as symbols.
  const letters: number[] = [];
  for (let i = 0; i < written.length; i++) {
    const sym = written[i] ?? 0;
    let pair: readonly [number, number, number] | undefined;
    for (let p = 0; p < PAIRS.length && pair === undefined; p++) if (PAIRS[p]?.[2] === sym) pair = PAIRS[p];
    if (pair === undefined) letters.push(sym);
    else letters.push(pair[0], pair[1]);
  }
  const spellings: number[][] = [written];
  const sameAsWritten = (s: readonly number[]): boolean => {
    if (s.length !== written.length) return false;
    for (let k = 0; k < s.length; k++) if (s[k] !== written[k]) return false;
    return true;
  };
  const path: number[] = [];
  // Depth first. Every partial reading can be completed, so the search stops after
  // MAX_SPELLINGS leaves, never walking the exponential rest (a long run of "ae" pairs).
  const walk = (at: number): void => {
    if (spellings.length >= MAX_SPELLINGS) return;
    if (at === letters.length) {
      if (!sameAsWritten(path)) spellings.push(path.slice());
      return;
    }
    const depth = path.length;
    path.push(letters[at] ?? 0);
    walk(at + 1);
    path.length = depth;
    const next = letters[at + 1];
    for (let p = 0; p < PAIRS.length; p++) {
      const pair = PAIRS[p];
      if (pair !== undefined && letters[at] === pair[0] && next === pair[1]) {
        path.push(pair[2]);
        walk(at + 2);
        path.length = depth;
      }
    }
  };
  walk(0);
  return spellings;
}
