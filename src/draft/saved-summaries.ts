/**
 * Attachment results carried across runtimes in the draft's session data. Outlook ends an
 * event runtime about 300 s after its last event, and a caseworker often writes for longer than
 * that after attaching; the send then starts a new runtime, which finds here what the check on
 * attaching read. Kept per attachment: its key (name, type, format, runtime's readers), a digest
 * of its content, what it used of the mail's budget, and a summary that gives the same decision
 * and message (summariseForSend: masked CPR numbers only, no text of the mail). Anything that
 * does not parse, or was written under another policy or format, is ignored: the attachment is
 * then read again, never taken as clean.
 */
import type { CprConfidence } from "../core/cpr/cpr-detector";
import type { SendSummary } from "../core/policy/send-summary";
import type { Finding, Location, UnreadablePart } from "../core/scan/findings";

/** The handlers' view of item.sessionData. */
export interface SessionStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export const SUMMARIES_KEY = "sikkerPostRead";
/**
 * Written by the pane's "Send krypteret" once Graph took the mail (smime method): the send
 * handler then blocks Outlook's own Send of that draft, which would send a second, plain copy.
 */
export const SMIME_SENT_KEY = "sikkerPostSent";
/** Format of the stored value; a change makes older values ignored. */
const FORMAT = 1;
/**
 * Session data is limited to 50,000 characters per add-in and item before Mailbox 1.16; the
 * secure state and the confirmation key need a few hundred. Records that do not fit are left out.
 */
export const MAX_SUMMARIES_CHARS = 40_000;

export interface SavedSummary {
  readonly key: string;
  readonly digest: string;
  readonly entries: number;
  readonly totalBytes: number;
  readonly summary: SendSummary;
}

interface Stored {
  readonly v: number;
  readonly policy: string;
  readonly records: readonly SavedSummary[];
}

/** The value to store: as many records as fit, the smallest kept first where not all fit. */
export function serialiseSummaries(policy: string, records: readonly SavedSummary[], maxChars = MAX_SUMMARIES_CHARS): string {
  const all = (list: readonly SavedSummary[]): string => JSON.stringify({ v: FORMAT, policy, records: list } satisfies Stored);
  const text = all(records);
  if (text.length <= maxChars) return text;
  const kept = new Set<SavedSummary>();
  let room = maxChars - all([]).length;
  // Each record takes its own JSON and a comma.
  const sized = records.map((r) => ({ r, n: JSON.stringify(r).length + 1 })).sort((x, y) => x.n - y.n);
  for (const { r, n } of sized) {
    if (n > room) break;
    kept.add(r);
    room -= n;
  }
  return all(records.filter((r) => kept.has(r)));
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === "string";
const isCount = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x) && x >= 0;
const CONFIDENCE: readonly CprConfidence[] = ["high", "medium", "low"];
const PARTS: readonly Location["part"][] = ["subject", "body", "attachment"];
const REASONS: readonly UnreadablePart["reason"][] = ["encrypted", "corrupt", "over_limit", "unsupported_type", "image_only", "no_content", "read_failed", "image_ignored"];

function isPath(x: unknown): boolean {
  return x === undefined || (Array.isArray(x) && x.every(isString));
}

function isLocation(x: unknown): boolean {
  return isObject(x) && PARTS.includes(x.part as Location["part"]) && isPath(x.path) && isCount(x.start) && isCount(x.end) && isString(x.snippet);
}

function isFinding(x: unknown): x is Finding {
  if (!isObject(x) || !isLocation(x.where)) return false;
  if (x.kind === "cpr") {
    // A summary never holds a full number: its value is the masked one.
    return isString(x.masked) && /^\d{6}-XXXX$/.test(x.masked) && x.value === x.masked && isString(x.birthDate) && CONFIDENCE.includes(x.confidence as CprConfidence) && Array.isArray(x.reasons) && x.reasons.length === 0;
  }
  return x.kind === "term" && isString(x.term) && isString(x.category) && isString(x.lang) && typeof x.weight === "number" && isString(x.matched);
}

function isUnreadable(x: unknown): x is UnreadablePart {
  return isObject(x) && PARTS.includes(x.part as Location["part"]) && isPath(x.path) && REASONS.includes(x.reason as UnreadablePart["reason"]) && isString(x.detail);
}

function isRecord(x: unknown): x is SavedSummary {
  if (!isObject(x) || !isString(x.key) || !isString(x.digest) || !isCount(x.entries) || !isCount(x.totalBytes)) return false;
  const s = x.summary;
  return isObject(s) && Array.isArray(s.findings) && s.findings.every(isFinding) && Array.isArray(s.unreadable) && s.unreadable.every(isUnreadable) && isCount(s.moreCprs);
}

/** The records of a stored value, by key; none where it is missing, malformed, or made under another policy (`policy`: digest of its JSON). */
export function parseSummaries(text: string | undefined, policy: string): Map<string, SavedSummary> {
  const out = new Map<string, SavedSummary>();
  if (text === undefined) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return out;
  }
  if (!isObject(parsed) || parsed.v !== FORMAT || parsed.policy !== policy || !Array.isArray(parsed.records)) return out;
  if (!parsed.records.every(isRecord)) return out;
  for (const r of parsed.records) out.set(r.key, r);
  return out;
}
