/**
 * Finds CPR numbers in normalised text. A single forward pass: a candidate is tried only
 * where a digit follows a non-digit, and each try reads at most 15 characters, so the
 * detector is linear in the text on any input.
 */
import { readLocalContext } from "./cpr-context";
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
  | "part_of_longer_number";

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
// Longest first, so " - " wins over " ".
const SERIAL_SEPARATORS = [" - ", "-", " ", "/", ""];

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
  for (let k = 0; k < SERIAL_SEPARATORS.length; k++) {
    const sep = SERIAL_SEPARATORS[k] ?? "";
    if (text.startsWith(sep, p) && digitsAt(text, p + sep.length, 4)) {
      const end = p + sep.length + 4;
      if (end < text.length && isDigitCode(text.charCodeAt(end))) {
        // DDMMYYSSSS followed by more digits is some other number; a separated serial
        // followed by a digit is too (e.g. "010190-12345").
        continue;
      }
      return { end, digits: datePart + text.slice(p + sep.length, end) };
    }
  }
  return null;
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
    // Candidates start only where a run of digits starts. A plain loop, not a /[0-9]+/g exec:
    // a spreadsheet has millions of short numbers, and each exec allocates a match array.
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) {
        i++;
        continue;
      }
      let runEnd = i + 1;
      while (runEnd < n && isDigitCode(text.charCodeAt(runEnd))) runEnd++;
      // Only a run of 2 (DD.MM.YY), 6 (DDMMYY-SSSS) or 10 digits (DDMMYYSSSS) can start a
      // number (readCandidate needs exactly that); years, amounts and dates are skipped whole.
      const run = runEnd - i;
      const cand = run === 2 || run === 6 || run === 10 ? readCandidate(text, i) : null;
      const match = cand === null ? null : this.judge(text, i, cand, today);
      if (match !== null) {
        matches.push(match);
        i = match.end;
      } else {
        // Past this run of digits: the next candidate starts after a non-digit.
        i = runEnd;
      }
    }
    return matches;
  }

  private judge(text: string, start: number, cand: RawCandidate, today: CalendarDate): CprMatch | null {
    const birth = birthDateOf(cand.digits);
    if (birth === null || compareDates(birth, today) > 0) return null;
    const iso = isoDate(birth);
    const reasons: CprReason[] = [];
    let confidence: CprConfidence;
    if (passesModulus11(cand.digits)) {
      confidence = "high";
      reasons.push("mod11_valid");
    } else if (this.noControlDigitDates.has(iso)) {
      confidence = "high";
      reasons.push("no_control_digit_date");
    } else {
      confidence = "low";
      reasons.push("mod11_invalid");
    }
    const context = readLocalContext(text, start, cand.end);
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
    return { start, end: cand.end, value, masked: maskCpr(value), birthDate: iso, confidence, reasons };
  }
}
