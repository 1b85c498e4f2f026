/**
 * Local context around a candidate number. Context is only ever read within a few words
 * of the number: a word elsewhere in the mail never hides a real CPR number.
 */

/** Characters read before and after a candidate: about four words. */
export const CONTEXT_BEFORE = 40;
export const CONTEXT_AFTER = 24;

// The windows are bounded, so these small regexes run in constant time per candidate.
const POSITIVE =
  /(?:^|[^\p{L}])(?:cpr(?:[ .-]?(?:nr|nummer|no|number))?|personn(?:umme)?r|pers\.? ?nr|fødselsdato|foedselsdato|fødselsnummer|født|civil registration|personal (?:id|identification)|social security|date of birth|d\.?o\.?b|born)(?![\p{L}])/iu;
const NEGATIVE =
  /(?:^|[^\p{L}])(?:sags?[ .-]?(?:nr|nummer)|dok(?:ument)?[ .-]?(?:nr|nummer)|police[ .-]?(?:nr|nummer)|medarbejder[ .-]?(?:nr|nummer)|se[ .-]?nummer|customer(?:[ .-]?(?:no|nr|number|id))?|proto(?:col|kol)(?:[ .-]?(?:no|nr|number|nummer))?|case (?:no|number)|p[ .-]?n(?:umme)?r|p[ .-]nummer|konto(?:[ .-]?(?:nr|nummer))?|reg(?:istrerings)?[ .-]?(?:nr|nummer)|faktura(?:[ .-]?(?:nr|nummer))?|ordre(?:[ .-]?(?:nr|nummer))?|kunde[ .-]?(?:nr|nummer)|vare[ .-]?(?:nr|nummer)|bilags?[ .-]?(?:nr|nummer)|journal[ .-]?(?:nr|nummer)|reference[ .-]?(?:nr|nummer)|ref\.? ?nr|tlf|telefon(?:nummer|nr)?|mobil(?:nummer|nr)?|fax|ean|gln|cvr(?:[ .-]?(?:nr|nummer))?|se[ .-]nr|iban|swift|account(?: no| number)?|invoice(?: no| number)?|order(?: no| number)?|phone|tel)(?![\p{L}])/iu;

/** POSITIVE anchored at the end: a CPR label written right against the digits ("CPR0101901234"). */
const POSITIVE_AT_END = new RegExp(`${POSITIVE.source.slice(0, POSITIVE.source.lastIndexOf("(?!"))}$`, "iu");

/** True when the text just before `at` ends in a CPR label (no space between). */
export function cprLabelEndsAt(text: string, at: number): boolean {
  return POSITIVE_AT_END.test(text.slice(Math.max(0, at - 30), at));
}

export interface LocalContext {
  readonly positive: boolean;
  readonly negative: boolean;
}

export function readLocalContext(text: string, start: number, end: number): LocalContext {
  const after = text.slice(end, Math.min(text.length, end + CONTEXT_AFTER));
  // Only the nearest words count: cut the window at the previous number, so a label
  // that belongs to an earlier value ("Kontonr. 12345678, CPR 010190-1234") is not read.
  const nearBefore = wordsBefore(text, start);
  const nearAfter = cutAtFirstNumber(after);
  return {
    positive: POSITIVE.test(nearBefore) || POSITIVE.test(nearAfter),
    negative: NEGATIVE.test(nearBefore) || NEGATIVE.test(nearAfter),
  };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Longest bank registration number ("reg.nr.") read past, and the most characters between it and the number. */
const PREFIX_DIGITS = 4;
const PREFIX_GAP = 3;

/**
 * The words before `start` (at most CONTEXT_BEFORE characters), cut at the previous number.
 * A bank registration number written just before the number (1-4 digits, then at most three
 * of " -./") is read past, so the label before both is seen: "Kontonr. 1234-0101901234",
 * "Reg.nr. 1234 0101901234".
 */
function wordsBefore(text: string, start: number): string {
  const from = Math.max(0, start - CONTEXT_BEFORE);
  let k = start - 1;
  while (k >= from && !isDigit(text.charCodeAt(k))) k--;
  if (k < from) return text.slice(from, start);
  const gap = start - 1 - k;
  if (gap >= 1 && gap <= PREFIX_GAP && onlyJoiners(text, k + 1, start)) {
    let d = k;
    while (d >= from && isDigit(text.charCodeAt(d))) d--;
    if (k - d <= PREFIX_DIGITS && (d < from || !isLetterCode(text.charCodeAt(d)))) {
      let m = d;
      while (m >= from && !isDigit(text.charCodeAt(m))) m--;
      return text.slice(m + 1, d + 1);
    }
  }
  return text.slice(k + 1, start);
}

function onlyJoiners(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 45 && c !== 46 && c !== 47) return false;
  }
  return true;
}

/** A letter of any script: ASCII and Latin-1 by code, the rest by Unicode property. */
export function isLetterCode(c: number): boolean {
  if (c < 0x80) return ((c | 32) >= 97 && (c | 32) <= 122);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c <= 0xff) return c !== 0xd7 && c !== 0xf7;
  return LETTER.test(String.fromCharCode(c));
}
const LETTER = /\p{L}/u;

function cutAtFirstNumber(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (isDigit(s.charCodeAt(i))) return s.slice(0, i);
  }
  return s;
}
