/** Runs both detectors over one part of a mail and turns matches into findings. */
import { CprDetector, type CprMatch } from "../cpr/cpr-detector";
import type { TermAbout } from "../terms/lexicon";
import { TermDetector, type TermMatch } from "../terms/term-detector";
import { normaliseText } from "../text/normalise";
import type { Finding, MailPart } from "./findings";

export interface Detectors {
  readonly cpr: CprDetector;
  readonly terms: TermDetector;
}

export interface TextPart {
  readonly part: MailPart;
  readonly path?: readonly string[];
  /** Plain text (HTML is converted before this point). */
  readonly text: string;
}

const SNIPPET_RADIUS = 30;

/** The text around [start, end) with every CPR number in it masked, on one line. */
export function maskedSnippet(text: string, start: number, end: number, cprs: readonly CprMatch[]): string {
  const from = Math.max(0, start - SNIPPET_RADIUS);
  const to = Math.min(text.length, end + SNIPPET_RADIUS);
  let out = "";
  let at = from;
  // Matches are in text order: start at the first one that can reach the window, stop after it.
  let lo = 0;
  let hi = cprs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cprs[mid]?.end ?? 0) <= from) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < cprs.length; k++) {
    const m = cprs[k];
    if (m === undefined || m.start >= to) break;
    // A number cut by the window edge is masked whole or dropped, never shown in part.
    const s = Math.max(m.start, from);
    out += text.slice(at, s) + (m.start >= from ? m.masked : "");
    at = Math.min(m.end, to);
    if (m.end > to) break;
  }
  out += text.slice(at, to);
  return (from > 0 ? "…" : "") + out.replace(/\s+/g, " ").trim() + (to < text.length ? "…" : "");
}

/**
 * The text around every term match in a part, by lexicon entry ("category/term"): a finding keeps
 * only its entry's first match, and a "warn" confirmation must cover the others too (confirm-key.ts).
 * A snippet's reach, within the match's own line (paragraph): text written in another paragraph
 * is not part of it. Only ever digested, never kept, so CPR numbers in it are not masked.
 */
export function termOccurrences(detectors: Detectors, raw: string): Map<string, string[]> {
  const { text } = normaliseText(raw);
  const out = new Map<string, string[]>();
  for (const m of detectors.terms.find(text)) {
    const from = Math.max(0, m.start - SNIPPET_RADIUS);
    const window = text.slice(from, m.end + SNIPPET_RADIUS);
    // Line breaks are looked for inside the window only: linear however long the line.
    const lineStart = window.lastIndexOf("\n", m.start - from - 1) + 1;
    const lineEnd = window.indexOf("\n", m.end - from);
    const around = window.slice(lineStart, lineEnd < 0 ? window.length : lineEnd).replace(/\s+/g, " ");
    const list = out.get(m.key);
    if (list === undefined) out.set(m.key, [around]);
    else list.push(around);
  }
  return out;
}

/**
 * Findings of one part. `isNew(kind, what)`, when given, is asked before a finding is built
 * (what is the CPR value, or "category/term"): a repeat the caller would drop costs no snippet.
 * `onPerson`, when given, hears what in the part refers to a person, terms or not (findAbout).
 */
export function scanTextPart(
  detectors: Detectors,
  input: TextPart,
  isNew?: (kind: Finding["kind"], what: string) => boolean,
  onPerson?: (about: TermAbout) => void,
): Finding[] {
  const normalised = normaliseText(input.text);
  const { text } = normalised;
  const cprs = detectors.cpr.find(text);
  const findings: Finding[] = [];
  const loc = (start: number, end: number) => ({
    part: input.part,
    ...(input.path !== undefined ? { path: input.path } : {}),
    // Offsets point into the part's own text, for highlighting; detectors ran on the normalised copy.
    start: normalised.sourceOffset(start),
    end: end > start ? normalised.sourceOffset(end - 1) + 1 : normalised.sourceOffset(start),
    snippet: maskedSnippet(text, start, end, cprs),
  });
  for (let k = 0; k < cprs.length; k++) {
    const m = cprs[k] as CprMatch;
    if (isNew !== undefined && !isNew("cpr", m.value)) continue;
    findings.push({
      kind: "cpr",
      value: m.value,
      masked: m.masked,
      birthDate: m.birthDate,
      confidence: m.confidence,
      reasons: m.reasons,
      where: loc(m.start, m.end),
    });
  }
  // A case list repeats its terms in every row (tens of thousands of matches, a few findings):
  // each term is put to isNew once per part (its answer cannot change within the part), so only
  // the first match of each is asked for.
  const { matches: terms, person } = detectors.terms.findAbout(text, isNew !== undefined);
  if (person !== null && onPerson !== undefined) onPerson(person);
  for (let k = 0; k < terms.length; k++) {
    const t = terms[k] as TermMatch;
    if (isNew !== undefined && !isNew("term", t.key)) continue;
    findings.push({
      kind: "term",
      term: t.term,
      category: t.category,
      lang: t.lang,
      weight: t.weight,
      matched: text.slice(t.start, t.end),
      where: loc(t.start, t.end),
      ...(t.about !== undefined ? { about: t.about } : {}),
    });
  }
  return findings;
}
