/** The send rules of a policy: who is internal, what protects a mail, how the gateway is told. */

export type FindingClass = "cpr" | "terms";

export interface PartnerDomain {
  /** Domain (and its subdomains) with an agreed, enforced TLS 1.2+ connection. */
  readonly domain: string;
  /** What forced TLS is accepted for: "cpr", "terms", or both. */
  readonly protects: readonly FindingClass[];
}

export interface SecureMailbox {
  readonly address: string;
  readonly name: string;
}

export interface MarkerSettings {
  /** How the secure-mail gateway is told to sign and encrypt. */
  readonly method: "headers" | "subject";
  /** Subject codes the gateway reads, when method is "subject". */
  readonly subjectCodes: { readonly sign: string; readonly encrypt: string };
}

export interface SendPolicy {
  /** Domains whose addresses count as internal, besides Outlook's own "user in the organisation". */
  readonly internalDomains: readonly string[];
  readonly partnerDomains: readonly PartnerDomain[];
  /** Sensitive terms without CPR numbers: block, or warn (send again to confirm; recorded). CPR always blocks. */
  readonly termsAction: "block" | "warn";
  /** An attachment that cannot be read, with external recipients: block (default) or warn. */
  readonly unreadableAction: "block" | "warn";
  /** Public webmail domains: the block message also advises Digital Post for citizens. */
  readonly publicWebmailDomains: readonly string[];
  readonly secureMailboxes: readonly SecureMailbox[];
  readonly markers: MarkerSettings;
  /** The whole send check must finish within this time, or the send is blocked. */
  readonly scanTimeoutMs: number;
}

export const DEFAULT_PUBLIC_WEBMAIL_DOMAINS: readonly string[] = [
  "gmail.com", "googlemail.com", "hotmail.com", "hotmail.dk", "outlook.com", "outlook.dk", "live.com", "live.dk",
  "msn.com", "yahoo.com", "yahoo.dk", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com",
  "gmx.com", "gmx.net", "mail.dk", "jubii.dk", "email.dk", "ofir.dk", "webspeed.dk", "stofanet.dk", "post.tele.dk",
];

export const DEFAULT_SEND_POLICY: SendPolicy = {
  internalDomains: [],
  partnerDomains: [],
  termsAction: "block",
  unreadableAction: "block",
  publicWebmailDomains: DEFAULT_PUBLIC_WEBMAIL_DOMAINS,
  secureMailboxes: [],
  markers: { method: "headers", subjectCodes: { sign: "#s#", encrypt: "#k#" } },
  scanTimeoutMs: 4000,
};
