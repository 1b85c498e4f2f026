/** Hard limits on what extraction reads; hostile input ends as an `unreadable` part, never a crash or a hang. */
export interface ExtractLimits {
  /** Attached mails inside attached mails (and, later, archives inside archives). */
  readonly maxDepth: number;
  /** Bytes of one attachment or file that will be read at all. */
  readonly maxBytes: number;
  /** Attachments read from one mail, across all nesting. */
  readonly maxEntries: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxDepth: 8,
  maxBytes: 50 * 1024 * 1024,
  maxEntries: 500,
};
