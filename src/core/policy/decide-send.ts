/**
 * The send decision: a pure function from findings, secure state, recipients and policy
 * to data. The send handler and the task pane both call it, so they cannot disagree.
 */
import { withholdsSending, type CprFinding, type Finding, type TermFinding, type UnreadablePart } from "../scan/findings";
import type { CprConfidence } from "../cpr/cpr-detector";
import { protects, type Protection } from "../secure/protection";
import type { SendPolicy } from "./send-policy";

export type RecipientField = "to" | "cc" | "bcc";

/** Outlook's classification (Office.MailboxEnums.RecipientType). */
export type OutlookRecipientType = "user" | "externalUser" | "distributionList" | "other" | "unknown";

export interface Recipient {
  readonly address: string;
  readonly name?: string;
  readonly field: RecipientField;
  readonly recipientType: OutlookRecipientType;
}

/** What the caseworker chose for the draft ("Send sikkert"); what actually protects it is a Protection (protection.ts). */
export interface SecureState {
  readonly sign: boolean;
  readonly encrypt: boolean;
  /** Address of the chosen secure sender mailbox, if any. */
  readonly mailbox?: string;
}

export const INSECURE: SecureState = { sign: false, encrypt: false };

export type ReasonCode =
  /** CPR numbers to external recipients, not signed and encrypted. */
  | "CPR_UNENCRYPTED"
  /** Sensitive terms to external recipients, not signed and encrypted. */
  | "SENSITIVE_UNENCRYPTED"
  /** A CPR number in the subject, to external recipients: subjects are never encrypted. */
  | "CPR_IN_SUBJECT"
  /** An attachment could not be read, so it cannot be shown to be safe. */
  | "UNREADABLE_ATTACHMENT"
  /** Sensitive terms, and the policy says warn: send again to confirm (recorded). */
  | "SENSITIVE_CONFIRM"
  /** An unreadable attachment, and the policy says warn: send again to confirm (recorded). */
  | "UNREADABLE_CONFIRM"
  /** Secure sending was chosen, but nothing shows that it encrypts (unattested gateway, label that does not encrypt). */
  | "PROTECTION_UNVERIFIED"
  /** The add-in set the policy's encrypting label in this send: sent again, the mail goes with it (the user sends knowingly). */
  | "LABEL_APPLIED"
  /**
   * smime method: the mail needs encryption, which only the pane's "Send krypteret" makes (the
   * send handler cannot build S/MIME in classic Outlook's runtime, nor send or discard a draft).
   */
  | "SMIME_FROM_PANE"
  /** The check itself failed (Office API error, exception, time-out, broken policy). */
  | "CHECK_FAILED";

export type FailureKind = "office_api" | "exception" | "timeout" | "policy" | "attachment_read";

export interface Reason {
  readonly code: ReasonCode;
  /** Masked CPR numbers and where they stand, for the message. */
  readonly cprs?: readonly { readonly masked: string; readonly where: CprFinding["where"] }[];
  /** Counted CPR numbers not in `cprs` (left out of a summarised attachment; see summariseForSend). */
  readonly moreCprs?: number;
  readonly terms?: readonly { readonly category: string; readonly matched: string; readonly where: TermFinding["where"] }[];
  readonly unreadable?: readonly UnreadablePart[];
  /** For CHECK_FAILED: what failed, in words safe to show (no mail content). */
  readonly failure?: { readonly kind: FailureKind; readonly detail: string };
  /** For PROTECTION_UNVERIFIED and LABEL_APPLIED: the protection as found. */
  readonly protection?: Protection;
}

export type Advice =
  /** A recipient is on a public webmail domain: write to citizens through Digital Post. */
  "USE_DIGITAL_POST";

export interface Decision {
  readonly action: "allow" | "block";
  readonly reasons: readonly Reason[];
  readonly advice: readonly Advice[];
  /** The recipients that make the mail leave the organisation unprotected. */
  readonly exposedRecipients: readonly Recipient[];
  /** Protected with the evidence the policy asks for (protection.ts). */
  readonly secured: boolean;
  /** What protects the mail, and how the add-in knows. */
  readonly protection: Protection;
  /** A fingerprint of what a "warn" asked the user to confirm; sending again with the same fingerprint confirms. */
  readonly confirmKey?: string;
}

export interface SendCheckInput {
  readonly findings: readonly Finding[];
  readonly unreadable: readonly UnreadablePart[];
  readonly recipients: readonly Recipient[];
  /** What protects the mail, found by the host (gatewayProtection, labelProtection). */
  readonly protection: Protection;
  readonly policy: SendPolicy;
  /** CPR confidence levels the detection policy counts. */
  readonly countedConfidence: readonly CprConfidence[];
  /** A confirmation the user gave on an earlier send of the same content (see confirmKey). */
  readonly confirmedKey?: string;
  /**
   * Counted CPR numbers left out of `findings`, each unique by number and place and none of
   * them among `findings`: what summariseForSend dropped of an attachment read in an earlier runtime.
   */
  readonly moreCprs?: number;
}

function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0 ? "" : address.slice(at + 1).trim().toLowerCase();
}

function inDomainList(domain: string, list: readonly string[]): boolean {
  return list.some((d) => {
    const want = d.toLowerCase();
    return domain === want || domain.endsWith(`.${want}`);
  });
}

/**
 * Internal: the address is on one of the organisation's `internalDomains` (or a subdomain).
 * Outlook's recipientType never makes an address internal: OWA and classic Outlook before
 * 2210 report a saved contact on gmail.com as "user" (OfficeDev/office-js#3122, #2819), and
 * guests and mail users in the address book can be "user" too. With no internalDomains,
 * every recipient is external.
 */
export function isInternal(r: Recipient, policy: Pick<SendPolicy, "internalDomains">): boolean {
  return inDomainList(domainOf(r.address), policy.internalDomains);
}

/** A partner domain with agreed forced TLS protects the given kind of data in transit. */
function tlsProtects(r: Recipient, policy: SendPolicy, what: "cpr" | "terms"): boolean {
  const domain = domainOf(r.address);
  return policy.partnerDomains.some((p) => p.protects.includes(what) && inDomainList(domain, [p.domain]));
}

/**
 * What decideSend reads of a mail with this protection. A protected mail can only be blocked
 * for a CPR number in its subject (which travels in clear), so its body and attachments need not
 * be read for the send: the second send after "Send sikkert" is then quick. Kept beside
 * decideSend, and checked against it by a test, so the two cannot drift apart.
 */
export function decidingParts(protection: Protection, policy: SendPolicy): "subject" | "all" {
  return protects(protection, policy.protection) ? "subject" : "all";
}

/**
 * Why a term finding counts in this mail, or "topic" when it does not. Sensitive personal data is
 * about an identifiable person: a term counts when its part ties it to a person (a reference or
 * a name near it, a date of birth, a subject over a text about a person: the finding's `about`), when the mail holds a counted CPR
 * number in any part, or when a recipient is a private person (a public webmail domain). A term
 * that only names a topic ("konference om psykiatri") is shown, never a reason to stop the mail.
 * A finding without `about` (made before the rule, or by a detector without anchors) counts.
 */
export type TermStanding = "reference" | "name" | "birthDate" | "subject" | "cpr" | "webmail" | "topic" | "unchecked";

/** What of the whole mail a term's standing depends on; see termStanding. */
export interface TermContext {
  readonly cprInMail: boolean;
  readonly webmailRecipient: boolean;
}

export function termContext(input: Pick<SendCheckInput, "findings" | "recipients" | "policy" | "countedConfidence" | "moreCprs">): TermContext {
  const { policy } = input;
  return {
    cprInMail: (input.moreCprs ?? 0) > 0 || input.findings.some((f) => f.kind === "cpr" && input.countedConfidence.includes(f.confidence)),
    webmailRecipient: input.recipients.some((r) => !isInternal(r, policy) && inDomainList(domainOf(r.address), policy.publicWebmailDomains)),
  };
}

export function termStanding(f: TermFinding, context: TermContext): TermStanding {
  const about = f.about;
  if (about === undefined) return "unchecked";
  if (about.kind !== "topic") return about.kind;
  return context.cprInMail ? "cpr" : context.webmailRecipient ? "webmail" : "topic";
}

export function decideSend(input: SendCheckInput): Decision {
  const { policy, protection } = input;
  const secured = protects(protection, policy.protection);
  const external = input.recipients.filter((r) => !isInternal(r, policy));
  const cprs = input.findings.filter((f): f is CprFinding => f.kind === "cpr" && input.countedConfidence.includes(f.confidence));
  // Only terms about a person count (termStanding); a topic alone is for the pane to show.
  const context = termContext(input);
  const terms = input.findings.filter((f): f is TermFinding => f.kind === "term" && termStanding(f, context) !== "topic");
  const reasons: Reason[] = [];
  const exposedBy = (what: "cpr" | "terms"): Recipient[] => external.filter((r) => !tlsProtects(r, policy, what));

  const cprExposed = cprs.length > 0 ? exposedBy("cpr") : [];
  const termsExposed = terms.length > 0 ? exposedBy("terms") : [];
  const cprView = (list: readonly CprFinding[]) => list.map((f) => ({ masked: f.masked, where: f.where }));
  const termView = terms.map((f) => ({ category: f.category, matched: f.matched, where: f.where }));

  // The subject travels in clear even in an encrypted mail, and TLS partners store it too.
  const inSubject = cprs.filter((f) => f.where.part === "subject");
  if (inSubject.length > 0 && external.length > 0) reasons.push({ code: "CPR_IN_SUBJECT", cprs: cprView(inSubject) });
  const moreCprs = input.moreCprs ?? 0;
  if (!secured && cprExposed.length > 0) reasons.push({ code: "CPR_UNENCRYPTED", cprs: cprView(cprs), ...(moreCprs > 0 ? { moreCprs } : {}) });

  // Terms and unreadable attachments may be set to "warn"; a warning is only possible when
  // nothing else blocks, and it is confirmed by sending the same content again.
  // Pictures the policy says not to read are shown, never a reason to block.
  const unreadable = input.unreadable.filter(withholdsSending);
  const unreadableExposed = !secured && unreadable.length > 0 && external.length > 0;
  const termsWarn = policy.termsAction === "warn";
  const unreadableWarn = policy.unreadableAction === "warn";
  const warnable = reasons.length === 0 && (!termsExposed.length || secured || termsWarn) && (!unreadableExposed || unreadableWarn);
  let confirmKey: string | undefined;
  if (warnable && ((!secured && termsExposed.length > 0) || unreadableExposed)) {
    // Not secured here: both branches of the condition above imply it.
    confirmKey = fingerprint(terms, unreadable, input.recipients);
    if (input.confirmedKey !== confirmKey) {
      if (termsExposed.length > 0) reasons.push({ code: "SENSITIVE_CONFIRM", terms: termView });
      if (unreadableExposed) reasons.push({ code: "UNREADABLE_CONFIRM", unreadable });
    }
  } else {
    if (!secured && termsExposed.length > 0) reasons.push({ code: "SENSITIVE_UNENCRYPTED", terms: termView });
    if (unreadableExposed) reasons.push({ code: "UNREADABLE_ATTACHMENT", unreadable });
  }

  // Secure sending was chosen but cannot be shown to encrypt: say why, beside what it leaves exposed.
  if (protection.kind === "unverified" && reasons.some((r) => UNPROTECTED.includes(r.code))) reasons.push({ code: "PROTECTION_UNVERIFIED", protection });
  // smime method: what encryption would fix goes out only through the pane. A warning the user
  // may confirm stays a warning; a mail with nothing to protect goes through Outlook as usual.
  if (policy.protection.method === "smime" && !secured && reasons.some((r) => FIXED_BY_ENCRYPTION.includes(r.code))) reasons.push({ code: "SMIME_FROM_PANE" });

  const problem = new Set<Recipient>([...(reasons.length > 0 ? [...cprExposed, ...termsExposed] : [])]);
  if (reasons.some((r) => r.code === "CPR_IN_SUBJECT" || r.code === "UNREADABLE_ATTACHMENT" || r.code === "UNREADABLE_CONFIRM")) {
    external.forEach((r) => problem.add(r));
  }
  const advice: Advice[] = [];
  if ([...problem].some((r) => inDomainList(domainOf(r.address), policy.publicWebmailDomains))) advice.push("USE_DIGITAL_POST");

  return {
    action: reasons.length > 0 ? "block" : "allow",
    reasons,
    advice,
    exposedRecipients: [...problem],
    secured,
    protection,
    ...(confirmKey !== undefined ? { confirmKey } : {}),
  };
}

/** A block that says the check itself failed: the fail-closed answer to anything unexpected. */
export function failClosed(kind: FailureKind, detail: string): Decision {
  return { action: "block", reasons: [{ code: "CHECK_FAILED", failure: { kind, detail } }], advice: [], exposedRecipients: [], secured: false, protection: { kind: "none" } };
}

/** The hard blocks that encryption removes. */
export const FIXED_BY_ENCRYPTION: readonly ReasonCode[] = ["CPR_UNENCRYPTED", "SENSITIVE_UNENCRYPTED", "UNREADABLE_ATTACHMENT"];

/** The reasons that say data would leave unprotected. */
const UNPROTECTED: readonly ReasonCode[] = ["CPR_UNENCRYPTED", "SENSITIVE_UNENCRYPTED", "UNREADABLE_ATTACHMENT", "SENSITIVE_CONFIRM", "UNREADABLE_CONFIRM"];

/** Stable text for what a warning covered: the terms and the recipients, never the mail text itself. */
function fingerprint(terms: readonly TermFinding[], unreadable: readonly UnreadablePart[], recipients: readonly Recipient[]): string {
  const t = [...new Set([...terms.map((f) => `${f.category}:${f.term}`), ...unreadable.map((u) => `u:${(u.path ?? []).join("/")}`)])].sort().join("|");
  const r = recipients.map((x) => x.address.toLowerCase()).sort().join("|");
  let h = 0x811c9dc5; // FNV-1a: a short key, not a security measure
  for (const ch of `${t}#${r}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}
