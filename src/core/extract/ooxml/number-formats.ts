/**
 * Numbers in worksheets and the leading zero: a CPR number typed as a number is stored without
 * it (010190-1234 → 101901234). A zero-padded cell format shows it again; without one, a
 * 9-digit whole number is given both as it is and with the zero restored.
 */
import { attrValue, scanXml } from "../xml-scan";

/**
 * Zero-padded number formats by cell style index: a format such as `0000000000` or `000000-0000`
 * shows 101901234 as 0101901234, which is how a CPR number typed as a number is usually kept.
 */
export function zeroPaddedStyles(stylesXml: string): Map<number, string> {
  const formats = new Map<number, string>();
  const padded = new Map<number, string>();
  let inCellXfs = false;
  let xfIndex = 0;
  scanXml(stylesXml, {
    open(name, attrs) {
      if (name === "numFmt") {
        const id = Number(attrValue(attrs, "numFmtId"));
        const pattern = zeroPattern(attrValue(attrs, "formatCode") ?? "");
        if (pattern !== null && Number.isInteger(id)) formats.set(id, pattern);
      } else if (name === "cellXfs") {
        inCellXfs = true;
      } else if (name === "xf" && inCellXfs) {
        const pattern = formats.get(Number(attrValue(attrs, "numFmtId")));
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
