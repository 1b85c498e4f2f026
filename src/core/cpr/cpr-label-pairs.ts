/**
 * A CPR number written as two labelled values: the birth date under one label and the serial
 * ("løbenummer", the last four digits) under another. Two shapes:
 *
 * - a table (HTML cells, worksheet rows, CSV) whose header names a date column ("Fødselsdato",
 *   "Født") and a serial column ("Løbenr.", "Kontrolnr."): each following row is read once, and
 *   its two cells under those headers make one candidate (pairs by row, never across rows);
 * - a form: "Løbenummer: 1234" with "Fødselsdato: 010190" at most two lines (or a few words)
 *   before it.
 *
 * Only serial labels start a search (they are rare in ordinary text), found by one sticky-free
 * global regex pass; each header line and each data row is read at most once. Linear in the text.
 */
import { birthDateOf } from "./cpr-rules";

export interface LabelledPair {
  /** From the first character of the date value to the end of the serial (end exclusive). */
  readonly start: number;
  readonly end: number;
  /** DDMMYYSSSS. */
  readonly digits: string;
  /**
   * The serial was written with three digits and got its leading zero back (a worksheet stores
   * 0123 as 123). "Løbenr." is also a list's running number, so such a pair counts only when the
   * ten digits pass on their own (modulus 11 or a date without control digit).
   */
  readonly padded?: true;
}

// No \p{L} and no u flag here: Babel spells a property escape out for classic Outlook's runtime,
// several kilobytes each in the handler bundle. Latin letters are what a label stands against.

/** The serial's labels; a cheap prefilter, checked again as a whole cell or word. */
const SERIAL_LABEL = /l(?:ø|oe|o)be[ .-]?n(?:umme)?r|kontrol[ .-]?n(?:umme)?r|kontrolcifre|sidste (?:4|fire) cifre|serial (?:no|number)/gi;
/** A serial label ending a short slice (the gate's check before four digits). */
const SERIAL_LABEL_BEFORE = new RegExp(`(?:${SERIAL_LABEL.source})$`, "i");
/** A header cell that is a serial label and nothing else ("Løbenr.", "Kontrolnummer:"). */
const SERIAL_CELL = new RegExp(`^(?:${SERIAL_LABEL.source})\\.?:?$`, "i");
/** A header cell that is a birth-date label ("Fødselsdato", "Født", "Date of birth"). */
const DATE_CELL = /^(?:fødselsdato|foedselsdato|fødselsdag|født|født den|birth ?date|date of birth|d\.?o\.?b\.?)\.?:?$/i;
/** In a form: a birth-date label, then the date value (the last one in the window is taken). */
const DATE_FIELD = /(?:^|[^A-Za-z\u00c0-\u024f])(?:fødselsdato|foedselsdato|fødselsdag|født(?: den)?|birth ?date|date of birth|d\.?o\.?b)\.?[ \t]{0,3}:?[ \t]{0,3}(\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2}(?:\d{2})?|\d{4}-\d{2}-\d{2}|\d{5,6}|\d{8})(?!\d)/gi;
/** After a serial label in a form: the separator and the four digits. */
const SERIAL_VALUE = /^\.?[ \t]{0,3}:?[ \t]{0,3}(\d{4})(?![\dA-Za-z\u00c0-\u024f])/;

/** How far back a form looks for the date: two line breaks and at most this many characters. */
const FORM_WINDOW = 120;
/** Longest header or row line read as table cells (a sheet row of normal width). */
const MAX_ROW = 4000;
/** Longest header cell that is a label (not a sentence that mentions one). */
const MAX_LABEL = 30;

interface Cell {
  readonly start: number;
  readonly end: number;
}

/** The line's cells: split at runs of tabs, or else at ; or , (quotes kept out). Trimmed. */
function cellsOf(text: string, from: number, to: number, delimiter: number): Cell[] {
  const cells: Cell[] = [];
  let start = from;
  let quoted = false;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : delimiter;
    if (c === 34) quoted = !quoted;
    if (quoted && i < to) continue;
    if (c !== delimiter) continue;
    let a = start;
    let b = i;
    while (a < b && isBlank(text.charCodeAt(a))) a++;
    while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
    // Runs of tabs are one delimiter (an HTML cell writes one on each side), so only filled cells count there.
    if (delimiter !== 9 || b > a) cells.push({ start: a, end: b });
    if (delimiter === 9) while (i + 1 < to && text.charCodeAt(i + 1) === 9) i++;
    start = i + 1;
  }
  return cells;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 34 || c === 13 || c === 9;
}

/** The delimiter of a header line: tab when it has one, else the more frequent of ; and ,. */
function delimiterOf(text: string, from: number, to: number): number {
  let semi = 0;
  let comma = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 9) return 9;
    if (c === 59) semi++;
    else if (c === 44) comma++;
  }
  return semi === 0 && comma === 0 ? -1 : semi >= comma ? 59 : 44;
}

const DATE_VALUE = /^(\d{1,2})([-./ ])(\d{1,2})\2(\d{2}|\d{4})$|^(\d{4})-(\d{2})-(\d{2})$|^(\d{5,6})$|^(\d{2})(\d{2})(\d{4})$/;

const two = (s: string): string => (s.length === 1 ? `0${s}` : s);

/**
 * DDMMYY from a birth-date value ("010190", "1-1-90", "01.01.1990", "1990-01-01", "10190" with
 * the zero Excel drops), and the four-digit year when the value gives one; null otherwise.
 */
export function birthDateDigits(value: string): { ddmmyy: string; year?: number } | null {
  const m = DATE_VALUE.exec(value);
  if (m === null) return null;
  if (m[1] !== undefined && m[3] !== undefined && m[4] !== undefined) {
    const y = m[4];
    return { ddmmyy: two(m[1]) + two(m[3]) + y.slice(-2), ...(y.length === 4 ? { year: Number(y) } : {}) };
  }
  if (m[5] !== undefined && m[6] !== undefined && m[7] !== undefined) return { ddmmyy: m[7] + m[6] + m[5].slice(2), year: Number(m[5]) };
  if (m[8] !== undefined) return { ddmmyy: m[8].length === 5 ? `0${m[8]}` : m[8] };
  if (m[9] !== undefined && m[10] !== undefined && m[11] !== undefined) return { ddmmyy: m[9] + m[10] + m[11].slice(2), year: Number(m[11]) };
  return null;
}

/** The ten digits, when the serial's century agrees with a four-digit year; null otherwise. */
function pairDigits(dateValue: string, serial: string): string | null {
  const date = birthDateDigits(dateValue);
  if (date === null) return null;
  const digits = date.ddmmyy + serial;
  if (date.year !== undefined && birthDateOf(digits)?.year !== date.year) return null;
  return digits;
}

/** A serial cell: four digits, or three when a worksheet dropped a leading zero (1 and 2 are running numbers). */
function serialOf(text: string, cell: Cell): string | null {
  const len = cell.end - cell.start;
  if (len < 3 || len > 4) return null;
  for (let i = cell.start; i < cell.end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return "0000".slice(len) + text.slice(cell.start, cell.end);
}

function lineEnd(text: string, from: number): number {
  const e = text.indexOf("\n", from);
  return e < 0 ? text.length : e;
}

/**
 * Reads the rows under a header line whose cells name a date and a serial column. Returns where
 * the table ends (the first empty line, or the end), or -1 when the line is no such header.
 */
function readTable(text: string, lineStart: number, lineStop: number, out: LabelledPair[]): number {
  const delimiter = delimiterOf(text, lineStart, lineStop);
  if (delimiter < 0) return -1;
  const header = cellsOf(text, lineStart, lineStop, delimiter);
  let dateCol = -1;
  let serialCol = -1;
  for (let k = 0; k < header.length; k++) {
    const cell = header[k] as Cell;
    if (cell.end - cell.start > MAX_LABEL) continue;
    const name = text.slice(cell.start, cell.end);
    if (dateCol < 0 && DATE_CELL.test(name)) dateCol = k;
    else if (serialCol < 0 && SERIAL_CELL.test(name)) serialCol = k;
  }
  if (dateCol < 0 || serialCol < 0) return -1;
  const pairs: LabelledPair[] = [];
  // Serials that follow on from the row before: "Løbenr." numbering the rows, not CPR serials.
  let previous = -2;
  let running = 0;
  let at = lineStop + 1;
  while (at < text.length) {
    const stop = lineEnd(text, at);
    if (stop - at > MAX_ROW) break;
    let k = at;
    while (k < stop && isBlank(text.charCodeAt(k))) k++;
    if (k === stop) break; // an empty line ends the table
    const row = cellsOf(text, at, stop, delimiter);
    const dateCell = row[dateCol];
    const serialCell = row[serialCol];
    if (dateCell !== undefined && serialCell !== undefined) {
      const serial = serialOf(text, serialCell);
      const digits = serial === null ? null : pairDigits(text.slice(dateCell.start, dateCell.end), serial);
      if (digits !== null) {
        const start = Math.min(dateCell.start, serialCell.start);
        const end = Math.max(dateCell.end, serialCell.end);
        pairs.push({ start, end, digits, ...(serialCell.end - serialCell.start < 4 ? { padded: true as const } : {}) });
        const value = Number(digits.slice(6));
        if (value === previous + 1) running++;
        previous = value;
      }
    }
    at = stop + 1;
  }
  // CPR serials of neighbouring rows are unrelated; a column where half of them count up by one is a row number.
  if (pairs.length < 3 || running * 2 < pairs.length - 1) out.push(...pairs);
  return at;
}

/** A form: the serial label at `label`, its value after it, the date label and value just before. */
function readForm(text: string, label: number, labelEnd: number, out: LabelledPair[]): void {
  const value = SERIAL_VALUE.exec(text.slice(labelEnd, labelEnd + 12));
  if (value?.[1] === undefined) return;
  const serialEnd = labelEnd + value[0].length;
  // Back at most two line breaks and FORM_WINDOW characters.
  let from = label;
  let breaks = 0;
  while (from > 0 && label - from < FORM_WINDOW) {
    if (text.charCodeAt(from - 1) === 10 && ++breaks > 2) break;
    from--;
  }
  const window = text.slice(from, label);
  let date: RegExpExecArray | null = null;
  DATE_FIELD.lastIndex = 0;
  for (let m = DATE_FIELD.exec(window); m !== null; m = DATE_FIELD.exec(window)) date = m;
  if (date?.[1] === undefined) return;
  const digits = pairDigits(date[1], value[1]);
  if (digits === null) return;
  // The value ends the match.
  const valueEnd = from + date.index + date[0].length;
  out.push({ start: valueEnd - date[1].length, end: serialEnd, digits });
}

const isAsciiDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
/** Trimmed around a cell by cellsOf: space, quote, CR. */
const isCellPad = (c: number): boolean => c === 32 || c === 34 || c === 13;
/** What ends a cell: tab, ; or , (or a line break). */
const isCellEdge = (c: number): boolean => c === 9 || c === 59 || c === 44 || c === 10;

/**
 * Whether the whole digit run from `start` to `end` could be the serial of a pair: a whole table cell
 * of three or four digits, or four digits at most eight characters of [.: tab] after a serial
 * label (SERIAL_VALUE). Every pair's serial is one of these, so a text
 * without any has no pair, and the label search need not run: it costs as much as the rest of
 * the CPR detector's pass over prose. A cheap superset; findLabelledPairs decides.
 */
export function maySerialAt(text: string, start: number, end: number): boolean {
  // start..end is a whole run of ASCII digits: both callers find it so.
  const len = end - start;
  if (len < 3 || len > 4) return false;
  let b = start - 1;
  while (b >= 0 && isCellPad(text.charCodeAt(b))) b--;
  let f = end;
  while (f < text.length && isCellPad(text.charCodeAt(f))) f++;
  if ((b < 0 || isCellEdge(text.charCodeAt(b))) && (f >= text.length || isCellEdge(text.charCodeAt(f)))) return true;
  if (len !== 4) return false;
  let k = start - 1;
  for (let n = 0; n < 8 && k >= 0; n++, k--) {
    const c = text.charCodeAt(k);
    if (c !== 46 && c !== 58 && c !== 32 && c !== 9) break;
  }
  if (k < 0 || !isAsciiLetter(text.charCodeAt(k))) return false;
  // The word before must be a serial label ("marts 2024" is not): checked on a few characters only.
  return SERIAL_LABEL_BEFORE.test(text.slice(Math.max(0, k - 19), k + 1));
}

/** Whether any digit run from `from` to `to` could be a pair's serial (maySerialAt). */
export function maySerialIn(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to) {
    if (!isAsciiDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < text.length && isAsciiDigit(text.charCodeAt(e))) e++;
    if (maySerialAt(text, i, e)) return true;
    i = e;
  }
  return false;
}

/** Date and serial under two labels, in text order. */
export function findLabelledPairs(text: string): LabelledPair[] {
  const out: LabelledPair[] = [];
  // The module's global regexes, started from the beginning: the function runs to its end synchronously.
  const labels = SERIAL_LABEL;
  labels.lastIndex = 0;
  let consumed = 0;
  // The line of the current label, found once per line (a line holding many labels is not
  // searched again for each), and tried as a header once.
  let lineStart = 0;
  let lineStop = -1;
  let triedLine = -1;
  let m: RegExpExecArray | null;
  while ((m = labels.exec(text)) !== null) {
    const at = m.index;
    if (at < consumed) continue;
    if (at > lineStop) {
      // The previous line ended at lineStop, so this backward search never passes it.
      lineStart = text.lastIndexOf("\n", at - 1) + 1;
      lineStop = lineEnd(text, at);
    }
    if (lineStart !== triedLine && lineStop - lineStart <= MAX_ROW) {
      triedLine = lineStart;
      const tableEnd = readTable(text, lineStart, lineStop, out);
      if (tableEnd >= 0) {
        consumed = tableEnd;
        labels.lastIndex = Math.max(labels.lastIndex, tableEnd);
        continue;
      }
    }
    readForm(text, at, at + m[0].length, out);
  }
  return out.sort((a, b) => a.start - b.start);
}
