/**
 * Markers that tell the organisation's secure-mail gateway to sign and encrypt. Pure and
 * idempotent: applying them twice, or after a failed send, gives the same result, and
 * the user's own subject text is never changed.
 */
import type { SecureState } from "../policy/decide-send";
import type { MarkerSettings } from "../policy/send-policy";

export const HEADER_SIGN = "X-Sikker-Post-Sign";
export const HEADER_ENCRYPT = "X-Sikker-Post-Encrypt";
export const HEADER_MAILBOX = "X-Sikker-Post-Mailbox";
export const HEADER_CONFIRMED = "X-Sikker-Post-Confirmed";
export const MARKER_HEADERS: readonly string[] = [HEADER_SIGN, HEADER_ENCRYPT, HEADER_MAILBOX];

/** Headers to set for a state; every marker header not in the result must be removed. */
export function gatewayHeaders(state: SecureState): Record<string, string> {
  if (!state.sign && !state.encrypt) return {};
  return {
    ...(state.sign ? { [HEADER_SIGN]: "yes" } : {}),
    ...(state.encrypt ? { [HEADER_ENCRYPT]: "yes" } : {}),
    ...(state.mailbox !== undefined ? { [HEADER_MAILBOX]: state.mailbox } : {}),
  };
}

/** Removes our codes from the start of a subject (only whole codes followed by a space or the end). */
export function stripSubjectCodes(subject: string, codes: MarkerSettings["subjectCodes"]): string {
  const known = [codes.sign, codes.encrypt];
  let s = subject;
  for (;;) {
    const code = known.find((c) => s.startsWith(c) && (s.length === c.length || s.charAt(c.length) === " "));
    if (code === undefined) return s;
    s = s.slice(code.length);
    if (s.startsWith(" ")) s = s.slice(1);
  }
}

/** The subject with exactly the codes the state asks for, in front of the user's own text. */
export function applySubjectCodes(subject: string, state: SecureState, codes: MarkerSettings["subjectCodes"]): string {
  const own = stripSubjectCodes(subject, codes);
  const prefix = [...(state.sign ? [codes.sign] : []), ...(state.encrypt ? [codes.encrypt] : [])];
  return prefix.length === 0 ? own : `${prefix.join(" ")} ${own}`;
}
