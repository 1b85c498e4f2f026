/**
 * The least of an attachment's scan result that gives the same send decision and the same block
 * message: the first CPR numbers the message can name, a count of the rest, one finding per
 * lexicon entry (two where it both names a topic and is about a person), and what could not be
 * read. The status checks keep it in the draft's session data, so that a newly started runtime
 * need not read a 5 MB case list again. It holds no full CPR number and no text of the mail: a
 * summarised CPR finding's `value` is its masked form, a term's `matched` its lexicon entry, and
 * there is no snippet. A "warn" confirmation covers an attachment by its content digest, not by
 * these findings' text (confirm-key.ts).
 */
import type { CprConfidence } from "../cpr/cpr-detector";
import { SHOWN_CPRS } from "../i18n/block-message";
import { describePath, type Finding, type ScanResult, type UnreadablePart } from "../scan/findings";

export interface SendSummary {
  readonly findings: readonly Finding[];
  readonly unreadable: readonly UnreadablePart[];
  /** Counted CPR numbers left out (see SendCheckInput.moreCprs). */
  readonly moreCprs: number;
}

/** The key the block message lists CPR numbers by (masked number and place). */
function cprKey(f: Finding & { kind: "cpr" }): string {
  return `${f.masked}\u0000${f.where.part}\u0000${describePath(f.where.path)}`;
}

/**
 * Summarises one attachment's result for decideSend and blockMessage. `counted`: the policy's
 * counted CPR confidence levels (a summary is only valid under the policy it was made with).
 * Valid alongside other parts as long as no other part's findings share a place with these
 * (attachments read on their own have names of their own).
 */
export function summariseForSend(result: ScanResult, counted: readonly CprConfidence[]): SendSummary {
  const findings: Finding[] = [];
  const cprs = new Set<string>();
  const terms = new Set<string>();
  for (const f of result.findings) {
    const where = { ...f.where, snippet: "" };
    if (f.kind === "cpr") {
      if (!counted.includes(f.confidence)) continue;
      const key = cprKey(f);
      if (cprs.has(key)) continue;
      cprs.add(key);
      if (cprs.size <= SHOWN_CPRS) findings.push({ ...f, value: f.masked, reasons: [], where });
    } else {
      // A term that only names a topic and the same term about a person (in another inner file)
      // weigh differently in decideSend: one of each is kept.
      const key = `${f.category}:${f.term}:${f.about?.kind === "topic" ? "topic" : "person"}`;
      if (terms.has(key)) continue;
      terms.add(key);
      // The word as written is text of the mail; the lexicon's entry stands in for it.
      findings.push({ ...f, matched: f.term, where });
    }
  }
  return { findings, unreadable: result.unreadable, moreCprs: Math.max(0, cprs.size - SHOWN_CPRS) };
}
