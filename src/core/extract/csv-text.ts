/**
 * CSV as Excel exports it: a CPR number kept as a number in the sheet loses its leading zero
 * (010190-1234 → 101901234) for everyone born on the 1st to the 9th. Where the first row names
 * a column CPR, cpr-nr., personnummer …, a 9-digit value in that column gets its zero back; no
 * other column is changed. One pass over the text, quoted fields (with ; , or line breaks in
 * them) read as CSV reads them.
 */

/** A header that names a CPR column: "CPR", "CPR-nr.", "Borgers cpr nummer", "Personnummer", "Person nr". */
const CPR_HEADER = /cpr|person\s{0,2}[-.]?\s{0,2}n(umme)?r/i;

/** The delimiter of the first line: the most frequent of ; , and tab outside quotes (Danish Excel writes ;). */
function delimiterOf(text: string): string {
  let semi = 0;
  let comma = 0;
  let tab = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 10 || c === 13) break;
    else if (c === 59) semi++;
    else if (c === 44) comma++;
    else if (c === 9) tab++;
  }
  return tab > semi && tab > comma ? "\t" : comma > semi ? "," : ";";
}

/** Where a field's value is, quotes and surrounding spaces left out. */
function digitsAt(text: string, from: number, to: number): number {
  let a = from;
  let b = to;
  while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 34)) a++;
  while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 34 || text.charCodeAt(b - 1) === 13)) b--;
  if (b - a !== 9) return -1;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  return a;
}

/** The CSV text with the leading zero restored in CPR columns (the text as it is when there is none). */
export function csvWithCprZeros(text: string): string {
  const delimiter = delimiterOf(text).charCodeAt(0);
  const cprColumns = new Set<number>();
  const inserts: number[] = [];
  let row = 0;
  let column = 0;
  let start = 0;
  let quoted = false;
  const endField = (end: number): void => {
    if (row === 0) {
      const name = text.slice(start, end).replace(/"/g, "").trim();
      if (CPR_HEADER.test(name)) cprColumns.add(column);
    } else if (cprColumns.has(column)) {
      const at = digitsAt(text, start, end);
      if (at >= 0) inserts.push(at);
    }
  };
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 10;
    if (quoted) {
      if (c === 34) quoted = false;
      continue;
    }
    if (c === 34) quoted = true;
    else if (c === delimiter) {
      endField(i);
      column++;
      start = i + 1;
    } else if (c === 10) {
      endField(i);
      if (row === 0 && cprColumns.size === 0) return text;
      row++;
      column = 0;
      start = i + 1;
    }
  }
  if (inserts.length === 0) return text;
  const parts: string[] = [];
  let from = 0;
  for (const at of inserts) {
    parts.push(text.slice(from, at), "0");
    from = at;
  }
  parts.push(text.slice(from));
  return parts.join("");
}
