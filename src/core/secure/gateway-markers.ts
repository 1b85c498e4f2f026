/**
 * Markers that tell the organisation's secure-mail gateway what to do with a mail. The contract
 * (docs/gateway.md) is built so that no client behaviour can lose a marker:
 *  - every allowed send SETS each marker header to an explicit value (yes or no); a marker
 *    header is never removed. Outlook on the web and new Outlook cannot add back a header that
 *    was removed in the same draft (OfficeDev/office-js#6389), and ignore removals after an
 *    autosave (#2753); classic Outlook ignores removals in on-send (#4371). With set-only, the
 *    last write wins, and a stale "yes" can only over-protect;
 *  - subject codes are only ever added in front of the subject, never removed: a code the
 *    caseworker typed is their own request for encryption.
 * Pure and idempotent: applying them twice gives the same result.
 */
import type { SecureState } from "../policy/decide-send";
import type { MarkerSettings } from "../policy/send-policy";

export const HEADER_CONFIRMED = "X-Sikker-Post-Confirmed";

/** The marker headers for a state: every one with an explicit value. */
export function gatewayHeaders(state: SecureState, names: MarkerSettings["headers"]): Record<string, string> {
  return {
    [names.encrypt]: state.encrypt ? names.yes : names.no,
    [names.sign]: state.sign ? names.yes : names.no,
    [names.mailbox]: state.mailbox ?? "none",
  };
}

/** Whether the subject already starts with this code as a whole word (after other codes). */
function leadingCodes(subject: string, codes: MarkerSettings["subjectCodes"]): Set<string> {
  const known = [codes.sign, codes.encrypt];
  const found = new Set<string>();
  let s = subject.trimStart();
  for (;;) {
    const code = known.find((c) => s.toLowerCase().startsWith(c.toLowerCase()) && (s.length === c.length || s.charAt(c.length) === " "));
    if (code === undefined) return found;
    found.add(code);
    s = s.slice(code.length).trimStart();
  }
}

/**
 * The subject with the codes the state asks for in front, added only where missing. Codes
 * already there, the caseworker's or an earlier send's, stay as they are; nothing is removed.
 */
export function applySubjectCodes(subject: string, state: SecureState, codes: MarkerSettings["subjectCodes"]): string {
  const present = leadingCodes(subject, codes);
  const wanted = [...(state.sign ? [codes.sign] : []), ...(state.encrypt ? [codes.encrypt] : [])].filter((c) => !present.has(c));
  return wanted.length === 0 ? subject : `${wanted.join(" ")} ${subject}`;
}

/** Whether the subject carries the encrypt code: the caseworker may have typed it out of habit. */
export function subjectAsksEncryption(subject: string, codes: MarkerSettings["subjectCodes"]): boolean {
  return leadingCodes(subject, codes).has(codes.encrypt);
}
