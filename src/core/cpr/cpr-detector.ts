/**
 * Finds CPR numbers in normalised text. A single forward pass: a candidate is tried only
 * where a digit follows a non-digit, and each try reads a bounded number of characters (at most
 * 15 for the everyday forms, at most 48 for the forms taken only next to a CPR label), so the
 * detector is linear in the text on any input. No regular expression runs over the text itself;
 * the label regexes run on windows of a few words (cpr-context.ts).
 */
import { CONTEXT_BEFORE, cprLabelEndsAt, isLetterCode, readLocalContext } from "./cpr-context";
import { findLabelledPairs, maySerialAt, maySerialIn, type LabelledPair } from "./cpr-label-pairs";
import {
  birthDateOf,
  calendarDateOf,
  compareDates,
  isoDate,
  passesModulus11,
  type CalendarDate,
} from "./cpr-rules";
import { NO_CONTROL_DIGIT_DATES } from "./no-control-digit-dates";

export type CprConfidence = "high" | "medium" | "low";

export type CprReason =
  /** The ten digits pass the modulus-11 control. */
  | "mod11_valid"
  /** Fails modulus 11, but the birth date is on the CPR office's list of dates without a control digit. */
  | "no_control_digit_date"
  /** Fails modulus 11 on a date outside the list; still reported, because the list is not exhaustive. */
  | "mod11_invalid"
  /** A CPR keyword (cpr-nr., personnummer, fødselsdato, ...) stands within a few words. */
  | "cpr_keyword_nearby"
  /** A word saying it is another kind of number (kontonr., p-nr., fakturanr., ...) stands within a few words. */
  | "other_number_keyword_nearby"
  /** The digits continue a longer number (e.g. "1234-0101901234"). */
  | "part_of_longer_number"
  /**
   * Stands in a list or table column of ten-digit numbers most of which are no CPR number
   * (a register of P-numbers, account numbers ...): passing the checks there is chance.
   */
  | "register_mostly_invalid"
  /**
   * The birth date and the serial stand under labels of their own: two table columns headed
   * "Fødselsdato" and "Løbenr.", or a form's "Fødselsdato: 010190" and "Løbenummer: 1234".
   */
  | "date_and_serial_labelled";

export interface CprMatch {
  /** Offsets in the scanned text (end exclusive). */
  readonly start: number;
  readonly end: number;
  /** Normalised form DDMMYY-SSSS. Never log it. */
  readonly value: string;
  /** DDMMYY-XXXX: safe to show and log. */
  readonly masked: string;
  /** ISO birth date the number encodes. */
  readonly birthDate: string;
  readonly confidence: CprConfidence;
  readonly reasons: readonly CprReason[];
}

export interface CprDetectorOptions {
  /** "Today", for the no-future-birth-date rule. Defaults to the current date. */
  readonly today?: CalendarDate;
  /** Extra ISO dates without a control digit (the policy's extension of the CPR office list). */
  readonly extraNoControlDigitDates?: readonly string[];
}

/** The date separators " ", ".", "-" and "/", as character codes: most digit runs are tested here and fail. */
function isDateSeparator(c: number): boolean {
  return c === 32 || c === 46 || c === 45 || c === 47;
}

/**
 * What may stand between the date and the serial, after normalisation (a non-breaking space is
 * a space there, every dash a "-"): nothing, one of - space / . _ : tab, a dash with a space
 * on either or both sides, a double dash, a double space (typed in a web editor as a
 * non-breaking space and a space), two tabs (two neighbouring HTML table cells: html-to-text
 * writes a tab on each side of a cell), a dash and a line break (a number wrapped at its dash,
 * or a <br> typed after it), with a space before or after the break. Candidates take the whole run of non-digits after the date,
 * so only one of them can apply.
 */
const LONGEST_SERIAL_SEPARATOR = 3;

/** True when text[p, p + len) is one of "", "-", " ", "/", ".", "_", ":", tab, " - ", " -", "- ", "--", "  ", two tabs, "-\n", "- \n", "-\n " (codes, no slice). */
function isSerialSeparator(text: string, p: number, len: number): boolean {
  const a = text.charCodeAt(p);
  if (len === 0) return true;
  if (len === 1) return a === 45 || a === 32 || a === 47 || a === 46 || a === 95 || a === 58 || a === 9;
  const b = text.charCodeAt(p + 1);
  if (len === 2) return ((a === 32 || a === 45) && (b === 32 || b === 45)) || (a === 9 && b === 9) || (a === 45 && b === 10);
  const c = text.charCodeAt(p + 2);
  return (a === 32 && b === 45 && c === 32) || (a === 45 && ((b === 32 && c === 10) || (b === 10 && c === 32)));
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function digitsAt(text: string, at: number, count: number): boolean {
  if (at + count > text.length) return false;
  for (let k = 0; k < count; k++) {
    if (!isDigitCode(text.charCodeAt(at + k))) return false;
  }
  return true;
}

export interface RawCandidate {
  readonly end: number;
  readonly digits: string;
}

/** Reads DD[s]MM[s]YY{sep}SSSS at `i`; the date separator is used consistently or not at all. */
export function readCandidate(text: string, i: number): RawCandidate | null {
  if (!digitsAt(text, i, 2)) return null;
  let datePart: string | null = null;
  let p = i;
  if (digitsAt(text, i, 6)) {
    datePart = text.slice(i, i + 6);
    p = i + 6;
  } else {
    const sep = text.charCodeAt(i + 2); // NaN past the end
    if (isDateSeparator(sep) && digitsAt(text, i + 3, 2) && text.charCodeAt(i + 5) === sep && digitsAt(text, i + 6, 2)) {
      datePart = text.slice(i, i + 2) + text.slice(i + 3, i + 5) + text.slice(i + 6, i + 8);
      p = i + 8;
    }
  }
  if (datePart === null) return null;
  let q = p;
  while (q < text.length && q - p <= LONGEST_SERIAL_SEPARATOR && !isDigitCode(text.charCodeAt(q))) q++;
  if (q - p > LONGEST_SERIAL_SEPARATOR || !digitsAt(text, q, 4)) return null;
  const end = q + 4;
  // DDMMYYSSSS followed by more digits is some other number; a separated serial
  // followed by a digit is too (e.g. "010190-12345").
  if (end < text.length && isDigitCode(text.charCodeAt(end))) return null;
  if (!isSerialSeparator(text, p, q - p)) return null;
  return { end, digits: datePart + text.slice(q, end) };
}

// ---------------------------------------------------------------------------------------------
// Forms taken only next to a CPR label: digit pairs ("01 01 90 12 34"), every digit spaced
// ("0 1 0 1 9 0 1 2 3 4"), the date and the serial on two lines (a form), and the letters O, l
// and I typed for 0 and 1. Unlabelled, these are phone numbers, codes and table cells too often.

/** Most characters in one gap between two digits; the gap between date and serial may hold a line break and spaces around it. */
const MAX_GAP = 3;
const MAX_LINE_GAP = 6;
/** At most this many of the ten are letters read as digits. */
const MAX_LOOKALIKES = 4;
/** Gaps after the 2nd, 4th, 6th and 8th digit (bit k: the gap after digit k). */
const PAIR_GAPS = (1 << 2) | (1 << 4) | (1 << 6) | (1 << 8);
const ALL_GAPS = 0b1111111110;

/** The digit a look-alike letter stands for (O → 0; l, I → 1), or -1. */
function lookalikeDigit(c: number): number {
  return c === 79 ? 0 : c === 108 || c === 73 ? 1 : -1;
}

function isGapCode(c: number): boolean {
  return c === 32 || c === 9 || c === 45 || c === 46 || c === 47 || c === 10 || c === 13;
}

const SCRATCH: number[] = new Array<number>(10).fill(48);

/**
 * Reads ten digits (or look-alike letters) at `at` with gaps of at most three of " \t-./"
 * between them: either after every digit, or only between pairs (after the 2nd, 4th, 6th and
 * 8th). The gap between date and serial may also hold one line break. Reads at most 48
 * characters; null when the text does not have that shape, or continues as a longer number.
 */
export function readLabelledForm(text: string, at: number): RawCandidate | null {
  const n = text.length;
  let p = at;
  let gaps = 0;
  let letters = 0;
  for (let d = 0; d < 10; d++) {
    if (d > 0) {
      const g = p;
      let breaks = 0;
      while (p < n && p - g <= MAX_LINE_GAP && isGapCode(text.charCodeAt(p))) {
        if (text.charCodeAt(p) === 10) breaks++;
        p++;
      }
      const len = p - g;
      if (len > 0) {
        if (breaks > 0 ? d !== 6 || breaks > 1 || len > MAX_LINE_GAP : len > MAX_GAP) return null;
        gaps |= 1 << d;
        // Gaps anywhere but between pairs: only the every-digit-spaced form, checked as it goes.
        if ((gaps & ~PAIR_GAPS) !== 0 && gaps !== (ALL_GAPS & ((2 << d) - 1))) return null;
      }
    }
    const c = text.charCodeAt(p);
    if (c >= 48 && c <= 57) {
      SCRATCH[d] = c;
    } else {
      const v = lookalikeDigit(c);
      if (v < 0 || ++letters > MAX_LOOKALIKES) return null;
      SCRATCH[d] = 48 + v;
    }
    p++;
  }
  if ((gaps & ~PAIR_GAPS) !== 0 && gaps !== ALL_GAPS) return null;
  // The end: not run together with letters or digits, and not a longer spaced number.
  const next = text.charCodeAt(p);
  if (isDigitCode(next) || isLetterCode(next)) return null;
  if (gaps !== 0) {
    let q = p;
    while (q < n && q - p <= MAX_GAP && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9 || text.charCodeAt(q) === 45)) q++;
    if (q > p && isDigitCode(text.charCodeAt(q))) return null;
  }
  return { end: p, digits: String.fromCharCode(...SCRATCH) };
}

/**
 * Where a labelled form could start for the digit run at `i`: back over look-alike letters
 * written against it, or -1 when the run is glued to letters (an identifier) or continues a
 * spaced number.
 */
function labelledFormStart(text: string, i: number, floor: number): number {
  let ts = i;
  while (ts > floor && i - ts < MAX_LOOKALIKES && lookalikeDigit(text.charCodeAt(ts - 1)) >= 0) ts--;
  if (ts === 0) return ts;
  const before = text.charCodeAt(ts - 1);
  if (isLetterCode(before) || isDigitCode(before)) return -1;
  // "12 01 01 90 12 34": a digit a short gap before is a longer spaced number.
  let k = ts - 1;
  while (k >= floor && ts - 1 - k < MAX_GAP && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 45)) k--;
  if (k >= floor && k < ts - 1 && isDigitCode(text.charCodeAt(k))) return -1;
  return ts;
}

/**
 * A few character tests that rule out nearly every digit run before a labelled form is read:
 * the run must go on (after at most a gap) with another digit or look-alike letter, must not
 * have a digit one character before it (a longer spaced number: "1 2 3 4 5 ..."), and must not
 * be written against a letter other than a look-alike.
 */
function mayStartLabelledForm(text: string, i: number, runEnd: number): boolean {
  if (i >= 2 && isDigitCode(text.charCodeAt(i - 2))) return false;
  const prev = text.charCodeAt(i - 1); // NaN at the start
  if (isLetterCode(prev) && lookalikeDigit(prev) < 0) return false;
  let q = runEnd;
  while (q < text.length && q - runEnd <= MAX_LINE_GAP && isGapCode(text.charCodeAt(q))) q++;
  const next = text.charCodeAt(q);
  return isDigitCode(next) || lookalikeDigit(next) >= 0;
}

/**
 * Cheap test before a labelled form is read: a label is made of letters, so a letter must stand
 * before the number with no digit in between (or the text starts there). This is what keeps
 * 1 MB of "1 2 3 4 5 ..." as fast as prose: each digit has a digit two characters before it.
 */
function letterBefore(text: string, at: number): boolean {
  const from = Math.max(0, at - CONTEXT_BEFORE);
  for (let k = at - 1; k >= from; k--) {
    const c = text.charCodeAt(k);
    if (isDigitCode(c)) return false;
    if (isLetterCode(c)) return true;
  }
  return from === 0;
}

const JOINERS = "-./";

/** True when a separator and another digit stand right before `start` or right after `end`. */
function continuesLongerNumber(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  if (before !== undefined && JOINERS.includes(before) && start >= 2 && isDigitCode(text.charCodeAt(start - 2))) return true;
  const after = text[end];
  return after !== undefined && JOINERS.includes(after) && isDigitCode(text.charCodeAt(end + 1));
}

const LOWER: Record<CprConfidence, CprConfidence> = { high: "medium", medium: "low", low: "low" };
const RAISE: Record<CprConfidence, CprConfidence> = { high: "high", medium: "high", low: "medium" };

export function maskCpr(value: string): string {
  return `${value.slice(0, 6)}-XXXX`;
}

// ---------------------------------------------------------------------------------------------
// The register rule. A list or table column of ten-digit numbers (P-numbers, account numbers,
// customer numbers) holds numbers that pass as CPR numbers by chance: about 4 % of random ten
// digits are a real DDMMYY date and 1 in 11 of those passes modulus 11, so ~0.3 % of random
// numbers (up to ~9 % of numbers whose first four digits happen to be a date) pass. In a real
// list of CPR numbers nearly all pass. So the detector judges each number by its neighbours:
//
// - a *token* is every ten-digit number of CPR shape (any written form readCandidate takes,
//   whatever its date), in text order; it *passes* when its date is real and not in the future
//   and modulus 11 holds or the date has no control digit;
// - a *run* is a stretch of tokens each at most REGISTER_GAP (200) characters after the one
//   before, with no empty line between (a paragraph break ends a list);
// - in a run of at least REGISTER_MIN_RUN (8) tokens, a number is lowered to "low"
//   (register_mostly_invalid) when fewer than a third of the REGISTER_WINDOW (9) tokens around
//   it pass (the window is centred on it and moved inside the run at its ends).
//
// A third keeps a case list whose rows also hold one or two other ten-digit numbers (an account
// number: half of the tokens pass), while a window of random numbers reaches three passes in
// nine with odds below 1 in 10 000. The judgement is local: a CPR number in prose after the list
// (past an empty line or 200 characters) is in another run, and a number with a CPR label next
// to it is never lowered.

const REGISTER_GAP = 200;
const REGISTER_MIN_RUN = 8;
const REGISTER_WINDOW = 9;

/**
 * Whether an empty line stands between two tokens. Tokens come in text order, so the next line
 * break is looked up again only once the tokens have passed it: linear over the whole text.
 */
class BlankLines {
  private nextBreak = -2;

  constructor(private readonly text: string) {}

  between(from: number, to: number): boolean {
    const text = this.text;
    if (this.nextBreak !== -1 && this.nextBreak < from) this.nextBreak = text.indexOf("\n", from);
    while (this.nextBreak >= 0 && this.nextBreak < to) {
      let j = this.nextBreak + 1;
      while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 13 || text.charCodeAt(j) === 9)) j++;
      if (j < to && text.charCodeAt(j) === 10) return true;
      this.nextBreak = text.indexOf("\n", this.nextBreak + 1);
    }
    return false;
  }
}

/** Ten-digit tokens seen in one pass: parallel arrays, so prose costs no objects. */
class Tokens {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly passes: boolean[] = [];
  /** Index in the matches, or -1 when the token was not reported. */
  readonly match: number[] = [];

  add(start: number, end: number, passes: boolean, match: number): void {
    this.starts.push(start);
    this.ends.push(end);
    this.passes.push(passes);
    this.match.push(match);
  }
}

function applyRegisterRule(text: string, tokens: Tokens, matches: CprMatch[]): void {
  const count = tokens.starts.length;
  const blank = new BlankLines(text);
  let a = 0;
  while (a < count) {
    let b = a + 1;
    while (b < count && (tokens.starts[b] ?? 0) - (tokens.ends[b - 1] ?? 0) <= REGISTER_GAP && !blank.between(tokens.ends[b - 1] ?? 0, tokens.starts[b] ?? 0)) b++;
    if (b - a >= REGISTER_MIN_RUN) lowerInRun(tokens, matches, a, b);
    a = b;
  }
}

function lowerInRun(tokens: Tokens, matches: CprMatch[], a: number, b: number): void {
  // passed[k - a]: how many of tokens a .. k-1 pass.
  const passed = [0];
  for (let k = a; k < b; k++) passed.push((passed[k - a] ?? 0) + (tokens.passes[k] === true ? 1 : 0));
  const size = Math.min(REGISTER_WINDOW, b - a);
  for (let k = a; k < b; k++) {
    const at = tokens.match[k] ?? -1;
    const m = matches[at];
    if (m === undefined || m.confidence === "low" || m.reasons.includes("cpr_keyword_nearby")) continue;
    const lo = Math.min(Math.max(a, k - (REGISTER_WINDOW >> 1)), b - size);
    const inWindow = (passed[lo + size - a] ?? 0) - (passed[lo - a] ?? 0);
    if (inWindow * 3 < size) matches[at] = { ...m, confidence: "low", reasons: [...m.reasons, "register_mostly_invalid"] };
  }
}

interface Judged {
  readonly match: CprMatch | null;
  /** The digits pass as a CPR number on their own (real date, modulus 11 or a date without control digit). */
  readonly passes: boolean;
}

/** The next digit (global: test() moves lastIndex past it). */
const NEXT_DIGIT = /[0-9]/g;

const NOT_A_NUMBER: Judged = { match: null, passes: false };

export class CprDetector {
  private readonly today: CalendarDate | undefined;
  private readonly noControlDigitDates: ReadonlySet<string>;

  constructor(options: CprDetectorOptions = {}) {
    this.today = options.today;
    this.noControlDigitDates = new Set([...NO_CONTROL_DIGIT_DATES, ...(options.extraNoControlDigitDates ?? [])]);
  }

  find(text: string): CprMatch[] {
    const today = this.today ?? calendarDateOf(new Date());
    const matches: CprMatch[] = [];
    const tokens = new Tokens();
    // Candidates start only where a run of digits starts. A plain loop, not a /[0-9]+/g exec:
    // a spreadsheet has millions of short numbers, and each exec allocates a match array.
    const n = text.length;
    let i = 0;
    let lastEnd = 0;
    // Whether a digit run could be the serial of a date-and-serial pair (cpr-label-pairs.ts).
    let mayPair = false;
    while (i < n) {
      // Irregexp finds the next digit several times faster than a charCodeAt loop, and test()
      // builds no match object.
      NEXT_DIGIT.lastIndex = i;
      if (!NEXT_DIGIT.test(text)) break;
      i = NEXT_DIGIT.lastIndex - 1;
      let runEnd = i + 1;
      while (runEnd < n && isDigitCode(text.charCodeAt(runEnd))) runEnd++;
      // Only a run of 2 (DD.MM.YY), 6 (DDMMYY-SSSS) or 10 digits (DDMMYYSSSS) can start an
      // everyday form (readCandidate needs exactly that); years, amounts and dates are skipped whole.
      const run = runEnd - i;
      if (!mayPair && (run === 3 || run === 4)) mayPair = maySerialAt(text, i, runEnd);
      let match: CprMatch | null = null;
      if (run === 2 || run === 6 || run === 10) {
        const cand = readCandidate(text, i);
        if (cand !== null) {
          const judged = this.judge(text, i, cand, today, false);
          match = judged.match;
          tokens.add(i, cand.end, judged.passes, match === null ? -1 : matches.length);
        }
      }
      if (match === null && run < 10 && mayStartLabelledForm(text, i, runEnd)) match = this.labelledForm(text, i, lastEnd, today);
      if (match !== null) {
        // The runs a match passes over are not visited below; one of them may still be a pair's serial.
        if (!mayPair) mayPair = maySerialIn(text, runEnd, match.end);
        matches.push(match);
        i = match.end;
        lastEnd = match.end;
      } else {
        // Past this run of digits: the next candidate starts after a non-digit.
        i = runEnd;
      }
    }
    if (tokens.starts.length >= REGISTER_MIN_RUN) applyRegisterRule(text, tokens, matches);
    const pairs = mayPair ? findLabelledPairs(text) : [];
    return pairs.length === 0 ? matches : this.withPairs(matches, pairs, today);
  }

  /**
   * The matches with the labelled date-and-serial pairs merged in, in text order. The headers
   * say which cell is the serial, so a pair replaces a match read from its date cell onwards
   * ("010190" and the postcode in the next cell); a pair overlapping any other match is left out.
   */
  private withPairs(matches: readonly CprMatch[], pairs: readonly LabelledPair[], today: CalendarDate): CprMatch[] {
    const out: CprMatch[] = [];
    let k = 0;
    for (const pair of pairs) {
      while (k < matches.length && (matches[k] as CprMatch).end <= pair.start) out.push(matches[k++] as CprMatch);
      if ((out[out.length - 1]?.end ?? 0) > pair.start) continue;
      let j = k;
      let clash = false;
      for (; j < matches.length && (matches[j] as CprMatch).start < pair.end; j++) clash ||= (matches[j] as CprMatch).start !== pair.start;
      if (clash) continue;
      const match = this.judgePair(pair, today);
      if (match === null) continue;
      k = j;
      out.push(match);
    }
    while (k < matches.length) out.push(matches[k++] as CprMatch);
    return out;
  }

  /** Both labels are explicit, so a number failing modulus 11 still counts (medium), as one next to a CPR label does. */
  private judgePair(pair: LabelledPair, today: CalendarDate): CprMatch | null {
    const birth = birthDateOf(pair.digits);
    if (birth === null || compareDates(birth, today) > 0) return null;
    const iso = isoDate(birth);
    const reasons: CprReason[] = [];
    let confidence: CprConfidence = "high";
    if (passesModulus11(pair.digits)) reasons.push("mod11_valid");
    else if (this.noControlDigitDates.has(iso)) reasons.push("no_control_digit_date");
    else if (pair.padded === true) return null;
    else {
      confidence = "medium";
      reasons.push("mod11_invalid");
    }
    reasons.push("date_and_serial_labelled");
    const value = `${pair.digits.slice(0, 6)}-${pair.digits.slice(6)}`;
    return { start: pair.start, end: pair.end, value, masked: maskCpr(value), birthDate: iso, confidence, reasons };
  }

  /** A form taken only next to a CPR label (pairs, spaced digits, two lines, look-alike letters) at the digit run `i`. */
  private labelledForm(text: string, i: number, floor: number, today: CalendarDate): CprMatch | null {
    const start = labelledFormStart(text, i, floor);
    if (start < 0 || !letterBefore(text, start)) return null;
    const cand = readLabelledForm(text, start);
    return cand === null ? null : this.judge(text, start, cand, today, true).match;
  }

  private judge(text: string, start: number, cand: RawCandidate, today: CalendarDate, needsLabel: boolean): Judged {
    const birth = birthDateOf(cand.digits);
    if (birth === null || compareDates(birth, today) > 0) return NOT_A_NUMBER;
    const iso = isoDate(birth);
    const reasons: CprReason[] = [];
    let confidence: CprConfidence;
    let passes = true;
    if (passesModulus11(cand.digits)) {
      confidence = "high";
      reasons.push("mod11_valid");
    } else if (this.noControlDigitDates.has(iso)) {
      confidence = "high";
      reasons.push("no_control_digit_date");
    } else {
      confidence = "low";
      reasons.push("mod11_invalid");
      passes = false;
    }
    // Digits run together with letters are part of an identifier ("ID:A0101901234B"), not a
    // number; a CPR label written against them ("CPR0101901234") is the one exception.
    if (isLetterCode(text.charCodeAt(cand.end)) || (start > 0 && isLetterCode(text.charCodeAt(start - 1)) && !cprLabelEndsAt(text, start))) {
      return { match: null, passes };
    }
    const context = readLocalContext(text, start, cand.end);
    if (needsLabel && !context.positive) return { match: null, passes };
    if (context.positive) {
      confidence = RAISE[confidence];
      reasons.push("cpr_keyword_nearby");
    }
    if (context.negative) {
      // Labelled as another kind of number: not a CPR number, unless a CPR label stands there too.
      if (!context.positive) confidence = "low";
      reasons.push("other_number_keyword_nearby");
    }
    if (continuesLongerNumber(text, start, cand.end)) {
      confidence = LOWER[confidence];
      reasons.push("part_of_longer_number");
    }
    const value = `${cand.digits.slice(0, 6)}-${cand.digits.slice(6)}`;
    return { match: { start, end: cand.end, value, masked: maskCpr(value), birthDate: iso, confidence, reasons }, passes };
  }
}
