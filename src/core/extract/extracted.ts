/** Shared shapes of extraction: what a file is, what reading it gives, and how extractors recurse. */
import type { UnreadablePart, UnreadableReason } from "../scan/findings";
import type { MailText } from "../scan/scanner";
import type { ExtractBudget } from "./extract-limits";
import type { RawInflater } from "./inflate";
import type { ImagePolicy } from "./inline-images";
import type { PdfTextReader } from "./pdf-text";

export interface Extracted {
  readonly texts: MailText[];
  readonly unreadable: UnreadablePart[];
  /** The To/Cc/Bcc of a mail read on its own (extractMail): whom it goes to decides whether a topic counts (decideSend). */
  readonly recipients?: readonly MailRecipient[];
}

/** A recipient as a mail file names it. */
export interface MailRecipient {
  readonly address: string;
  readonly name?: string;
  readonly field: "to" | "cc" | "bcc";
}

export interface AttachmentFile {
  readonly name: string;
  readonly contentType?: string;
  readonly bytes: Uint8Array;
  /**
   * Set when `bytes` is decoded only where it is read (base64.ts, lazyBase64): then it holds
   * its first HEAD_BYTES and what load(from, to) filled. The ZIP reader loads each range it
   * reads; every other reader loads the whole file first.
   */
  readonly load?: (from: number, to: number) => void;
  /** Shown in the body (an inline picture): the policy's images.inline applies to it, not images.attached. */
  readonly inline?: boolean;
}

/** What every extractor gets: the mail's one budget, the runtime's readers, and a way to read files found inside. */
export interface ExtractContext {
  readonly budget: ExtractBudget;
  readonly pdfReader?: PdfTextReader;
  readonly inflater?: RawInflater;
  readonly images: ImagePolicy;
  /** Reads a file found inside another (archive entry, embedded object) with the same rules and budget. */
  readonly extractInner: (file: AttachmentFile, parentPath: readonly string[], depth: number) => Promise<Extracted>;
}

/** A file that cannot be read, with the reason; caught where the file is read and turned into an UnreadablePart. */
export class UnreadableError extends Error {
  override readonly name = "UnreadableError";
  constructor(
    readonly reason: UnreadableReason,
    detail: string,
  ) {
    super(detail);
  }
}

export function unreadablePart(path: readonly string[], reason: UnreadableReason, detail: string): UnreadablePart {
  return { part: "attachment", path, reason, detail };
}

export function onlyUnreadable(path: readonly string[], reason: UnreadableReason, detail: string): Extracted {
  return { texts: [], unreadable: [unreadablePart(path, reason, detail)] };
}

export function mergeInto(out: Extracted, inner: Extracted): void {
  out.texts.push(...inner.texts);
  out.unreadable.push(...inner.unreadable);
}
