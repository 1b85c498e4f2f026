/** Turns a send decision into the text Outlook shows in the Smart Alerts dialog. */
import type { Decision, Reason } from "../policy/decide-send";
import { attestationHolds, danishDate, type Protection, type ProtectionPolicy } from "../secure/protection";
import { describePath, type Location } from "../scan/findings";
import type { Strings } from "./strings";

/** Smart Alerts shows at most this many characters of errorMessage. */
export const MAX_ERROR_MESSAGE = 500;

function whereText(s: Strings, where: Pick<Location, "part" | "path">): string {
  if (where.part === "subject") return s.where.subject;
  if (where.part === "body") return s.where.body;
  return s.where.attachment(describePath(where.path));
}

/** CPR numbers the message names; the rest are counted ("og 3 flere"). */
export const SHOWN_CPRS = 2;

/** `others`: items not in `items` that the count includes. */
function listWithMore(s: Strings, items: readonly string[], max: number, others = 0): string {
  const shown = items.slice(0, max).join(", ");
  const more = Math.max(0, items.length - max) + others;
  return more > 0 ? shown + s.andMore(more) : shown;
}

/** The protection as a phrase: what encrypts the mail and how the add-in knows, or why nothing shows it does. */
export function protectionText(p: Protection, s: Strings): string {
  if (p.kind === "gateway") return s.protection.gateway(danishDate(p.verifiedAt), p.signs);
  if (p.kind === "label") return s.protection.label(p.name, p.signs);
  if (p.kind === "smime") return s.protection.smime(p.signs);
  if (p.kind === "unverified") return s.protection.unverified[p.why](p.since !== undefined ? danishDate(p.since) : "");
  return "";
}

function foundText(s: Strings, reason: Reason): string | null {
  if (reason.protection !== undefined) return protectionText(reason.protection, s);
  if (reason.cprs && reason.cprs.length > 0) {
    const unique = [...new Map(reason.cprs.map((c) => [`${c.masked}${whereText(s, c.where)}`, c])).values()];
    return listWithMore(s, unique.map((c) => s.found.cpr(c.masked, whereText(s, c.where))), SHOWN_CPRS, reason.moreCprs ?? 0);
  }
  if (reason.terms && reason.terms.length > 0) {
    const cats = [...new Set(reason.terms.map((t) => s.category[t.category] ?? t.category))];
    return s.found.terms(cats.join(", "));
  }
  if (reason.unreadable && reason.unreadable.length > 0) {
    return listWithMore(s, reason.unreadable.map((u) => s.found.unreadable(describePath(u.path), s.unreadableReason[u.reason] ?? u.reason)), 1);
  }
  return null;
}

/** Plain text for errorMessage: what was found (masked), who the problem is, how to fix it. Never the mail text. */
export function blockMessage(decision: Decision, s: Strings): string {
  const lines: string[] = [];
  for (const r of decision.reasons) {
    let line = s.reason[r.code];
    if (r.failure) line += ` (${s.failure[r.failure.kind]}.)`;
    const found = foundText(s, r);
    if (found !== null) line += ` ${found.charAt(0).toUpperCase()}${found.slice(1)}.`;
    lines.push(line);
  }
  if (decision.exposedRecipients.length > 0) {
    lines.push(s.recipients(listWithMore(s, decision.exposedRecipients.map((r) => r.address), 3)));
  }
  const codes = new Set(decision.reasons.map((r) => r.code));
  if (codes.has("CPR_IN_SUBJECT")) lines.push(s.fix.subject);
  // Securing cannot help while the chosen protection is not shown to encrypt: fix.protection says what can.
  const unverified = codes.has("PROTECTION_UNVERIFIED");
  // smime method: "Send sikkert" does not exist; the pane's "Send krypteret" is the fix.
  if (codes.has("SMIME_FROM_PANE")) lines.push(s.fix.smime);
  else if (!unverified && (codes.has("CPR_UNENCRYPTED") || codes.has("SENSITIVE_UNENCRYPTED"))) lines.push(s.fix.secure);
  else if (!unverified && codes.has("UNREADABLE_ATTACHMENT")) lines.push(s.fix.unreadable);
  if (codes.has("SENSITIVE_CONFIRM") || codes.has("UNREADABLE_CONFIRM")) lines.push(s.fix.confirm);
  if (codes.has("PROTECTION_UNVERIFIED")) lines.push(s.fix.protection);
  if (codes.has("LABEL_APPLIED")) lines.push(s.fix.labelApplied);
  if (codes.has("CHECK_FAILED")) lines.push(s.fix.retry);
  if (decision.advice.includes("USE_DIGITAL_POST")) lines.push(s.digitalPost);
  return fit(lines, MAX_ERROR_MESSAGE);
}

/** Joins lines and shortens the longest ones, so the fix instructions at the end are never cut off. */
function fit(lines: string[], max: number): string {
  let text = lines.join("\n");
  while (text.length > max) {
    let longest = 0;
    lines.forEach((l, i) => {
      if (l.length > (lines[longest] ?? "").length) longest = i;
    });
    const l = lines[longest] ?? "";
    const cut = Math.max(20, l.length - (text.length - max) - 1);
    if (cut >= l.length) break;
    lines[longest] = `${l.slice(0, cut)}…`;
    text = lines.join("\n");
  }
  return text.slice(0, max);
}

/** What the organisation's protection method does, for the guidance: the truth of the policy at `now`. */
export function methodGuidance(policy: ProtectionPolicy, now: number, s: Strings): string {
  if (policy.method === "smime") return s.guidance.method.smime(policy.smime?.mode !== "encrypt-only");
  if (policy.method === "label") {
    const label = policy.labels.encrypting.find((l) => l.id === policy.labels.apply);
    return s.guidance.method.label(label?.name ?? "", label?.signs ?? false);
  }
  const a = policy.gateway;
  if (a !== undefined && attestationHolds(a, now)) return s.guidance.method.gateway(danishDate(a.verifiedAt), a.signs);
  return policy.minimumEvidence === "marker" ? s.guidance.method.markerAccepted : s.guidance.method.unverified;
}
