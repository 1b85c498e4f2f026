/**
 * What protects a mail on its way out, and how the add-in knows. "Secured" must be true: a flag
 * the add-in set is not encryption. The evidence, weakest first:
 *  - a gateway marker whose gateway no administrator has verified lately: the mail is marked,
 *    nothing shows that anything encrypts it ("markeret – gatewayen er ikke kontrolleret");
 *  - a gateway marker with a fresh attestation: an administrator's self-test showed that the
 *    organisation's mail flow rules encrypt marked mail (admin/gateway/, docs/gateway.md);
 *  - a sensitivity label read back from Outlook at send, enabled and on the policy's list of
 *    labels that encrypt (Mailbox 1.13).
 * The policy sets the least evidence that may carry CPR numbers or sensitive data out.
 * Office.js cannot read Outlook's own S/MIME state (OfficeDev/office-js#5133), so that is never
 * evidence here.
 */

/** An administrator's self-test of the gateway, written into the policy by Test-SikkerPostGateway.ps1. */
export interface GatewayAttestation {
  /** When the self-test passed (ISO 8601 date and time). */
  readonly verifiedAt: string;
  /** How long the attestation holds (1–366 days). */
  readonly maxAgeDays: number;
  /** The path also signs (an S/MIME gateway connector); Exchange Online's encryption does not. */
  readonly signs: boolean;
  readonly verifiedBy?: string;
  readonly tenant?: string;
  readonly rules?: readonly string[];
}

/** A sensitivity label that encrypts, from the organisation's Purview configuration. */
export interface EncryptingLabel {
  /** The label's GUID; labels are matched by id, never by name (names are translated and renamed). */
  readonly id: string;
  readonly name: string;
  /** The label also applies an S/MIME signature (its SMimeSign setting). */
  readonly signs: boolean;
}

export type ProtectionMethod = "gateway" | "label" | "smime";

/**
 * The smime method (docs/smime.md): the task pane builds an S/MIME message with src/core/smime
 * and sends it itself through Microsoft Graph; the send handler never lets such a mail go.
 */
export interface SmimePolicy {
  /** "sign-and-encrypt" needs the user's key imported in the pane; "encrypt-only" does not. */
  readonly mode: "sign-and-encrypt" | "encrypt-only";
  /** The certificate directory: a path on the add-in's origin or an https URL on it (cert-directory.ts). */
  readonly directory?: string;
  /** PEM certificates the recipients' and the sender's chains must reach. */
  readonly trustAnchors: readonly string[];
  readonly graph: { readonly endpoint: string; readonly clientId: string };
  /** Largest sendMail request body (the base64 MIME) the pane sends. */
  readonly maxRequestBytes: number;
}

export const GRAPH_V1 = "https://graph.microsoft.com/v1.0";
/**
 * Graph's limit on a request is 4 MB (learn.microsoft.com/graph/api/user-sendmail and the
 * attachment docs: larger attachments need an upload session, which a MIME send cannot use).
 * 4,000,000 bytes of base64 leave room for the request line and headers.
 */
export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;

export interface ProtectionPolicy {
  readonly method: ProtectionMethod;
  /** "verified": an attested gateway or a label read back; "marker": a marker alone is trusted. */
  readonly minimumEvidence: "verified" | "marker";
  readonly gateway?: GatewayAttestation;
  readonly labels: { readonly apply?: string; readonly encrypting: readonly EncryptingLabel[] };
  /** Present (and required) with method "smime". */
  readonly smime?: SmimePolicy;
}

export const DEFAULT_PROTECTION: ProtectionPolicy = { method: "gateway", minimumEvidence: "verified", labels: { encrypting: [] } };

/** Why a requested protection cannot be shown to encrypt. */
export type UnverifiedWhy =
  /** Gateway: no attestation in the policy. */
  | "gateway_unverified"
  /** Gateway: the attestation is older than maxAgeDays (or dated in the future). */
  | "gateway_expired"
  /** Label: the client has no sensitivity label API (Mailbox 1.13). */
  | "label_unsupported"
  /** Label: sensitivity labels are off for this user. */
  | "label_catalog_off"
  /** Label: the draft's label is not one that encrypts (or none is set). */
  | "label_not_encrypting"
  /** Label: Outlook did not answer the label calls. */
  | "label_read_failed";

export type Protection =
  /** Nothing protects the mail: secure sending not chosen, no encrypting label. */
  | { readonly kind: "none" }
  | { readonly kind: "gateway"; readonly verifiedAt: string; readonly signs: boolean }
  | { readonly kind: "label"; readonly id: string; readonly name: string; readonly signs: boolean }
  /** S/MIME built and read back by the pane, which sends it itself (never set by the send handler). */
  | { readonly kind: "smime"; readonly signs: boolean }
  /** Requested (or marked), but nothing shows that it encrypts. */
  | { readonly kind: "unverified"; readonly why: UnverifiedWhy; readonly since?: string };

export const NO_PROTECTION: Protection = { kind: "none" };

const DAY_MS = 86_400_000;
/** Clocks differ a little; an attestation dated more than this in the future is not believed. */
const FUTURE_SLACK_MS = DAY_MS;

/** Whether the attestation holds at `now`. */
export function attestationHolds(a: GatewayAttestation, now: number): boolean {
  const at = Date.parse(a.verifiedAt);
  if (!Number.isFinite(at)) return false;
  if (at - now > FUTURE_SLACK_MS) return false;
  return now - at <= a.maxAgeDays * DAY_MS;
}

/** The protection of a draft under the gateway method: what the caseworker chose, and whether the gateway is attested. */
export function gatewayProtection(requested: boolean, policy: ProtectionPolicy, now: number): Protection {
  if (!requested) return NO_PROTECTION;
  const a = policy.gateway;
  if (a === undefined) return { kind: "unverified", why: "gateway_unverified" };
  if (!attestationHolds(a, now)) return { kind: "unverified", why: "gateway_expired", since: a.verifiedAt };
  return { kind: "gateway", verifiedAt: a.verifiedAt, signs: a.signs };
}

/** The protection of a draft under the label method, from the label Outlook reports for it. */
export function labelProtection(labelId: string | undefined, policy: ProtectionPolicy): Protection {
  if (labelId === undefined || labelId === "") return NO_PROTECTION;
  const label = policy.labels.encrypting.find((l) => l.id.toLowerCase() === labelId.toLowerCase());
  if (label === undefined) return NO_PROTECTION;
  return { kind: "label", id: label.id, name: label.name, signs: label.signs };
}

/** Whether this protection may carry CPR numbers and sensitive data out under the policy. */
export function protects(p: Protection, policy: Pick<ProtectionPolicy, "minimumEvidence">): boolean {
  if (p.kind === "gateway" || p.kind === "label" || p.kind === "smime") return true;
  return p.kind === "unverified" && policy.minimumEvidence === "marker" && (p.why === "gateway_unverified" || p.why === "gateway_expired");
}

/** Whether something in the path signs: only then may the add-in say "signeret". */
export function signs(p: Protection): boolean {
  return (p.kind === "gateway" || p.kind === "label" || p.kind === "smime") && p.signs;
}

/** Whether securing the draft from the dialog can make the policy's evidence: else the dialog sends the user to the pane. */
export function securingCanHelp(policy: ProtectionPolicy, now: number): boolean {
  // S/MIME is made and sent by the pane: Outlook's send can never carry it.
  if (policy.method === "smime") return false;
  if (policy.method === "label") return policy.labels.apply !== undefined;
  if (policy.minimumEvidence === "marker") return true;
  return policy.gateway !== undefined && attestationHolds(policy.gateway, now);
}

/** DD.MM.YYYY of an ISO date, without Intl (classic Outlook's runtime has none). */
export function danishDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m === null ? iso : `${m[3] ?? ""}.${m[2] ?? ""}.${m[1] ?? ""}`;
}
