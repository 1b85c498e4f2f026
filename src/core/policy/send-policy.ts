/** The send rules of a policy: who is internal, what protects a mail, how the gateway is told. */
import commonWebmail from "email-providers/common.json";
import { DEFAULT_PROTECTION, type ProtectionPolicy } from "../secure/protection";

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
  /**
   * The marker headers and their values, when method is "headers". Every allowed send sets each
   * one to an explicit value; none is ever removed (see gateway-markers.ts).
   */
  readonly headers: { readonly sign: string; readonly encrypt: string; readonly mailbox: string; readonly yes: string; readonly no: string };
  /** Subject codes the gateway reads, when method is "subject". Only ever added, never removed. */
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
  /** What counts as protection, and the evidence the add-in needs of it (protection.ts). */
  readonly protection: ProtectionPolicy;
  /** The whole send check must finish within this time, or the send is blocked. */
  readonly scanTimeoutMs: number;
}

/**
 * Providers the package's lists lack: Microsoft's and Yahoo's Danish variants and Gmail's old name
 * (all in its full list), and Danish internet providers' customer mail (an ISP gives its customers
 * an address on stofanet.dk, mail.dk …: https://computernoerden.dk/din-internetudbyder-skal-udbyde-internet-ikke-andet/)
 * and the portals' free mail (jubii.dk, ofir.dk, email.dk).
 */
export const WEBMAIL_NOT_IN_COMMON_LIST: readonly string[] = [
  "googlemail.com", "hotmail.dk", "outlook.dk", "live.dk", "yahoo.dk",
  "mail.dk", "jubii.dk", "email.dk", "ofir.dk", "webspeed.dk", "stofanet.dk", "post.tele.dk", "get2net.dk",
];

/**
 * Names reserved for examples and tests (RFC 2606, RFC 6761): the package lists example.com,
 * but no one has a mailbox there, and the samples and tests write to it.
 */
export function isReservedExampleDomain(domain: string): boolean {
  return /^example\.(?:com|net|org)$/.test(domain) || /\.(?:example|test|invalid|localhost)$/.test(domain);
}

/**
 * Public webmail: the common providers of the maintained email-providers package (derhuerst,
 * ~350 with a Majestic Million rank under 100,000), and the Danish ones it lacks. Its full list
 * (~8,700 providers) is in public-domain-lists.ts, for the policy check only: here it would add
 * 138 KB to the send handler and to every policy compiled into it.
 */
export const DEFAULT_PUBLIC_WEBMAIL_DOMAINS: readonly string[] = [...new Set([...commonWebmail, ...WEBMAIL_NOT_IN_COMMON_LIST])].filter(
  (d) => !isReservedExampleDomain(d),
);

export const DEFAULT_SEND_POLICY: SendPolicy = {
  internalDomains: [],
  partnerDomains: [],
  termsAction: "block",
  unreadableAction: "block",
  publicWebmailDomains: DEFAULT_PUBLIC_WEBMAIL_DOMAINS,
  secureMailboxes: [],
  markers: {
    method: "headers",
    headers: { sign: "X-Sikker-Post-Sign", encrypt: "X-Sikker-Post-Encrypt", mailbox: "X-Sikker-Post-Mailbox", yes: "yes", no: "no" },
    subjectCodes: { sign: "#s#", encrypt: "#k#" },
  },
  protection: DEFAULT_PROTECTION,
  scanTimeoutMs: 4000,
};
