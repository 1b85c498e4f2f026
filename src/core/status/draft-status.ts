/**
 * The status of a draft, derived once for everyone who shows it: the line in the compose form's
 * notification bar (written by the status handlers and by the pane) and the pane's headline.
 * Pure: the same check gives the same words, whoever computes them.
 */
import { protectionText } from "../i18n/block-message";
import type { Strings } from "../i18n/strings";
import { FIXED_BY_ENCRYPTION, isInternal, termContext, termStanding, type Decision, type Recipient } from "../policy/decide-send";
import type { Policy } from "../policy/policy";
import { withholdsSending, type ScanResult } from "../scan/findings";

export type StatusKind = "allowed" | "blocked" | "secured" | "smime" | "failed" | "checking" | "no-item";

/** What a draft check found: the facts the status is derived from. */
export interface CheckedDraft {
  readonly decision: Decision;
  readonly result: ScanResult;
  readonly recipients: readonly Recipient[];
}

export interface DraftStatus {
  /** The notification bar's line (at most 150 characters, Outlook's limit). */
  readonly line: string;
  /** The pane's headline. */
  readonly headline: { readonly kind: StatusKind; readonly text: string };
}

/** Outlook's limit on a notification message. */
export const MAX_STATUS_LINE = 150;

function fitLine(text: string): string {
  return text.length <= MAX_STATUS_LINE ? text : `${text.slice(0, MAX_STATUS_LINE - 1)}…`;
}

/** The status of a checked draft; `null` when the check failed. */
export function draftStatus(check: CheckedDraft | null, policy: Policy | null, s: Strings): DraftStatus {
  if (check === null || policy === null) return { line: s.status.failed, headline: { kind: "failed", text: s.pane.statusFailed(s.failure.office_api) } };
  const { decision, result, recipients } = check;
  const counted = (f: ScanResult["findings"][number]): boolean => f.kind === "term" || policy.detection.cpr.countedConfidence.includes(f.confidence);
  const p = decision.protection;
  // A sensitive word that only names a topic is shown in the pane, not reported as a reason.
  const context = termContext({ findings: result.findings, recipients, policy: policy.send, countedConfidence: policy.detection.cpr.countedConfidence });
  let line: string;
  const fromPane = decision.reasons.some((r) => r.code === "SMIME_FROM_PANE");
  if (decision.secured) line = s.status.secured(protectionText(p, s));
  else if (p.kind === "unverified") line = s.status.unverified(protectionText(p, s));
  else if (fromPane) line = s.status.smimeFromPane(smimeWhat(decision, s));
  else if (result.findings.some((f) => f.kind === "cpr" && counted(f))) line = s.status.notSecuredCpr;
  else if (result.findings.some((f) => f.kind === "term" && termStanding(f, context) !== "topic")) line = s.status.notSecuredTerms;
  else if (result.unreadable.some(withholdsSending)) line = s.status.notSecuredUnreadable;
  // Whether anyone is outside the organisation: the decision's own rule, not the exposed list (empty when allowed).
  else line = recipients.some((r) => !isInternal(r, policy.send)) ? s.status.clean : s.status.internalOnly;
  return { line: fitLine(line), headline: headlineOf(decision, s) };
}

/** What makes an smime-method mail need the pane, in the pane's short words. */
function smimeWhat(decision: Decision, s: Strings): string {
  return decision.reasons
    .filter((r) => r.code !== "SMIME_FROM_PANE")
    .map((r) => s.pane.short[r.code] ?? r.code)
    .join("; ");
}

function headlineOf(decision: Decision, s: Strings): DraftStatus["headline"] {
  // Only the pane's "Send krypteret" sends it; anything else that blocks (a CPR number in the subject) still blocks there.
  if (decision.action === "block" && decision.reasons.every((r) => r.code === "SMIME_FROM_PANE" || FIXED_BY_ENCRYPTION.includes(r.code)) && decision.reasons.some((r) => r.code === "SMIME_FROM_PANE")) {
    return { kind: "smime", text: s.pane.statusSmime(smimeWhat(decision, s)) };
  }
  if (decision.action === "block") {
    const why = decision.reasons.map((r) => s.pane.short[r.code] ?? r.code).join("; ");
    return { kind: decision.reasons.some((r) => r.code === "CHECK_FAILED") ? "failed" : "blocked", text: s.pane.statusBlocked(why) };
  }
  if (decision.secured) return { kind: "secured", text: s.pane.statusSecured(protectionText(decision.protection, s)) };
  return { kind: "allowed", text: s.pane.statusAllowed };
}
