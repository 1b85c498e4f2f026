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
  /(?:^|[^\p{L}])(?:p[ .-]?n(?:umme)?r|p[ .-]nummer|konto(?:[ .-]?(?:nr|nummer))?|reg(?:istrerings)?[ .-]?(?:nr|nummer)|faktura(?:[ .-]?(?:nr|nummer))?|ordre(?:[ .-]?(?:nr|nummer))?|kunde[ .-]?(?:nr|nummer)|vare[ .-]?(?:nr|nummer)|bilags?[ .-]?(?:nr|nummer)|journal[ .-]?(?:nr|nummer)|reference[ .-]?(?:nr|nummer)|ref\.? ?nr|tlf|telefon(?:nummer|nr)?|mobil(?:nummer|nr)?|fax|ean|gln|cvr(?:[ .-]?(?:nr|nummer))?|se[ .-]nr|iban|swift|account(?: no| number)?|invoice(?: no| number)?|order(?: no| number)?|phone|tel)(?![\p{L}])/iu;

export interface LocalContext {
  readonly positive: boolean;
  readonly negative: boolean;
}

export function readLocalContext(text: string, start: number, end: number): LocalContext {
  const before = text.slice(Math.max(0, start - CONTEXT_BEFORE), start);
  const after = text.slice(end, Math.min(text.length, end + CONTEXT_AFTER));
  // Only the nearest words count: cut the window at the previous number, so a label
  // that belongs to an earlier value ("Kontonr. 1234 ... CPR 010190-1234") is not read.
  const nearBefore = cutAtLastNumber(before);
  const nearAfter = cutAtFirstNumber(after);
  return {
    positive: POSITIVE.test(nearBefore) || POSITIVE.test(nearAfter),
    negative: NEGATIVE.test(nearBefore) || NEGATIVE.test(nearAfter),
  };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function cutAtLastNumber(s: string): string {
  for (let i = s.length - 1; i >= 0; i--) {
    if (isDigit(s.charCodeAt(i))) return s.slice(i + 1);
  }
  return s;
}

function cutAtFirstNumber(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (isDigit(s.charCodeAt(i))) return s.slice(0, i);
  }
  return s;
}
