/**
 * Calendar (.ics, RFC 5545) and contact (.vcf, RFC 6350 and vCard 2.1) files: content lines
 * longer than 75 octets are folded (a line break and one space or tab), and vCard 2.1 writes
 * values as quoted-printable, with "=" soft line breaks. Read as they are, a CPR number in a
 * note is split by a fold or hidden as "=30=31…". Here the lines are unfolded, quoted-printable
 * values decoded (in their CHARSET) and text escapes (\n, \, …) undone, in one pass.
 */
import { decodeText } from "./decode-text";

/** True when a text is an iCalendar or vCard object (its first line, after blank lines). */
export function looksLikeContentLines(text: string): boolean {
  return /^\s{0,64}BEGIN:(VCALENDAR|VCARD|VEVENT|VTODO)\s/i.test(text.slice(0, 200));
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Quoted-printable to bytes; soft line breaks are already joined. A broken "=" stays as it is. */
function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 61 /* = */ && i + 2 < value.length && hexValue(value.charCodeAt(i + 1)) >= 0 && hexValue(value.charCodeAt(i + 2)) >= 0) {
      bytes.push(hexValue(value.charCodeAt(i + 1)) * 16 + hexValue(value.charCodeAt(i + 2)));
      i += 2;
    } else if (c < 0x100) bytes.push(c);
    else bytes.push(0x3f);
  }
  return decodeText(Uint8Array.from(bytes), charset);
}

/** RFC 5545/6350 text escapes: \n and \N are line breaks, \, \; \\ the character itself. */
function unescapeText(value: string): string {
  if (!value.includes("\\")) return value;
  return value.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

/** The value of a parameter (NAME=value) among a property's parameters, upper-cased, or undefined. */
function param(params: readonly string[], name: string): string | undefined {
  for (const p of params) {
    const eq = p.indexOf("=");
    if (eq < 0) continue;
    if (p.slice(0, eq).trim().toUpperCase() === name) return p.slice(eq + 1).replace(/^"|"$/g, "").trim();
  }
  return undefined;
}

/** One unfolded content line as text: "NAME: value", the value decoded. */
function lineText(line: string, qp: boolean): string {
  const colon = line.indexOf(":");
  if (colon < 0) return line;
  const params = line.slice(0, colon).split(";");
  const name = params.shift() ?? "";
  const value = line.slice(colon + 1);
  const decoded = qp ? decodeQuotedPrintable(value, param(params, "CHARSET") ?? "utf-8") : unescapeText(value);
  return `${name}: ${decoded}`;
}

/** Whether a property's name and parameters (before the first ":") say its value is quoted-printable. */
function isQuotedPrintable(line: string): boolean {
  const colon = line.indexOf(":");
  const head = (colon < 0 ? line : line.slice(0, colon)).toUpperCase();
  // vCard 2.1 writes ENCODING=QUOTED-PRINTABLE, or the bare QUOTED-PRINTABLE parameter.
  return head.includes(";ENCODING=QUOTED-PRINTABLE") || head.includes(";QUOTED-PRINTABLE");
}

/**
 * The text of an iCalendar or vCard object: one line per property, unfolded and decoded. A
 * property's pieces are kept in a list and joined once (a string grown and cut piece by piece
 * would be copied again for every continuation line: quadratic in a hostile file).
 */
export function contentLinesText(text: string): string {
  const out: string[] = [];
  let pieces: string[] | null = null;
  let qp = false;
  const flush = (): void => {
    if (pieces !== null) out.push(lineText(pieces.join(""), qp));
  };
  for (const line of text.split(/\r\n|\n|\r/)) {
    const c = line.charCodeAt(0);
    if (pieces !== null && (c === 32 || c === 9)) {
      // A folded line: the break and the one space or tab are taken out.
      if (line.length > 1) pieces.push(line.slice(1));
      continue;
    }
    const last: string | undefined = pieces?.[pieces.length - 1];
    if (pieces !== null && qp && last?.endsWith("=") === true) {
      // A quoted-printable soft line break: the value goes on, on the next line, as it is.
      pieces[pieces.length - 1] = last.slice(0, -1);
      if (line !== "") pieces.push(line);
      continue;
    }
    flush();
    pieces = [line];
    qp = isQuotedPrintable(line);
  }
  flush();
  return out.join("\n");
}
