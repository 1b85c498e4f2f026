/**
 * Mail (RFC 5322 / MIME) to scannable text parts, with postal-mime: no DOM, no Node APIs.
 * Attached mails are read recursively under a depth limit; attachments that cannot be
 * read are reported as unreadable, never skipped silently.
 */
import PostalMime from "postal-mime";
import type { MailPart, UnreadablePart } from "../scan/findings";
import type { MailText } from "../scan/scanner";
import { decodeText, looksBinary } from "./decode-text";
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from "./extract-limits";

export interface Extracted {
  readonly texts: MailText[];
  readonly unreadable: UnreadablePart[];
}

export interface AttachmentFile {
  readonly name: string;
  readonly contentType?: string;
  readonly bytes: Uint8Array;
}

interface Budget {
  readonly limits: ExtractLimits;
  entries: number;
}

const TEXT_TYPES = new Set(["text/plain", "text/csv", "text/tab-separated-values", "text/html", "text/xml", "application/xml", "application/json", "text/calendar", "text/vcard", "text/x-vcard"]);
const TEXT_EXTENSIONS = new Set(["txt", "csv", "tsv", "htm", "html", "xml", "json", "ics", "vcf", "log", "md"]);
const MAIL_TYPES = new Set(["message/rfc822", "message/global"]);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

function mimeBase(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function charsetOf(contentType: string | undefined): string | undefined {
  const m = /charset="?([\w.:-]{1,40})"?/i.exec(contentType ?? "");
  return m?.[1];
}

function toBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === "string") return Uint8Array.from(content, (c) => c.charCodeAt(0) & 0xff);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

function unreadable(path: readonly string[], reason: UnreadablePart["reason"], detail: string): UnreadablePart {
  return { part: "attachment", path, reason, detail };
}

/**
 * Reads one attached file. Supports text formats and attached mails here; other formats
 * are reported as unsupported until an extractor for them exists.
 */
export async function extractAttachment(file: AttachmentFile, parentPath: readonly string[], budget: Budget, depth: number): Promise<Extracted> {
  const path = [...parentPath, file.name];
  budget.entries++;
  if (budget.entries > budget.limits.maxEntries) {
    return { texts: [], unreadable: [unreadable(path, "over_limit", `more than ${budget.limits.maxEntries} attachments`)] };
  }
  if (file.bytes.length > budget.limits.maxBytes) {
    return { texts: [], unreadable: [unreadable(path, "over_limit", `larger than ${budget.limits.maxBytes} bytes`)] };
  }
  const type = mimeBase(file.contentType);
  const ext = extensionOf(file.name);
  if (MAIL_TYPES.has(type) || ext === "eml") {
    if (depth >= budget.limits.maxDepth) {
      return { texts: [], unreadable: [unreadable(path, "over_limit", `attached mails nested deeper than ${budget.limits.maxDepth}`)] };
    }
    return extractMailInto(file.bytes, "attachment", path, budget, depth + 1);
  }
  if (TEXT_TYPES.has(type) || TEXT_EXTENSIONS.has(ext)) {
    if (looksBinary(file.bytes)) return { texts: [], unreadable: [unreadable(path, "corrupt", "declared as text but holds binary data")] };
    const html = type === "text/html" || ext === "htm" || ext === "html";
    return { texts: [{ part: "attachment", path, format: html ? "html" : "text", content: decodeText(file.bytes, charsetOf(file.contentType)) }], unreadable: [] };
  }
  return { texts: [], unreadable: [unreadable(path, "unsupported_type", `cannot read ${type || ext || "this type"}`)] };
}

async function extractMailInto(bytes: Uint8Array, part: MailPart, path: readonly string[], budget: Budget, depth: number): Promise<Extracted> {
  let email: PostalMime.Email;
  try {
    email = await PostalMime.parse(bytes, { forceRfc822Attachments: true, attachmentEncoding: "arraybuffer", maxNestingDepth: 64 });
  } catch (e) {
    return { texts: [], unreadable: [{ part, path, reason: "corrupt", detail: `not a readable mail: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  const withPath = path.length > 0 ? { path } : {};
  const texts: MailText[] = [];
  const subjectPart: MailPart = part === "body" ? "subject" : part;
  if (email.subject) texts.push({ part: subjectPart, ...withPath, format: "text", content: email.subject });
  // Text and HTML bodies can differ (hidden text); both are read, and findings are de-duplicated later.
  if (email.html) texts.push({ part, ...withPath, format: "html", content: email.html });
  if (email.text) texts.push({ part, ...withPath, format: "text", content: email.text });
  const out: Extracted = { texts, unreadable: [] };
  let n = 0;
  for (const a of email.attachments) {
    n++;
    const name = a.filename ?? (MAIL_TYPES.has(a.mimeType) ? `vedhæftet-mail-${n}.eml` : `bilag-${n}`);
    const inner = await extractAttachment({ name, contentType: a.mimeType, bytes: toBytes(a.content) }, path, budget, depth);
    out.texts.push(...inner.texts);
    out.unreadable.push(...inner.unreadable);
  }
  return out;
}

/** Reads a whole mail: subject and bodies as such, everything attached as attachments. */
export async function extractMail(bytes: Uint8Array, limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS): Promise<Extracted> {
  return extractMailInto(bytes, "body", [], { limits, entries: 0 }, 0);
}

/** Reads attachments given by the host (e.g. Outlook) with the same rules and one shared budget. */
export async function extractAttachments(files: readonly AttachmentFile[], limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS): Promise<Extracted> {
  const budget: Budget = { limits, entries: 0 };
  const out: Extracted = { texts: [], unreadable: [] };
  for (const f of files) {
    const inner = await extractAttachment(f, [], budget, 0);
    out.texts.push(...inner.texts);
    out.unreadable.push(...inner.unreadable);
  }
  return out;
}
