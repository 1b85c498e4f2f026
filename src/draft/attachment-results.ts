/**
 * Attachments already read and scanned in this runtime. Outlook keeps an event-based add-in's
 * runtime for about 300 s after each event, so the send check usually finds here what the check
 * on attaching (OnMessageAttachmentsChanged) read, and does not read a 5 MB case list again. A
 * result is given back only for exactly the same content (the whole string Outlook returned,
 * compared, not a digest of it) under the same key (name, type, format, runtime's readers), and
 * one still being read is shared, not read twice.
 */
import type { AttachmentReading } from "../core/extract/extract-mail";
import type { Finding, UnreadablePart } from "../core/scan/findings";

/** What a check needs of one attachment: its findings, what could not be read, and what it used of the mail's budget. */
export interface AttachmentResult extends Pick<AttachmentReading, "entries" | "totalBytes" | "refused"> {
  readonly findings: readonly Finding[];
  readonly unreadable: readonly UnreadablePart[];
  /** Set on a summary carried from an earlier runtime: counted CPR numbers its findings leave out. */
  readonly moreCprs?: number;
}

interface Entry {
  readonly content: string;
  readonly result: Promise<AttachmentResult>;
}

/**
 * A result that can stand for the file next time: it ran into none of the mail's limits (they
 * depend on the rest of the mail, and the time limit on how busy the machine was) and nothing
 * failed to load (the PDF reader may load next time).
 */
export function reusable(r: AttachmentResult): boolean {
  return r.refused.length === 0 && !r.unreadable.some((u) => u.reason === "read_failed");
}

export class AttachmentResults {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;

  /** `maxChars`: the most attachment content (base64 characters) kept for comparison. */
  constructor(private readonly maxChars: number) {}

  /** The result for this key if it was read from exactly this content. */
  find(key: string, content: string): Promise<AttachmentResult> | undefined {
    const e = this.entries.get(key);
    return e !== undefined && e.content === content ? e.result : undefined;
  }

  /**
   * Keeps a result being computed. It is dropped again if it fails or turns out not reusable,
   * and not kept at all where the content would take the store over its size.
   */
  keep(key: string, content: string, result: Promise<AttachmentResult>): void {
    this.drop(key);
    if (this.chars + content.length > this.maxChars) return;
    const entry: Entry = { content, result };
    this.entries.set(key, entry);
    this.chars += content.length;
    void result.then(
      (r) => {
        if (!reusable(r)) this.drop(key, entry);
      },
      () => {
        this.drop(key, entry);
      },
    );
  }

  /** Forgets every attachment not in `keys` (removed from the draft, or replaced). */
  keepOnly(keys: ReadonlySet<string>): void {
    for (const key of [...this.entries.keys()]) if (!keys.has(key)) this.drop(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(key: string, only?: Entry): void {
    const e = this.entries.get(key);
    if (e === undefined || (only !== undefined && e !== only)) return;
    this.entries.delete(key);
    this.chars -= e.content.length;
  }
}
