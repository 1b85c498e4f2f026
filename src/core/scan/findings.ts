/** What the scanner reports. Findings are data shared by the CLI, the send handler and the pane. */
import type { CprConfidence, CprReason } from "../cpr/cpr-detector";
import type { TermAbout } from "../terms/lexicon";

/** Where in a mail something stands. */
export type MailPart = "subject" | "body" | "attachment";

export interface Location {
  readonly part: MailPart;
  /** For attachments: the attachment's name, then inner paths ("bilag.zip", "sag.docx"). */
  readonly path?: readonly string[];
  /** Offsets in the part's extracted text, before Unicode normalisation (end exclusive). */
  readonly start: number;
  readonly end: number;
  /** A short piece of the text around the finding, with every CPR number in it masked. */
  readonly snippet: string;
}

export interface CprFinding {
  readonly kind: "cpr";
  /** DDMMYY-SSSS. Shown to the user who wrote it; never logged or sent anywhere. */
  readonly value: string;
  /** DDMMYY-XXXX. */
  readonly masked: string;
  readonly birthDate: string;
  readonly confidence: CprConfidence;
  readonly reasons: readonly CprReason[];
  readonly where: Location;
}

export interface TermFinding {
  readonly kind: "term";
  readonly term: string;
  readonly category: string;
  readonly lang: string;
  readonly weight: number;
  /** The words as written in the mail (e.g. "alkoholmisbruget"). */
  readonly matched: string;
  readonly where: Location;
  /**
   * What ties the term to a person in its part (a reference or name near it, a date of birth),
   * or "topic": it only names a sensitive topic. decideSend counts a topic only beside a CPR
   * number in the mail or for a recipient on a public webmail domain. Absent (a finding from
   * before this field): counted, as it always was.
   */
  readonly about?: TermAbout;
}

export type Finding = CprFinding | TermFinding;

/** A part that could not be read: reported, never skipped silently. */
export interface UnreadablePart {
  readonly part: MailPart;
  readonly path?: readonly string[];
  readonly reason: UnreadableReason;
  readonly detail: string;
}

export type UnreadableReason = "encrypted" | "corrupt" | "over_limit" | "unsupported_type" | "image_only" | "no_content" | "read_failed" | "image_ignored";

/**
 * Whether a part that was not read stands in the way of sending: all do but a picture the
 * policy says not to read ("image_ignored", policy images), which is only shown.
 */
export function withholdsSending(u: UnreadablePart): boolean {
  return u.reason !== "image_ignored";
}

export interface ScanResult {
  readonly findings: readonly Finding[];
  readonly unreadable: readonly UnreadablePart[];
}

/** "bilag.zip › sag.docx" */
export function describePath(path: readonly string[] | undefined): string {
  return (path ?? []).join(" › ");
}
