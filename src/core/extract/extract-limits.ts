/**
 * Hard limits on what extraction reads; hostile input ends as an `over_limit` unreadable part,
 * never a crash or a hang. The admin policy's `limits` section sets them (see policy.ts and
 * docs/attachments.md); one budget is shared by everything read for one mail.
 */
export interface ExtractLimits {
  /** Containers inside containers: attached mails, archives, documents (zip in zip in eml …). */
  readonly maxDepth: number;
  /** Bytes of one attachment or file (as attached, before decompression). */
  readonly maxBytes: number;
  /** Bytes read for one mail in all: attachments as attached plus everything decompressed from them. */
  readonly maxTotalBytes: number;
  /** Uncompressed bytes taken out of one archive (a ZIP, or an Office/OpenDocument package). */
  readonly maxArchiveBytes: number;
  /** Uncompressed size over compressed size of one archive entry (zip bombs); checked for entries over 1 MiB. */
  readonly maxCompressionRatio: number;
  /** Attachments and archive entries read for one mail, across all nesting. */
  readonly maxEntries: number;
  /** Pages of one PDF. */
  readonly maxPdfPages: number;
  /** Wall time to read one attachment, including everything inside it, in milliseconds. */
  readonly maxMillisPerAttachment: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxDepth: 8,
  maxBytes: 50 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxArchiveBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 250,
  maxEntries: 2000,
  maxPdfPages: 500,
  maxMillisPerAttachment: 3000,
};

/** Which limit was hit: named in the `over_limit` detail, so an admin knows which policy key to change. */
export class LimitExceeded extends Error {
  override readonly name = "LimitExceeded";
  constructor(
    readonly limit: keyof ExtractLimits,
    detail: string,
  ) {
    super(`${detail} (limits.${limit})`);
  }
}

/** The limits that belong to a mail's one budget, not to a file or an archive. */
export type BudgetLimit = "maxTotalBytes" | "maxEntries" | "maxMillisPerAttachment";

/** One budget for one mail: counters shared by every extractor, and the clock for the time limit. */
export class ExtractBudget {
  entries = 0;
  totalBytes = 0;
  /** The budget's own limits it has refused to go past (an archive's or a file's limits are not the budget's). */
  readonly refused = new Set<BudgetLimit>();
  private deadline = Infinity;

  constructor(
    readonly limits: ExtractLimits,
    readonly now: () => number = () => Date.now(),
  ) {}

  /** Starts the clock for one top-level attachment. */
  startAttachment(): void {
    this.deadline = this.now() + this.limits.maxMillisPerAttachment;
  }

  /** Throws LimitExceeded when the current attachment has taken too long. */
  checkTime(): void {
    if (this.now() > this.deadline) throw this.refuse("maxMillisPerAttachment", `took longer than ${this.limits.maxMillisPerAttachment} ms to read`);
  }

  /** Counts bytes read (as attached or decompressed) against the mail's total. */
  chargeBytes(n: number): void {
    this.totalBytes += n;
    if (this.totalBytes > this.limits.maxTotalBytes) throw this.refuse("maxTotalBytes", `more than ${this.limits.maxTotalBytes} bytes to read in all`);
  }

  /** Counts one attachment or archive entry. */
  countEntry(): void {
    this.entries++;
    if (this.entries > this.limits.maxEntries) throw this.refuse("maxEntries", `more than ${this.limits.maxEntries} attachments and archive entries`);
  }

  private refuse(limit: BudgetLimit, detail: string): LimitExceeded {
    this.refused.add(limit);
    return new LimitExceeded(limit, detail);
  }
}
