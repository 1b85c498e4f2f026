/** What the pane shows, derived from one draft check with the same decision function as the send handler. */
import type { DraftCheck } from "../draft/draft-checker";
import { protectionText } from "../core/i18n/block-message";
import { isInternal, termContext, termStanding } from "../core/policy/decide-send";
import { termStandingText } from "../core/terms/term-standing-text";
import { draftStatus, type DraftStatus } from "../core/status/draft-status";
import type { Policy } from "../core/policy/policy";
import { describePath, withholdsSending, type Finding } from "../core/scan/findings";
import type { Strings } from "../core/i18n/strings";
import type { Scanner } from "../core/scan/scanner";

export type { StatusKind } from "../core/status/draft-status";

export interface FindingRow {
  readonly label: string;
  readonly where: string;
  readonly why: string;
  readonly counts: boolean;
}

export interface PaneModel {
  readonly status: DraftStatus["headline"];
  /** What protects the mail and how the add-in knows; "" when secure sending is not chosen. */
  readonly protection: string;
  readonly findings: readonly FindingRow[];
  readonly external: readonly string[];
  readonly unreadable: readonly string[];
  /** Pictures the policy says not to read (images): shown, never a reason to block. */
  readonly picturesNotRead: readonly string[];
}

function whereText(s: Strings, f: Finding): string {
  const w = f.where;
  return w.part === "subject" ? s.where.subject : w.part === "body" ? s.where.body : s.where.attachment(describePath(w.path));
}

export function paneModel(check: DraftCheck, policy: Policy, scanner: Scanner, s: Strings): PaneModel {
  const categories = new Map(scanner.lexicon.categories.map((c) => [c.id, c]));
  // Whether a sensitive word counts: about a person, or only a topic (decideSend's own rule).
  const context = termContext({ findings: check.result.findings, recipients: check.recipients, policy: policy.send, countedConfidence: policy.detection.cpr.countedConfidence });
  const findings: FindingRow[] = check.result.findings.map((f) => {
    if (f.kind === "cpr") {
      return {
        label: `${s.pane.found.cpr} ${f.masked}`,
        where: whereText(s, f),
        why: f.reasons.map((r) => s.pane.cprWhy[r] ?? r).join("; "),
        counts: policy.detection.cpr.countedConfidence.includes(f.confidence),
      };
    }
    const cat = categories.get(f.category);
    // The matched word is the user's own text: it is shown as text, never as markup.
    return {
      label: `${s.pane.found.term}: "${f.matched}"`,
      where: whereText(s, f),
      why: `${s.pane.termWhy(s.category[f.category] ?? f.category, cat?.legalBasis ?? "")}; ${termStandingText(s, f, termStanding(f, context))}`,
      counts: termStanding(f, context) !== "topic",
    };
  });
  return {
    status: draftStatus(check, policy, s).headline,
    protection: check.decision.protection.kind === "none" ? "" : `${s.pane.protectionLabel}: ${protectionText(check.decision.protection, s)}`,
    findings,
    external: check.recipients.filter((r) => !isInternal(r, policy.send)).map((r) => r.address),
    unreadable: check.result.unreadable.filter(withholdsSending).map((u) => `${describePath(u.path)}: ${s.unreadableReason[u.reason] ?? u.reason}`),
    picturesNotRead: check.result.unreadable.filter((u) => !withholdsSending(u)).map((u) => describePath(u.path)),
  };
}
