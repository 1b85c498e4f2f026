/**
 * Numbers in worksheets and the leading zero: a CPR number typed as a number is stored without
 * it (010190-1234 → 101901234). A zero-padded cell format shows it again; without one, a
 * 9-digit whole number is given both as it is and with the zero restored. A date cell (a day
 * count under a date format) is shown as the date, DD-MM-YYYY: a "Fødselsdato" column is then
 * a birth date the CPR detector can pair with a "Løbenr." column (cpr-label-pairs.ts).
 */
import { attrValue, scanXml } from "../xml-scan";

/** The patterns given to date styles (1900 and 1904 date systems): no zero-padded pattern is made of these. */
export const DATE_PATTERN = "date";
const DATE_1904_PATTERN = "date1904";

/** Built-in date formats (ECMA-376 18.8.30): 14 short date, 15-17 with month names, 22 date and time. */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 22]);

/** A custom format that shows a date: day or year codes outside quotes and brackets, no digit placeholders. */
function isDateFormat(code: string): boolean {
  const first = (code.split(";")[0] ?? "").replace(/\[[^\]]{0,40}\]/g, "").replace(/"[^"]{0,40}"/g, "").replace(/\\./g, "");
  return /[dy]/i.test(first) && !/[0#?]/.test(first);
}

/** Days from 1 January 1970 to each date system's day 0 (1900: 30 December 1899, before day 61; 1904: 1 January 1904). */
const EPOCH_1900 = -25569;
const EPOCH_1904 = -24107;

/** "07", "12": two digits. */
function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * A whole day count as DD-MM-YYYY: in the 1900 date system (Excel counts a 29 February 1900 that
 * never was), or from 1 January 1904 (old Mac workbooks, workbookPr date1904). Plain arithmetic
 * (days to civil date, H. Hinnant's algorithm) rather than a Date per cell: a case list has a
 * date in every row.
 */
export function excelDateText(serial: string, date1904 = false): string {
  const count = Number(serial);
  if (!(count >= (date1904 ? 0 : 1) && count <= 2958465)) return serial;
  // A time of day is a fraction of a day: the date is the whole part.
  const days = Math.floor(count);
  const z = days + (date1904 ? EPOCH_1904 : days < 61 ? EPOCH_1900 + 1 : EPOCH_1900) + 719468;
  // From 1 March 0000, in 400-year eras; every era here is positive (1900 onwards).
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${two(day)}-${two(month)}-${year}`;
}

/**
 * Zero-padded number formats by cell style index: a format such as `0000000000` or `000000-0000`
 * shows 101901234 as 0101901234, which is how a CPR number typed as a number is usually kept.
 * Date styles map to DATE_PATTERN.
 */
export function zeroPaddedStyles(stylesXml: string, date1904 = false): Map<number, string> {
  const datePattern = date1904 ? DATE_1904_PATTERN : DATE_PATTERN;
  const formats = new Map<number, string>();
  const padded = new Map<number, string>();
  let inCellXfs = false;
  let xfIndex = 0;
  scanXml(stylesXml, {
    open(name, attrs) {
      if (name === "numFmt") {
        const id = Number(attrValue(attrs, "numFmtId"));
        const code = attrValue(attrs, "formatCode") ?? "";
        const pattern = isDateFormat(code) ? datePattern : zeroPattern(code);
        if (pattern !== null && Number.isInteger(id)) formats.set(id, pattern);
      } else if (name === "cellXfs") {
        inCellXfs = true;
      } else if (name === "xf" && inCellXfs) {
        const id = Number(attrValue(attrs, "numFmtId"));
        const pattern = formats.get(id) ?? (BUILTIN_DATES.has(id) ? datePattern : undefined);
        if (pattern !== undefined) padded.set(xfIndex, pattern);
        xfIndex++;
      }
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
    text() {
      /* no text in styles */
    },
  });
  return padded;
}

/** "0000000000" and "000000\-0000" style codes, reduced to zeros and literal dashes/spaces; others null. */
function zeroPattern(code: string): string | null {
  const first = code.split(";")[0] ?? "";
  const plain = first.replace(/\[[^\]]{0,40}\]/g, "").replace(/"([^"]{0,20})"/g, "$1").replace(/\\(.)/g, "$1");
  if (!/^[0 -]{1,30}$/.test(plain)) return null;
  const zeros = plain.replace(/[^0]/g, "").length;
  return zeros >= 2 ? plain : null;
}

/** Whole-number digits as a zero-padded pattern shows them. */
export function applyPattern(digits: string, pattern: string): string {
  if (pattern === DATE_PATTERN || pattern === DATE_1904_PATTERN) return excelDateText(digits, pattern === DATE_1904_PATTERN);
  let zeros = 0;
  for (let i = 0; i < pattern.length; i++) if (pattern.charCodeAt(i) === 48) zeros++;
  if (digits.length > zeros) return digits;
  const d = digits.padStart(zeros, "0");
  let out = "";
  let k = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    out += ch === "0" ? d.charAt(k++) : ch;
  }
  return out;
}

/**
 * The cell text of a numeric value. With a zero-padded format, the number as Excel shows it.
 * Without one, a 9-digit whole number is given both as it is and with a leading zero restored,
 * because a CPR number typed as a number loses its leading zero (010190-1234 → 101901234).
 */
export function numericCellText(value: string, pattern: string | undefined): string {
  if (!/^\d{1,15}$/.test(value)) return value;
  if (pattern !== undefined) return applyPattern(value, pattern);
  return value.length === 9 ? `${value}\t0${value}` : value;
}
