/**
 * Sensitive-term matching with an Aho-Corasick automaton over folded letters: one pass,
 * linear in the text, whatever the number of terms. Word boundaries, Danish inflection
 * and compounds are checked only for the rare candidate hits, when the word ends.
 */
import { ALPHABET, FOLD_SYMBOLS, FOLD_SYMBOLS_LIMIT, SYM_BREAK, SYM_OTHER, SYM_SPACE, charOfSymbol, foldTerm, symbolOf, termSpellings } from "./fold";
import type { Lexicon, PersonAnchors, TermAbout, TermEntry, TermMatchMode } from "./lexicon";

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
/**
 * A term is about a person when a third-person reference or a name ("hun", "borgeren", "Mette")
 * stands at most this many words before or after it on the same line: across a full stop ("…og
 * lammelse. Hun skal have…"), so about one sentence of Danish prose either way, but not across a
 * line break, so a greeting or a signature on its own line does not reach into the body.
 */
export const ANCHOR_WINDOW_WORDS = 15;
/**
 * The reader ("du", "din", "your") ties a term only this close, in the same sentence: "din
 * diagnose", "du er sygemeldt", not a job advert's "du skal arbejde med borgere med demens".
 */
export const ADDRESSEE_WINDOW_WORDS = 4;
/** How far after "født", "f." or "born" a date of birth is looked for (characters). */
const BIRTH_DATE_REACH = 32;
const BIRTH_DATE = /^\s*[.:]?\s*(?:den\s+|d\.\s*|on\s+)?(?:\d{1,2}\s*[./-]?\s*(?:\d{1,2}|[a-zæøå]{3,9})\s*[./-]?\s*(?:\d{4}|\d{2})|(?:i\s+|in\s+)?(?:19|20)\d{2})(?!\d)/i;

/** What a pattern is: a lexicon term, or one of the words that tie a term to a person. */
const KIND_TERM = 0;
const KIND_REFERENCE = 1;
const KIND_NAME = 2;
const KIND_BIRTH = 3;
const KIND_ADDRESSEE = 4;

/** A lexicon entry's identity, shared by all its matches: "category/term". */
export function termKey(category: string, term: string): string {
  return `${category}/${term}`;
}

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
  /**
   * Only when the detector was given person anchors: what ties the term to a person in this text
   * (the nearest reference or name, or a date of birth), or "topic" when nothing does. With
   * firstOfEach, the first match of an entry carries the tie of any of its matches.
   */
  readonly about?: TermAbout;
}

interface MutableMatch {
  start: number;
  end: number;
  term: string;
  category: string;
  lang: string;
  weight: number;
  key: string;
  about?: TermAbout;
}

/** The last person anchor of one kind: where it stands, and what it says once it ties a term. */
interface LastAnchor {
  word: number;
  /** A possessive addressee ("din", "your"): ties only a term right after it. */
  possessive: boolean;
  sentence: number;
  line: number;
  kind: number;
  /** As the anchor list spells it. */
  spelling: string;
  /** Made when it first ties a term (most anchors tie none). */
  about: TermAbout | null;
}

/** The anchor state of one find() call: plain numbers, so candidates cost no allocation. */
interface AnchorState {
  /** The last third-person reference or name, and the last addressee word (word -1: none yet). */
  readonly reference: LastAnchor;
  readonly addressee: LastAnchor;
  birth: TermAbout | null;
  /** The first third-person reference in the text ("hun", "borgeren"), for the mail's subject. */
  firstReference: TermAbout | null;
  /** Term matches a reference may still tie, with their places, oldest first. */
  readonly waiting: MutableMatch[];
  readonly waitWord: number[];
  readonly waitSentence: number[];
  readonly waitLine: number[];
  /** firstOfEach: the one match of each key. */
  readonly byKey: Map<string, MutableMatch> | null;
}

const noAnchor = (): LastAnchor => ({ word: -1, possessive: false, sentence: -1, line: -1, kind: 0, spelling: "", about: null });

function aboutOf(a: LastAnchor): TermAbout {
  a.about ??= a.kind === KIND_NAME ? { kind: "name" } : { kind: "reference", word: a.spelling };
  return a.about;
}

/** Whether a reference or name at word `a` on line `aLine` ties a term at word `b` on `bLine` (either order). */
function tiedByReference(a: number, aLine: number, b: number, bLine: number): boolean {
  return a >= 0 && aLine === bLine && Math.abs(b - a) <= ANCHOR_WINDOW_WORDS;
}

/** How far after a possessive ("din diagnose", "din ansøgning om boligstøtte") the term may stand, in words. */
export const POSSESSIVE_WINDOW_WORDS = ADDRESSEE_WINDOW_WORDS;

/**
 * Whether the addressee word at `a` in sentence `aSentence` ties a term at `b` in `bSentence`
 * (the anchor first, whichever stands first in the text); a possessive only a term after it
 * ("din diagnose", not "demens … your care").
 */
function tiedByAddressee(a: number, aSentence: number, b: number, bSentence: number, possessive: boolean): boolean {
  if (a < 0 || aSentence !== bSentence) return false;
  return possessive ? b > a && b - a <= POSSESSIVE_WINDOW_WORDS : Math.abs(b - a) <= ADDRESSEE_WINDOW_WORDS;
}

/** Where the word after `from` ends (spaces skipped; `from` at a break or the end). Reads at most 28 characters. */
function nextWordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && i - from < 4 && symbolOf(text.charCodeAt(i)) === SYM_SPACE) i++;
  const begin = i;
  while (i < text.length && i - begin < 24 && symbolOf(text.charCodeAt(i)) < SYM_SPACE) i++;
  return i;
}

/** The word after `from`, lower case; "" at a break or the end. */
function nextWordAt(text: string, from: number): string {
  return text.slice(from, nextWordEnd(text, from)).trim().toLowerCase();
}

/** The word before `to` (spaces skipped), lower case; "" at a break or the start. Reads at most 24 characters. */
function previousWordAt(text: string, to: number): string {
  let i = to;
  while (i > 0 && to - i < 4 && symbolOf(text.charCodeAt(i - 1)) === SYM_SPACE) i--;
  const end = i;
  while (i > 0 && end - i < 24 && symbolOf(text.charCodeAt(i - 1)) < SYM_SPACE) i--;
  return text.slice(i, end).toLowerCase();
}

interface Pattern {
  readonly entry: TermEntry;
  readonly key: string;
  readonly length: number; // in symbols
  readonly mode: TermMatchMode;
  readonly weight: number;
  readonly inflect: boolean;
  readonly kind: number;
  /** A last word with digits the text must continue with ("3F" in "medlem af 3F"), folded. */
  readonly follow: string;
}

interface Pending {
  readonly pattern: Pattern;
  /** Symbols of the current word read when the term ended. */
  readonly wordOffset: number;
}

const ANCHOR_ENTRY: TermEntry = { term: "", category: "", lang: "" };

/** Splits off a last word that holds digits, which no pattern symbol can match: ["medlem af", "3f"]. */
function splitFollow(term: string): [string, string] {
  const m = /^(.*\S)\s+(\S*\d\S*)$/u.exec(term.trim());
  return m === null ? [term, ""] : [m[1] ?? "", foldTerm(m[2] ?? "")];
}

export class TermDetector {
  private readonly goto: Int32Array;
  private readonly outputs: (readonly Pattern[] | undefined)[];
  /**
   * Per state: 1 where terms end, 2 where person anchors end (both can): the hot loop reads this
   * typed array, not the object arrays. Anchors begin with a space symbol, so one that ends where
   * a word ends is that whole word: the loop only notes where the last one ended, never makes it
   * a candidate.
   */
  private readonly hasOutput: Uint8Array;
  private readonly anchorOutputs: (readonly Pattern[] | undefined)[];
  readonly patternCount: number;

  // Built on every send in classic Outlook (a fresh runtime each time): plain index loops, no
  // for-of or spreads, which the ES2016 handler bundle turns into helper calls.
  /** Whether matches say what ties them to a person (the detector was given anchors). */
  readonly anchored: boolean;
  /** The state after a space at the start of the text or after a break: where anchor words begin. */
  private readonly startState: number;
  /** PersonAnchors.addresseeRule as sets of lower-case words; null: every addressee word ties. */
  private readonly addresseeRule: { readonly possessive: ReadonlySet<string>; readonly states: ReadonlySet<string>; readonly genericBefore: ReadonlySet<string>; readonly genericAfter: ReadonlySet<string> } | null;

  constructor(lexicon: Lexicon, anchors?: PersonAnchors) {
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
        const [written, follow] = splitFollow(f < 0 ? entry.term : (forms[f] ?? ""));
        const spellings = termSpellings(written);
        for (let k = 0; k < spellings.length; k++) {
          const symbols = spellings[k] ?? [];
          const key = `${symbols.join(",")}/${entry.category}`;
          if (symbols.length > MAX_TERM_SYMBOLS || seen.has(key)) continue;
          seen.add(key);
          patterns.push({ symbols, pattern: { entry, key: termKey(entry.category, entry.term), length: symbols.length, mode: entry.match ?? "compound", weight, inflect: entry.inflect ?? true, kind: KIND_TERM, follow } });
        }
      }
    }
    this.patternCount = patterns.length;
    this.anchored = anchors !== undefined;
    const rule = anchors?.addresseeRule;
    const lower = (list: readonly string[]): Set<string> => new Set(list.map((w) => w.toLowerCase()));
    this.addresseeRule = rule === undefined ? null : { possessive: lower(rule.possessive), states: lower(rule.states), genericBefore: lower(rule.genericBefore), genericAfter: lower(rule.genericAfter ?? []) };
    if (anchors !== undefined) {
      // Anchor words begin with a space symbol, so they are only candidates at the start of a
      // word: "he" is not looked at in "hele", nor "f" in every word with an f.
      const addAnchor = (word: string, kind: number): void => {
        const spellings = termSpellings(word);
        for (let k = 0; k < spellings.length; k++) {
          const symbols = [SYM_SPACE].concat(spellings[k] ?? []);
          const key = `${symbols.join(",")}/#${kind}`;
          if (symbols.length > MAX_TERM_SYMBOLS || seen.has(key)) continue;
          seen.add(key);
          patterns.push({ symbols, pattern: { entry: ANCHOR_ENTRY, key: word, length: symbols.length - 1, mode: "exact", weight: 0, inflect: false, kind, follow: "" } });
        }
      };
      const lists: [readonly string[], number][] = [
        [anchors.addressee.da, KIND_ADDRESSEE],
        [anchors.addressee.en, KIND_ADDRESSEE],
        [anchors.references.da, KIND_REFERENCE],
        [anchors.references.en, KIND_REFERENCE],
        [anchors.names, KIND_NAME],
        [anchors.birthDate.da, KIND_BIRTH],
        [anchors.birthDate.en, KIND_BIRTH],
      ];
      for (let l = 0; l < lists.length; l++) {
        const [words, kind] = lists[l] as [readonly string[], number];
        for (let w = 0; w < words.length; w++) addAnchor(words[w] ?? "", kind);
      }
    }

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
    // States are stored as row offsets (state × ALPHABET), so the hot loop does one add per step,
    // and negated where the state has outputs, so it needs no second load to know (the root has none).
    for (let k = 0; k < go.length; k++) {
      const target = go[k] ?? 0;
      go[k] = out[target] === undefined ? target * ALPHABET : -target * ALPHABET;
    }
    this.goto = go;
    this.startState = Math.abs(go[SYM_SPACE] ?? 0);
    this.outputs = [];
    this.hasOutput = new Uint8Array(go.length);
    this.anchorOutputs = [];
    for (let s = 0; s < states; s++) {
      const o = out[s];
      if (o === undefined) continue;
      const termList = o.filter((p) => p.kind === KIND_TERM);
      const anchorList = o.filter((p) => p.kind !== KIND_TERM);
      if (termList.length > 0) {
        this.outputs[s * ALPHABET] = termList;
        this.hasOutput[s * ALPHABET] = 1;
      }
      if (anchorList.length > 0) {
        this.anchorOutputs[s * ALPHABET] = anchorList;
        this.hasOutput[s * ALPHABET] = termList.length > 0 ? 3 : 2;
      }
    }
  }

  /**
   * The term matches in text order. `firstOfEach`: only the first match of each lexicon entry
   * (key), which is all a scan keeps of a part; a case list repeats its terms in every row, and
   * tens of thousands of matches it would drop are then never made. With anchors, that one match
   * is about a person when any match of its entry is.
   */
  find(text: string, firstOfEach = false): TermMatch[] {
    return this.findAbout(text, firstOfEach).matches;
  }

  /**
   * find(), and what in the text points to a person whatever its terms: its first third-person
   * reference ("hun", "borgeren") or its date of birth; null without one, or without anchors.
   * A mail's subject names a matter, its body often the person (Scanner.scan).
   */
  findAbout(text: string, firstOfEach = false): { readonly matches: TermMatch[]; readonly person: TermAbout | null } {
    const emitted = firstOfEach && !this.anchored ? new Set<string>() : null;
    const anchors: AnchorState | null = this.anchored
      ? {
          reference: noAnchor(),
          addressee: noAnchor(),
          birth: null,
          firstReference: null,
          waiting: [],
          waitWord: [],
          waitSentence: [],
          waitLine: [],
          byKey: firstOfEach ? new Map<string, MutableMatch>() : null,
        }
      : null;
    // Module-level constants are copied to locals: compiled imports are property loads.
    const go = this.goto;
    const outputs = this.outputs;
    const hasOutput = this.hasOutput;
    const tracking = anchors !== null;
    const fold = FOLD_SYMBOLS;
    const limit = FOLD_SYMBOLS_LIMIT;
    const BREAK = SYM_BREAK;
    const SPACE = SYM_SPACE;
    const OTHER = SYM_OTHER;
    const start = this.startState;
    const found: MutableMatch[] = [];
    let state = start; // a state's row offset in `go` (state number × ALPHABET)
    let wordStart = -1; // source offset of the current word, -1 between words
    let lastWasSpace = true;
    let pending: Pending[] | null = null;
    // Where the last person anchor ended, and in which state: it counts when its word ends there.
    let anchorEnd = -1;
    let anchorState = 0;
    // Words, sentences and lines read so far: where a term and a person reference stand, for the windows.
    let words = 0;
    let sentence = 0;
    let line = 0;

    // The current word's length is i - wordStart: each code unit is one symbol, so nothing
    // per letter is stored; accept() folds the word's letters again for its rare candidates.
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const sym = c < limit ? (fold[c] ?? BREAK) : symbolOf(c);
      if (sym >= SPACE && sym !== OTHER) {
        if (wordStart >= 0) {
          if (pending !== null) {
            this.accept(text, pending, wordStart, i, found, emitted, anchors, words, sentence, line);
            pending = null;
          }
          if (anchorEnd === i && anchors !== null) this.anchorWord(text, anchorState, wordStart, i, anchors, words, sentence, line);
          wordStart = -1;
          words++;
        }
        if (c !== 32 && tracking) {
          if (c === 10) {
            line++;
            sentence++;
          } else if (c === 33 || c === 63 || (c === 46 && endsSentence(text, i + 1))) {
            sentence++;
          }
        }
        if (sym === BREAK) {
          state = start;
          lastWasSpace = true;
        } else if (!lastWasSpace) {
          // A run of spaces is one symbol. (No term ends in a space: the state has no outputs.)
          lastWasSpace = true;
          state = go[state + SPACE] ?? 0;
          if (state < 0) state = -state;
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
      if (state >= 0) continue;
      state = -state;
      const out = hasOutput[state] ?? 0;
      if (out >= 2) {
        anchorEnd = i + 1;
        anchorState = state;
        if (out === 2) continue;
      }
      pending ??= [];
      const hits = outputs[state] ?? [];
      const wordOffset = i - wordStart + 1;
      for (let k = 0; k < hits.length; k++) pending.push({ pattern: hits[k] as Pattern, wordOffset });
    }
    if (wordStart >= 0 && pending !== null) {
      this.accept(text, pending, wordStart, n, found, emitted, anchors, words, sentence, line);
    }
    if (wordStart >= 0 && anchorEnd === n && anchors !== null) this.anchorWord(text, anchorState, wordStart, n, anchors, words, sentence, line);
    if (anchors !== null) {
      // Nothing near them ties these to a person: a date of birth in the text does, or else they name a topic.
      const rest: TermAbout = anchors.birth ?? { kind: "topic" };
      for (let k = 0; k < found.length; k++) {
        const m = found[k] as MutableMatch;
        if (m.about === undefined) m.about = rest;
      }
    }
    return { matches: found, person: anchors === null ? null : (anchors.firstReference ?? anchors.birth) };
  }

  /** Checks word boundaries, inflection and compounds for the candidates of one word. */
  private accept(
    text: string,
    pending: readonly Pending[],
    wordStart: number,
    wordEnd: number,
    found: MutableMatch[],
    emitted: Set<string> | null,
    anchors: AnchorState | null,
    word: number,
    sentence: number,
    line: number,
  ): void {
    const wordLen = wordEnd - wordStart;
    let accepted: { p: Pending; from: number; to: number; end: number }[] | null = null;
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
      let end = wordEnd;
      if (p.pattern.follow !== "") {
        if (restLen !== 0) continue;
        end = followedBy(text, wordEnd, p.pattern.follow);
        if (end < 0) continue;
      }
      accepted ??= [];
      accepted.push({ p, from: multiWord ? -1 : from, to: p.wordOffset, end });
    }
    if (accepted === null) return;
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
      const match: MutableMatch = { start, end: a.end, term: e.term, category: e.category, lang: e.lang, weight: a.p.pattern.weight, key };
      if (anchors === null) {
        found.push(match);
        continue;
      }
      const { reference: r, addressee: d } = anchors;
      const near = tiedByReference(r.word, r.line, word, line) ? aboutOf(r) : tiedByAddressee(d.word, d.sentence, word, sentence, d.possessive) ? aboutOf(d) : null;
      let target = match;
      if (anchors.byKey !== null) {
        const first = anchors.byKey.get(key);
        if (first !== undefined) target = first;
        else {
          anchors.byKey.set(key, match);
          found.push(match);
        }
      } else {
        found.push(match);
      }
      if (target.about !== undefined) continue;
      if (near !== null) target.about = near;
      else {
        // A reference may still follow within the window: wait for it, but only as long as it can come.
        const { waiting, waitWord, waitSentence, waitLine } = anchors;
        let stale = 0;
        while (stale < waiting.length && !tiedByReference(waitWord[stale] ?? -1, waitLine[stale] ?? -1, word, line)) stale++;
        if (stale > 0) {
          waiting.splice(0, stale);
          waitWord.splice(0, stale);
          waitSentence.splice(0, stale);
          waitLine.splice(0, stale);
        }
        waiting.push(target);
        waitWord.push(word);
        waitSentence.push(sentence);
        waitLine.push(line);
      }
    }
  }

  /** The word that ended in `state` is a person anchor (or the last word of one): the longest is taken. */
  private anchorWord(text: string, state: number, wordStart: number, wordEnd: number, anchors: AnchorState, word: number, sentence: number, line: number): void {
    const list = this.anchorOutputs[state] ?? [];
    let best: Pattern | undefined;
    for (let k = 0; k < list.length; k++) {
      const p = list[k] as Pattern;
      if (best === undefined || p.length > best.length) best = p;
    }
    if (best !== undefined) this.anchor(text, best, wordStart, wordEnd, anchors, word, sentence, line);
  }

  /** A person anchor read as a whole word: ties the terms waiting for it, and those after it. */
  private anchor(text: string, pattern: Pattern, wordStart: number, wordEnd: number, anchors: AnchorState, word: number, sentence: number, line: number): void {
    if (pattern.kind === KIND_BIRTH) {
      if (anchors.birth !== null) return;
      // "f" only as "f." and every one of them only before a date: "født 3. marts 1972", "f. 03.03.72".
      if (pattern.key === "f" && text.charCodeAt(wordEnd) !== 46) return;
      if (BIRTH_DATE.test(text.slice(wordEnd, wordEnd + BIRTH_DATE_REACH))) anchors.birth = { kind: "birthDate" };
      return;
    }
    if (pattern.kind === KIND_NAME) {
      // A first name is a name only with a capital letter ("Line", not "line").
      const c = text.charAt(wordStart);
      if (c === c.toLowerCase()) return;
    }
    const isAddressee = pattern.kind === KIND_ADDRESSEE;
    let possessive = false;
    const rule = this.addresseeRule;
    if (isAddressee && rule !== null) {
      possessive = rule.possessive.has(pattern.key);
      // "du har", "you have": the reader's own state; "du skal", "lærer du", "hvis du er syg",
      // "når din nabo bliver glemsom": you in general.
      if (rule.genericBefore.has(previousWordAt(text, wordStart))) return;
      if (!possessive) {
        const verbEnd = nextWordEnd(text, wordEnd);
        const verb = text.slice(wordEnd, verbEnd).trim().toLowerCase();
        if (!rule.states.has(verb) || rule.genericAfter.has(nextWordAt(text, verbEnd))) return;
      }
    }
    const last = isAddressee ? anchors.addressee : anchors.reference;
    last.word = word;
    last.possessive = possessive;
    last.sentence = sentence;
    last.line = line;
    last.kind = pattern.kind;
    last.spelling = pattern.key;
    last.about = null;
    if (pattern.kind === KIND_REFERENCE) anchors.firstReference ??= aboutOf(last);
    const { waiting, waitWord, waitSentence, waitLine } = anchors;
    for (let k = 0; k < waiting.length; k++) {
      const m = waiting[k] as MutableMatch;
      const w = waitWord[k] ?? -1;
      if (m.about === undefined && (isAddressee ? tiedByAddressee(word, sentence, w, waitSentence[k] ?? -1, last.possessive) : tiedByReference(w, waitLine[k] ?? -1, word, line))) m.about = aboutOf(last);
    }
    // After a reference, nothing waiting can be tied by a later one that this one would not have tied.
    if (!isAddressee) {
      waiting.length = 0;
      waitWord.length = 0;
      waitSentence.length = 0;
      waitLine.length = 0;
    }
  }
}

/** Whether a full stop before `at` ends a sentence: spaces, then a capital letter or the end. */
function endsSentence(text: string, at: number): boolean {
  let i = at;
  let spaced = false;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 160 && c !== 13 && c !== 10) break;
    spaced = true;
    i++;
  }
  if (i >= text.length) return true;
  if (!spaced) return false;
  const ch = text.charAt(i);
  return ch !== ch.toLowerCase();
}

/**
 * The end of the next word after `from` when it folds to `follow` ("3F" after "medlem af"), else -1.
 * Spaces only between them; runs for rare candidates, over one word.
 */
function followedBy(text: string, from: number, follow: string): number {
  let i = from;
  while (i < text.length && symbolOf(text.charCodeAt(i)) === SYM_SPACE) i++;
  if (i === from) return -1;
  const begin = i;
  while (i < text.length && i - begin <= follow.length) {
    const sym = symbolOf(text.charCodeAt(i));
    if (sym === SYM_SPACE || sym === SYM_BREAK) break;
    i++;
  }
  return foldTerm(text.slice(begin, i)) === follow ? i : -1;
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
