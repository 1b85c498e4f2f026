/**
 * Sensitive-term matching with an Aho-Corasick automaton over folded letters: one pass,
 * linear in the text, whatever the number of terms. Word boundaries, Danish inflection
 * and compounds are checked only for the rare candidate hits, when the word ends.
 */
import { ALPHABET, FOLD_SYMBOLS, FOLD_SYMBOLS_LIMIT, SYM_BREAK, SYM_OTHER, SYM_SPACE, charOfSymbol, foldTerm, symbolOf, termSpellings } from "./fold";
import type { Lexicon, TermEntry, TermMatchMode } from "./lexicon";

/**
 * Regular Danish noun endings (definite, plural, genitive) a term may take without being
 * listed. Verb forms are not here ("misbrugt" is also "password misused"): list them as forms.
 */
const INFLECTIONS = new Set([
  "", "e", "en", "er", "erne", "et", "ene", "es", "s", "ens", "ers", "ernes", "ets",
  "n", "r", "rne", "rnes", "ne", "nes", "ns", "rs",
]);
/** A compound part before or after a term must be at least this long. */
const MIN_COMPOUND_PART = 3;
/** Longer "words" (base64, hex dumps) are not language; candidates inside them are dropped. */
const MAX_WORD = 64;
const MAX_TERM_SYMBOLS = 60;

export interface TermMatch {
  /** Offsets of the whole word or words holding the term (a compound counts whole). */
  readonly start: number;
  readonly end: number;
  /** The lexicon's base term. */
  readonly term: string;
  readonly category: string;
  readonly lang: string;
  readonly weight: number;
  /** "category/term": the same for every match of one lexicon entry (a finding's identity). */
  readonly key: string;
}

interface Pattern {
  readonly entry: TermEntry;
  readonly key: string;
  readonly length: number; // in symbols
  readonly mode: TermMatchMode;
  readonly weight: number;
  readonly inflect: boolean;
}

interface Pending {
  readonly pattern: Pattern;
  /** Symbols of the current word read when the term ended. */
  readonly wordOffset: number;
}

export class TermDetector {
  private readonly goto: Int32Array;
  private readonly outputs: (readonly Pattern[] | undefined)[];
  /** 1 where a state has outputs: the hot loop reads this typed array, not the object array. */
  private readonly hasOutput: Uint8Array;
  readonly patternCount: number;

  // Built on every send in classic Outlook (a fresh runtime each time): plain index loops, no
  // for-of or spreads, which the ES2016 handler bundle turns into helper calls.
  constructor(lexicon: Lexicon) {
    const weights = new Map<string, number>();
    for (let c = 0; c < lexicon.categories.length; c++) {
      const category = lexicon.categories[c];
      if (category !== undefined) weights.set(category.id, category.weight);
    }
    const patterns: { symbols: number[]; pattern: Pattern }[] = [];
    const seen = new Set<string>();
    const terms = lexicon.terms;
    for (let t = 0; t < terms.length; t++) {
      const entry = terms[t] as TermEntry;
      const weight = entry.weight ?? weights.get(entry.category) ?? 1;
      const forms = entry.forms ?? [];
      for (let f = -1; f < forms.length; f++) {
        const spellings = termSpellings(f < 0 ? entry.term : (forms[f] ?? ""));
        for (let k = 0; k < spellings.length; k++) {
          const symbols = spellings[k] ?? [];
          const key = `${symbols.join(",")}/${entry.category}`;
          if (symbols.length > MAX_TERM_SYMBOLS || seen.has(key)) continue;
          seen.add(key);
          patterns.push({ symbols, pattern: { entry, key: `${entry.category}/${entry.term}`, length: symbols.length, mode: entry.match ?? "compound", weight, inflect: entry.inflect ?? true } });
        }
      }
    }
    this.patternCount = patterns.length;

    // Trie, then breadth-first failure links folded into a full transition table. The trie's
    // children are in the same table (0: none yet; the root is never a child).
    let go = new Int32Array(Math.max(1, patterns.length * 8) * ALPHABET);
    let states = 1;
    const out: (Pattern[] | undefined)[] = [];
    for (let p = 0; p < patterns.length; p++) {
      const { symbols, pattern } = patterns[p] as (typeof patterns)[number];
      let s = 0;
      for (let k = 0; k < symbols.length; k++) {
        const at = s * ALPHABET + (symbols[k] ?? 0);
        let next = go[at] ?? 0;
        if (next === 0) {
          next = states++;
          if (states * ALPHABET > go.length) {
            const grownGo = new Int32Array(go.length * 2);
            grownGo.set(go);
            go = grownGo;
          }
          go[at] = next;
        }
        s = next;
      }
      const list = out[s];
      if (list === undefined) out[s] = [pattern];
      else list.push(pattern);
    }
    go = go.slice(0, states * ALPHABET);
    const fail = new Int32Array(states);
    const queue = new Int32Array(states);
    let tail = 0;
    for (let a = 0; a < ALPHABET; a++) {
      const child = go[a] ?? 0;
      if (child !== 0) queue[tail++] = child;
    }
    for (let head = 0; head < tail; head++) {
      const s = queue[head] ?? 0;
      const f = fail[s] ?? 0;
      const inherited = out[f];
      if (inherited !== undefined) {
        const own = out[s];
        out[s] = own === undefined ? inherited : own.concat(inherited);
      }
      const row = s * ALPHABET;
      const failRow = f * ALPHABET;
      for (let a = 0; a < ALPHABET; a++) {
        const child = go[row + a] ?? 0;
        if (child !== 0) {
          fail[child] = go[failRow + a] ?? 0;
          queue[tail++] = child;
        } else {
          go[row + a] = go[failRow + a] ?? 0;
        }
      }
    }
    // States are stored as row offsets (state × ALPHABET), so the hot loop does one add per step.
    for (let k = 0; k < go.length; k++) go[k] = (go[k] ?? 0) * ALPHABET;
    this.goto = go;
    this.outputs = [];
    this.hasOutput = new Uint8Array(go.length);
    for (let s = 0; s < states; s++) {
      const o = out[s];
      if (o === undefined) continue;
      this.outputs[s * ALPHABET] = o;
      this.hasOutput[s * ALPHABET] = 1;
    }
  }

  /**
   * The term matches in text order. `firstOfEach`: only the first match of each lexicon entry
   * (key), which is all a scan keeps of a part; a case list repeats its terms in every row, and
   * tens of thousands of matches it would drop are then never made.
   */
  find(text: string, firstOfEach = false): TermMatch[] {
    const emitted = firstOfEach ? new Set<string>() : null;
    // Module-level constants are copied to locals: compiled imports are property loads.
    const go = this.goto;
    const outputs = this.outputs;
    const hasOutput = this.hasOutput;
    const fold = FOLD_SYMBOLS;
    const limit = FOLD_SYMBOLS_LIMIT;
    const BREAK = SYM_BREAK;
    const SPACE = SYM_SPACE;
    const OTHER = SYM_OTHER;
    const found: TermMatch[] = [];
    let state = 0; // a state's row offset in `go` (state number × ALPHABET)
    let wordStart = -1; // source offset of the current word, -1 between words
    let lastWasSpace = true;
    let pending: Pending[] | null = null;

    // The current word's length is i - wordStart: each code unit is one symbol, so nothing
    // per letter is stored; accept() folds the word's letters again for its rare candidates.
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const sym = c < limit ? (fold[c] ?? BREAK) : symbolOf(c);
      if (sym >= SPACE && sym !== OTHER) {
        if (wordStart >= 0) {
          if (pending !== null) {
            this.accept(text, pending, wordStart, i, found, emitted);
            pending = null;
          }
          wordStart = -1;
        }
        if (sym === BREAK) {
          state = 0;
          lastWasSpace = true;
        } else if (!lastWasSpace) {
          // A run of spaces is one symbol.
          lastWasSpace = true;
          state = go[state + SPACE] ?? 0;
        }
        continue;
      }
      if (wordStart < 0) {
        wordStart = i;
        lastWasSpace = false;
      }
      if (i - wordStart >= MAX_WORD) {
        // Not language (base64, hex): nothing in it can match, so stop following it.
        pending = null;
        state = 0;
        continue;
      }
      if (sym === OTHER) {
        state = 0;
        continue;
      }
      state = go[state + sym] ?? 0;
      if (hasOutput[state] === 0) continue;
      pending ??= [];
      const hits = outputs[state] ?? [];
      const wordOffset = i - wordStart + 1;
      for (let k = 0; k < hits.length; k++) pending.push({ pattern: hits[k] as Pattern, wordOffset });
    }
    if (wordStart >= 0 && pending !== null) {
      this.accept(text, pending, wordStart, n, found, emitted);
    }
    return found;
  }

  /** Checks word boundaries, inflection and compounds for the candidates of one word. */
  private accept(
    text: string,
    pending: readonly Pending[],
    wordStart: number,
    wordEnd: number,
    found: TermMatch[],
    emitted: Set<string> | null,
  ): void {
    const wordLen = wordEnd - wordStart;
    const accepted: { p: Pending; from: number; to: number }[] = [];
    for (let k = 0; k < pending.length; k++) {
      const p = pending[k] as Pending;
      const { mode, length } = p.pattern;
      // Symbols of the match inside this word; a multi-word term began in an earlier word.
      const from = p.wordOffset - Math.min(length, p.wordOffset);
      const multiWord = length > p.wordOffset;
      const atWordStart = multiWord ? startsWord(text, wordStart, length - p.wordOffset) : from === 0;
      const leftOk = atWordStart || (!multiWord && (mode === "compound" || mode === "tail") && from >= MIN_COMPOUND_PART);
      if (!leftOk) continue;
      const restLen = wordLen - p.wordOffset;
      const rightOk =
        (restLen === 0 ? true : p.pattern.inflect && restLen <= 5 && INFLECTIONS.has(lettersOf(text, wordStart + p.wordOffset, wordEnd))) ||
        ((mode === "compound" || mode === "head") && restLen >= MIN_COMPOUND_PART);
      if (!rightOk) continue;
      accepted.push({ p, from: multiWord ? -1 : from, to: p.wordOffset });
    }
    for (let k = 0; k < accepted.length; k++) {
      const a = accepted[k] as (typeof accepted)[number];
      // A term inside a longer accepted term of the same word ("misbrug" in "alkoholmisbrug") adds nothing.
      if (accepted.some((b) => b !== a && b.from <= a.from && b.to >= a.to && b.to - b.from > a.to - a.from)) continue;
      const { entry: e, key } = a.p.pattern;
      if (emitted !== null) {
        if (emitted.has(key)) continue;
        emitted.add(key);
      }
      const start = a.from < 0 ? wordStartBefore(text, wordStart, a.p.pattern.length - a.p.wordOffset) : wordStart;
      found.push({ start, end: wordEnd, term: e.term, category: e.category, lang: e.lang, weight: a.p.pattern.weight, key });
    }
  }
}

/** 1 for a letter, 0 for a break, -1 for a space. */
function symbolWidth(c: number): number {
  const sym = symbolOf(c);
  return sym === SYM_BREAK ? 0 : sym === SYM_SPACE ? -1 : 1;
}

/**
 * Walks back from the start of the current word over `symbols` symbols of earlier words
 * (a run of spaces is one symbol). Returns the source offset where they begin, or -1 when
 * a break interrupts them. Runs only for multi-word hits, which are rare.
 */
function walkBack(text: string, wordStart: number, symbols: number): number {
  let left = symbols;
  let i = wordStart - 1;
  let inSpace = false;
  while (i >= 0 && left > 0) {
    const w = symbolWidth(text.charCodeAt(i));
    if (w === 0) return -1;
    if (w === -1) {
      if (!inSpace) left--;
      inSpace = true;
    } else {
      inSpace = false;
      left -= w;
    }
    if (left > 0) i--;
  }
  return left === 0 ? i : -1;
}

function wordStartBefore(text: string, wordStart: number, symbols: number): number {
  const at = walkBack(text, wordStart, symbols);
  return at < 0 ? wordStart : at;
}

/** True when the earlier words of a multi-word hit begin at a word boundary. */
function startsWord(text: string, wordStart: number, symbols: number): boolean {
  const at = walkBack(text, wordStart, symbols);
  if (at < 0) return false;
  return at === 0 || symbolWidth(text.charCodeAt(at - 1)) <= 0;
}

/** The folded letters of text[from, to): "#" for other symbols. */
function lettersOf(text: string, from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i++) {
    const sym = symbolOf(text.charCodeAt(i));
    s += sym === SYM_OTHER ? "#" : charOfSymbol(sym);
  }
  return s;
}

export { foldTerm };
