/**
 * What a "warn" confirmation covers (policy termsAction or unreadableAction "warn"): the
 * findings that were warned about and their text, and the external recipients. Sending again
 * with the same key confirms; any new or changed finding, an attachment swapped for another
 * with the same name, or a new external recipient gives another key, so the warning comes back.
 * Text that holds none of the warned terms (another part, or far from every match) is not covered:
 * editing it keeps the confirmation.
 *
 * The key is built the same from whole scan results and from the summaries a newly started
 * runtime takes (send-summary.ts): an attachment is covered by its listed name, size and a digest
 * of its content, never by snippets, which a summary does not keep.
 */
import { describePath, type TermFinding, type UnreadablePart } from "../scan/findings";
import { contentDigest } from "../text/content-digest";

/** What the host read at this send and can vouch for; asked only when a warning is decided, never stored. */
export interface WarnEvidence {
  /** The text around every match of the finding's lexicon entry in its part (subject or body), not only the first. */
  readonly occurrences: (f: TermFinding) => readonly string[] | undefined;
  /** An attachment by the name its findings stand under: its size and a digest of its content. */
  readonly attachment: (name: string) => string | undefined;
}

/** The key of an attachment's own name: findings of a mail attached as an item stand under "name.eml". */
export function attachmentNameKey(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith(".eml") ? lower.slice(0, -4) : lower;
}

/**
 * The confirmation key. `external`: the addresses that make the mail leave the organisation.
 * Without evidence (the CLI, tests) a term in the subject or body is covered by its first
 * match's snippet, an attachment by its name alone.
 *
 * The key is a 64-bit digest (contentDigest, no WebCrypto in classic Outlook's runtime) of a text
 * that stays in memory: only the digest is kept in the session data and the mail's header. It is
 * not proof against someone who crafts a collision on purpose; the threat is a caseworker's draft
 * changing by accident after the confirmation, and 64 bits make a chance match negligible.
 */
export function confirmationKey(terms: readonly TermFinding[], unreadable: readonly UnreadablePart[], external: readonly string[], evidence?: WarnEvidence): string {
  const lines = new Set<string>();
  const attachment = (path: readonly string[] | undefined): string => {
    const name = path?.[0] ?? "";
    lines.add(`a\u0000${attachmentNameKey(name)}\u0000${evidence?.attachment(name) ?? ""}`);
    return attachmentNameKey(name);
  };
  for (const f of terms) {
    if (f.where.part === "attachment") {
      // One summarised finding per lexicon entry and attachment: inner paths and snippets are not compared.
      lines.add(`t\u0000${attachment(f.where.path)}\u0000${f.category}\u0000${f.term}`);
      continue;
    }
    const around = evidence?.occurrences(f) ?? [`${f.matched}\u0000${f.where.snippet}`];
    lines.add(`t\u0000${f.where.part}\u0000${f.category}\u0000${f.term}\u0000${[...around].sort().join("\u0001")}`);
  }
  for (const u of unreadable) {
    const owner = u.part === "attachment" ? attachment(u.path) : "";
    lines.add(`u\u0000${u.part}\u0000${owner}\u0000${describePath(u.path)}\u0000${u.reason}`);
  }
  for (const address of external) lines.add(`r\u0000${address.trim().toLowerCase()}`);
  // The length suffix of contentDigest is left out: the key need not tell how much it covers.
  return contentDigest([...lines].sort().join("\n")).slice(0, 16);
}
