/**
 * What protects a draft, found through the ComposeItem: the host half of core/secure/protection.ts.
 * Gateway method: the caseworker's choice (or an encrypt code they typed in the subject) and the
 * policy's attestation. Label method: the label Outlook reports for the draft, read back at every
 * check, counted only where labels are on for the user, the label is published to them, and it is
 * on the policy's list of labels that encrypt.
 */
import type { Policy } from "../core/policy/policy";
import type { SecureState } from "../core/policy/decide-send";
import { subjectAsksEncryption } from "../core/secure/gateway-markers";
import { gatewayProtection, labelProtection, NO_PROTECTION, type Protection, type UnverifiedWhy } from "../core/secure/protection";
import type { ComposeItem } from "../office/compose-item";

export interface ProtectionContext {
  readonly item: ComposeItem;
  readonly state: SecureState;
  readonly policy: Policy;
  readonly supports: (mailboxVersion: string) => boolean;
  readonly now: number;
}

/** Whether the caseworker asked for secure sending: the switch, or (subject markers) an encrypt code they typed. */
async function requested(c: ProtectionContext): Promise<boolean> {
  if (c.state.encrypt) return true;
  const markers = c.policy.send.markers;
  if (markers.method !== "subject") return false;
  return subjectAsksEncryption(await c.item.subject(), markers.subjectCodes);
}

export async function protectionOfDraft(c: ProtectionContext): Promise<Protection> {
  const policy = c.policy.send.protection;
  if (policy.method === "gateway") return gatewayProtection(await requested(c), policy, c.now);
  // smime: nothing Outlook sends is encrypted by Sikker Post; the pane sends S/MIME itself.
  if (policy.method === "smime") return NO_PROTECTION;
  const asked = c.state.encrypt;
  const unverified = (why: UnverifiedWhy): Protection => (asked ? { kind: "unverified", why } : NO_PROTECTION);
  if (!c.supports("1.13")) return unverified("label_unsupported");
  try {
    const [catalog, id] = await Promise.all([c.item.labelCatalog(), c.item.sensitivityLabel()]);
    if (!catalog.enabled) return unverified("label_catalog_off");
    const found = labelProtection(id, policy);
    // A label that is not published to this user is not one Outlook applies for them.
    if (found.kind === "label" && catalog.ids.some((x) => x.toLowerCase() === found.id.toLowerCase())) return found;
    return unverified("label_not_encrypting");
  } catch {
    return unverified("label_read_failed");
  }
}
