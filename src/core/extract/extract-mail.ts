/**
 * Mails and attachments to scannable text parts: no DOM, no Node APIs. Each attachment is
 * recognised by its first bytes (a renamed file is still read), then by its declared type and
 * name, and read by the extractor for its family; containers (attached mails, ZIP archives,
 * Office and OpenDocument packages) are read recursively under the limits of one shared budget.
 * What cannot be read becomes an unreadable part with its reason, never skipped silently.
 */
import PostalMime from "postal-mime";
import type { MailPart, UnreadableReason } from "../scan/findings";
import type { MailText } from "../scan/scanner";
import { cfbKind, looksLikeCfb } from "./cfb-container";
import { CfbError } from "./cfb-reader";
import { readMsgFile, type MsgItem } from "./msg-file";
import { csvWithCprZeros } from "./csv-text";
import { decodeText, looksBinary } from "./decode-text";
import { DEFAULT_EXTRACT_LIMITS, ExtractBudget, LimitExceeded, type BudgetLimit, type ExtractLimits } from "./extract-limits";
import { contentLinesText, looksLikeContentLines } from "./content-lines";
import { cidReferences, DEFAULT_IMAGE_POLICY, isInlinePicture, looksLikeImage, type ImagePolicy } from "./inline-images";
import { mergeInto, UnreadableError, unreadablePart, type AttachmentFile, type ExtractContext, type Extracted, type MailRecipient } from "./extracted";
import { odfMimeType, odfTexts } from "./odf-text";
import { EMBEDDING, ooxmlKind, ooxmlTexts } from "./ooxml/package";
import type { RawInflater } from "./inflate";
import { extractPdf, looksLikePdf, NO_PDF_READER_DETAIL, type PdfTextReader } from "./pdf-text";
import { looksLikeRtf, rtfToText } from "./rtf-text";
import { looksLikeZip, ZipReader, type LoadRange } from "./zip-archive";

export type { AttachmentFile, Extracted, MailRecipient } from "./extracted";

export interface ExtractOptions {
  readonly limits?: ExtractLimits;
  /** Reads PDF text layers; without one, a PDF is reported as unsupported in this runtime. */
  readonly pdfReader?: PdfTextReader;
  /** The runtime's native DEFLATE inflater, if it has one (see inflate.ts); pako otherwise. */
  readonly inflater?: RawInflater;
  /** The clock for the time limit (tests pass a fake one). */
  readonly now?: () => number;
  /** What pictures are: not read and fine (ignore), or unreadable. Default DEFAULT_IMAGE_POLICY. */
  readonly images?: ImagePolicy;
}

const TEXT_TYPES = new Set(["text/plain", "text/csv", "text/tab-separated-values", "text/html", "text/xml", "application/xml", "application/json", "text/calendar", "text/vcard", "text/x-vcard", "text/directory"]);
const TEXT_EXTENSIONS = new Set(["txt", "csv", "tsv", "htm", "html", "xml", "json", "ics", "vcf", "vcs", "log", "md"]);
/** Calendar and contact files: folded content lines, quoted-printable values (content-lines.ts). */
const CONTENT_LINE_TYPES = new Set(["text/calendar", "text/vcard", "text/x-vcard", "text/directory"]);
const CONTENT_LINE_EXTENSIONS = new Set(["ics", "vcf", "vcs"]);
const MAIL_TYPES = new Set(["message/rfc822", "message/global"]);
/** Declared types and names of formats that must carry their magic bytes; without them the file is corrupt. */
const CONTAINER_EXTENSIONS = new Set(["zip", "docx", "docm", "dotx", "xlsx", "xlsm", "pptx", "pptm", "odt", "ods", "odp", "pdf", "rtf"]);
/** Limits that concern the whole mail or attachment: once hit, reading the rest of a container stops. */
const STOPPING_LIMITS = new Set<keyof ExtractLimits>(["maxTotalBytes", "maxEntries", "maxMillisPerAttachment"]);

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

/** Reads one file: an attachment (counted against the budget here) or a file inside a container (already counted). */
async function extractFile(file: AttachmentFile, parentPath: readonly string[], ctx: ExtractContext, depth: number, fromContainer: boolean): Promise<Extracted> {
  const path = [...parentPath, file.name];
  const { budget } = ctx;
  const out: Extracted = { texts: [], unreadable: [] };
  try {
    if (!fromContainer) {
      budget.countEntry();
      budget.chargeBytes(file.bytes.length);
    }
    if (file.bytes.length > budget.limits.maxBytes) throw new LimitExceeded("maxBytes", `larger than ${budget.limits.maxBytes} bytes`);
    await readInto(file, path, ctx, depth, out);
  } catch (e) {
    if (e instanceof LimitExceeded) {
      if (fromContainer && STOPPING_LIMITS.has(e.limit)) throw e; // reported once, by the attachment that holds it
      out.unreadable.push(unreadablePart(path, "over_limit", e.message));
    } else if (e instanceof UnreadableError) out.unreadable.push(unreadablePart(path, e.reason, e.message));
    else out.unreadable.push(unreadablePart(path, "corrupt", `could not be read: ${e instanceof Error ? e.message : String(e)}`));
  }
  // The name is text too ("Sag 010190-1234.pdf"), read even when the content cannot be. It comes
  // after the content under the same path, so a number in both is reported once, where it is read.
  if (file.name.trim() !== "") out.texts.push({ part: "attachment", path, format: "text", content: file.name });
  return out;
}

function enterContainer(ctx: ExtractContext, depth: number): void {
  if (depth >= ctx.budget.limits.maxDepth) throw new LimitExceeded("maxDepth", `archives, documents or mails nested deeper than ${ctx.budget.limits.maxDepth}`);
}

async function readInto(file: AttachmentFile, path: readonly string[], ctx: ExtractContext, depth: number, out: Extracted): Promise<void> {
  const { bytes } = file;
  const type = mimeBase(file.contentType);
  const ext = extensionOf(file.name);
  const checkTime = (): void => {
    ctx.budget.checkTime();
  };
  if (bytes.length === 0) throw new UnreadableError("no_content", "empty file");
  if (looksLikeZip(bytes)) {
    enterContainer(ctx, depth);
    await readZip(bytes, path, ctx, depth, out, file.load);
    return;
  }
  // Only the first bytes are needed to tell a picture: it is never decoded whole.
  if (looksLikeImage(bytes)) {
    const inline = file.inline === true;
    if ((inline ? ctx.images.inline : ctx.images.attached) === "ignore") {
      throw new UnreadableError("image_ignored", inline ? "a picture in the body; not read (policy images.inline)" : "a picture; not read (policy images.attached)");
    }
    throw new UnreadableError("image_only", "an image; text in images is not read");
  }
  // Every other reader takes the file whole.
  file.load?.(0, bytes.length);
  if (looksLikeCfb(bytes)) {
    const kind = cfbKind(bytes);
    if (kind === "encrypted-ooxml") throw new UnreadableError("encrypted", "password-protected Office document");
    if (kind === "outlook-msg") {
      enterContainer(ctx, depth);
      mergeInto(out, await extractMsgInto(bytes, "attachment", path, ctx, depth + 1));
      return;
    }
    const what = { word: "a Word 97-2003 document (.doc)", excel: "an Excel 97-2003 workbook (.xls)", powerpoint: "a PowerPoint 97-2003 presentation (.ppt)", unknown: "an OLE compound file" }[kind];
    throw new UnreadableError("unsupported_type", `${what} cannot be read; save it in a current format (.docx, .xlsx, .pptx) or as PDF`);
  }
  if (looksLikePdf(bytes)) {
    mergeInto(out, await extractPdf(bytes, path, ctx.budget, ctx.pdfReader, ctx.images));
    return;
  }
  if (looksLikeRtf(bytes)) {
    out.texts.push({ part: "attachment", path, format: "text", content: rtfToText(bytes, checkTime) });
    return;
  }
  if (MAIL_TYPES.has(type) || ext === "eml") {
    enterContainer(ctx, depth);
    mergeInto(out, await extractMailInto(bytes, "attachment", path, ctx, depth + 1));
    return;
  }
  if (TEXT_TYPES.has(type) || TEXT_EXTENSIONS.has(ext)) {
    if (looksBinary(bytes, charsetOf(file.contentType))) throw new UnreadableError("corrupt", "declared as text but holds binary data");
    const html = type === "text/html" || ext === "htm" || ext === "html";
    const text = decodeText(bytes, charsetOf(file.contentType));
    const contentLines = !html && (CONTENT_LINE_TYPES.has(type) || CONTENT_LINE_EXTENSIONS.has(ext) || looksLikeContentLines(text));
    const csv = type === "text/csv" || type === "text/tab-separated-values" || ext === "csv" || ext === "tsv";
    out.texts.push({ part: "attachment", path, format: html ? "html" : "text", content: contentLines ? contentLinesText(text) : csv ? csvWithCprZeros(text) : text });
    return;
  }
  if (CONTAINER_EXTENSIONS.has(ext) || type === "application/pdf" || type === "application/zip") {
    throw new UnreadableError("corrupt", `not a readable .${ext || type} file: its first bytes are not those of the format`);
  }
  throw new UnreadableError("unsupported_type", `cannot read ${type || ext || "this type"}`);
}

/** Metadata a Mac adds to archives (resource forks, Finder settings): no document text. */
function isMacMetadata(name: string): boolean {
  return name.startsWith("__MACOSX/") || name === ".DS_Store" || name.endsWith("/.DS_Store") || /(^|\/)\._[^/]*$/.test(name);
}

async function readZip(bytes: Uint8Array, path: readonly string[], ctx: ExtractContext, depth: number, out: Extracted, load?: LoadRange): Promise<void> {
  const zip = new ZipReader(bytes, ctx.budget, ctx.inflater, load);
  const checkTime = (): void => {
    ctx.budget.checkTime();
  };
  const office = ooxmlKind(zip.entries);
  const odf = office === null ? await odfMimeType(zip) : null;
  if (office !== null || odf !== null) {
    const { content, surrounding } = office !== null ? await ooxmlTexts(zip, office, path, checkTime) : { content: await odfTexts(zip, path, checkTime), surrounding: [] };
    out.texts.push(...content, ...surrounding);
    const inner: Extracted = { texts: [], unreadable: [] };
    for (const e of zip.entries.filter((x) => EMBEDDING.test(x.name))) {
      await readEntry(zip, e, e.name.slice(e.name.lastIndexOf("/") + 1), path, ctx, depth, inner);
    }
    mergeInto(out, inner);
    const hasMedia = zip.entries.some((e) => /^(word|xl|ppt)\/media\/|^Pictures\//.test(e.name));
    if (!hasMedia) return;
    // An embedded file's own name (a text of its own, see extractFile) is not text of the document.
    const embeddedText = inner.texts.some((t) => t.path === undefined || t.content !== t.path[t.path.length - 1]);
    if (content.length === 0 && !embeddedText && inner.unreadable.length === 0) {
      out.unreadable.push(unreadablePart(path, "image_only", "a document with images and no text; text in images is not read"));
    } else if (content.length > 0) {
      // Pictures among the text: a letterhead's logo, a signature, or a pasted scan. Shown in the
      // document as an inline picture is in a mail body, so the policy's images.inline applies.
      const ignored = ctx.images.inline === "ignore";
      out.unreadable.push(unreadablePart(path, ignored ? "image_ignored" : "image_only", `billeder i dokumentet læses ikke${ignored ? " (politik images.inline)" : ""}`));
    }
    return;
  }
  for (const e of zip.entries) {
    if (e.name.endsWith("/") || isMacMetadata(e.name)) continue;
    await readEntry(zip, e, e.name, path, ctx, depth, out);
  }
}

async function readEntry(zip: ZipReader, entry: ZipReader["entries"][number], name: string, path: readonly string[], ctx: ExtractContext, depth: number, out: Extracted): Promise<void> {
  let data: Uint8Array;
  try {
    data = await zip.read(entry);
  } catch (e) {
    // The mail's limits, and this archive's own size limit, end the reading of the whole archive.
    if (e instanceof LimitExceeded && (STOPPING_LIMITS.has(e.limit) || e.limit === "maxArchiveBytes")) throw e;
    if (e instanceof LimitExceeded) out.unreadable.push(unreadablePart([...path, name], "over_limit", e.message));
    else if (e instanceof UnreadableError) out.unreadable.push(unreadablePart([...path, name], e.reason, e.message));
    else throw e;
    return;
  }
  mergeInto(out, await ctx.extractInner({ name, bytes: data }, path, depth + 1));
}

async function extractMailInto(bytes: Uint8Array, part: MailPart, path: readonly string[], ctx: ExtractContext, depth: number, onParsed?: (email: PostalMime.Email) => void): Promise<Extracted> {
  let email: PostalMime.Email;
  try {
    email = await PostalMime.parse(bytes, { forceRfc822Attachments: true, attachmentEncoding: "arraybuffer", maxNestingDepth: 64 });
  } catch (e) {
    return { texts: [], unreadable: [{ part, path, reason: "corrupt", detail: `not a readable mail: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  onParsed?.(email);
  const withPath = path.length > 0 ? { path } : {};
  const texts: MailText[] = [];
  const subjectPart: MailPart = part === "body" ? "subject" : part;
  if (email.subject) texts.push({ part: subjectPart, ...withPath, format: "text", content: email.subject });
  // Text and HTML bodies can differ (hidden text); both are read, and findings are de-duplicated later.
  if (email.html) texts.push({ part, ...withPath, format: "html", content: email.html });
  if (email.text) texts.push({ part, ...withPath, format: "text", content: email.text });
  const out: Extracted = { texts, unreadable: [] };
  const cids = cidReferences(email.html ?? "");
  let n = 0;
  for (const a of email.attachments) {
    n++;
    const name = a.filename ?? (MAIL_TYPES.has(a.mimeType) ? `vedhæftet-mail-${n}.eml` : `bilag-${n}`);
    // A part of multipart/related, inline, or referred to by cid: from the HTML body is shown in it.
    const inline = a.related === true || a.disposition === "inline" || isInlinePicture({ name, ...(a.contentId !== undefined ? { contentId: a.contentId } : {}) }, cids);
    if (path.length === 0) ctx.budget.startAttachment();
    mergeInto(out, await extractFile({ name, contentType: a.mimeType, bytes: toBytes(a.content), inline }, path, ctx, depth, false));
  }
  return out;
}

/**
 * An Outlook .msg file: read as a mail is (msg-file.ts). At the top (the CLI) its attachments are
 * attachments of their own; inside an attachment they are files in a container, like ZIP entries.
 */
async function extractMsgInto(bytes: Uint8Array, part: MailPart, path: readonly string[], ctx: ExtractContext, depth: number, onItem?: (item: MsgItem) => void): Promise<Extracted> {
  let item: MsgItem;
  try {
    item = readMsgFile(bytes, ctx.budget.limits.maxBytes);
  } catch (e) {
    if (!(e instanceof CfbError)) throw e;
    return { texts: [], unreadable: [{ part, ...(path.length > 0 ? { path } : {}), reason: "corrupt", detail: `not a readable Outlook .msg file: ${e.message}` }] };
  }
  onItem?.(item);
  return extractMsgItem(item, part, path, ctx, depth);
}

async function extractMsgItem(item: MsgItem, part: MailPart, path: readonly string[], ctx: ExtractContext, depth: number): Promise<Extracted> {
  const withPath = path.length > 0 ? { path } : {};
  const texts: MailText[] = [];
  if (item.subject) texts.push({ part: part === "body" ? "subject" : part, ...withPath, format: "text", content: item.subject });
  for (const b of item.bodies) texts.push({ part, ...withPath, ...b });
  const out: Extracted = { texts, unreadable: [] };
  if (item.noBody !== undefined) out.unreadable.push({ part, ...withPath, ...item.noBody });
  const cids = cidReferences(item.bodies.map((b) => (b.format === "html" ? b.content : "")).join(""));
  for (const a of item.attachments) {
    if (path.length === 0) ctx.budget.startAttachment();
    if (a.bytes !== undefined) {
      // A picture the HTML body shows (a signature's logo) is inline, as in a mail (policy images.inline).
      const inline = a.hidden === true || isInlinePicture({ name: a.name, ...(a.contentId !== undefined ? { contentId: a.contentId } : {}) }, cids);
      const file = { name: a.name, ...(a.contentType !== undefined ? { contentType: a.contentType } : {}), bytes: a.bytes, inline };
      mergeInto(out, path.length === 0 ? await extractFile(file, path, ctx, depth, false) : await ctx.extractInner(file, path, depth));
      continue;
    }
    const at = [...path, a.name || "vedhæftet element"];
    if (a.item === undefined) {
      out.unreadable.push(unreadablePart(at, "unsupported_type", a.unsupported ?? "cannot be read"));
      continue;
    }
    try {
      ctx.budget.countEntry();
      enterContainer(ctx, depth);
      const inner = a.item();
      mergeInto(out, await extractMsgItem(inner, "attachment", a.name ? at : [...path, inner.subject || "vedhæftet element"], ctx, depth + 1));
    } catch (e) {
      if (e instanceof LimitExceeded) {
        if (path.length > 0 && STOPPING_LIMITS.has(e.limit)) throw e;
        out.unreadable.push(unreadablePart(at, "over_limit", e.message));
      } else if (e instanceof CfbError) out.unreadable.push(unreadablePart(at, "corrupt", `an attached Outlook item could not be read: ${e.message}`));
      else throw e;
    }
  }
  return out;
}

function contextFor(options: ExtractOptions): ExtractContext {
  const budget = new ExtractBudget(options.limits ?? DEFAULT_EXTRACT_LIMITS, options.now);
  const ctx: ExtractContext = {
    budget,
    ...(options.pdfReader !== undefined ? { pdfReader: options.pdfReader } : {}),
    ...(options.inflater !== undefined ? { inflater: options.inflater } : {}),
    images: options.images ?? DEFAULT_IMAGE_POLICY,
    extractInner: (file, parentPath, depth) => extractFile(file, parentPath, ctx, depth, true),
  };
  return ctx;
}

/** How many first bytes `unreadableByHead` looks at: all the sniffers need (a PDF's "%PDF-" may stand within the first 1024). */
export const HEAD_BYTES = 1024;

/**
 * What the first bytes of a file alone show cannot be read with these options (a PDF where
 * there is no PDF reader: classic Outlook), or undefined. The same verdict extraction would
 * give, so a host may skip decoding the rest of such an attachment.
 */
export function unreadableByHead(head: Uint8Array, options: ExtractOptions = {}): { readonly reason: UnreadableReason; readonly detail: string } | undefined {
  if (options.pdfReader !== undefined || head.length === 0 || looksLikeZip(head) || looksLikeCfb(head) || !looksLikePdf(head)) return undefined;
  return { reason: "unsupported_type", detail: NO_PDF_READER_DETAIL };
}

/** Reads one attached file with a budget of its own (tests, tools); mails use extractMail/extractAttachments. */
export async function extractAttachment(file: AttachmentFile, options: ExtractOptions = {}): Promise<Extracted> {
  const { texts, unreadable } = await readAttachmentAlone(file, options);
  return { texts, unreadable };
}

/** Reads an Outlook .msg file as a whole mail: subject and bodies as such, everything attached as attachments. */
export async function extractMsg(bytes: Uint8Array, options: ExtractOptions = {}): Promise<Extracted> {
  let recipients: readonly MailRecipient[] = [];
  const out = await extractMsgInto(bytes, "body", [], contextFor(options), 0, (item) => {
    recipients = item.recipients;
  });
  return { ...out, recipients };
}

/** Reads a whole mail: subject and bodies as such, everything attached as attachments. */
export async function extractMail(bytes: Uint8Array, options: ExtractOptions = {}): Promise<Extracted> {
  let recipients: MailRecipient[] = [];
  const out = await extractMailInto(bytes, "body", [], contextFor(options), 0, (email) => {
    recipients = mailRecipients(email);
  });
  return { ...out, recipients };
}

/** The mail's To, Cc and Bcc, group members included. */
function mailRecipients(email: PostalMime.Email): MailRecipient[] {
  const out: MailRecipient[] = [];
  const add = (field: MailRecipient["field"], list: readonly PostalMime.Address[] | undefined): void => {
    for (const a of list ?? []) {
      for (const m of a.group ?? [a]) if (m.address) out.push({ address: m.address, ...(m.name ? { name: m.name } : {}), field });
    }
  };
  add("to", email.to);
  add("cc", email.cc);
  add("bcc", email.bcc);
  return out;
}

/** One attachment read with a budget of its own, and what it used of it. */
export interface AttachmentReading extends Extracted {
  /** Entries counted (the attachment, archive entries, document parts). */
  readonly entries: number;
  /** Bytes counted: the attachment as attached plus everything decompressed from it. */
  readonly totalBytes: number;
  /** The mail-wide limits reading it ran into: then the reading depends on more than the file. */
  readonly refused: readonly BudgetLimit[];
}

/**
 * Reads one attachment as extractAttachments would, but with a budget of its own, so the
 * reading belongs to the file alone and can be kept for a later check of the same file
 * (src/draft/draft-checker.ts). Readings put together equal extractAttachments of the files where
 * `readAlikeTogether` says so.
 */
export async function readAttachmentAlone(file: AttachmentFile, options: ExtractOptions = {}): Promise<AttachmentReading> {
  const ctx = contextFor(options);
  ctx.budget.startAttachment();
  const out = await extractFile(file, [], ctx, 0, false);
  const { entries, totalBytes, refused } = ctx.budget;
  return { ...out, entries, totalBytes, refused: [...refused] };
}

/**
 * Whether one shared budget reads these attachments just as their own budgets did: together
 * they stay within the mail's byte and entry limits. The budget's counters only grow (and count
 * the step that went past a limit), so then no step of the shared reading went past either. The
 * time limit is per attachment: it does not join them.
 */
export function readAlikeTogether(readings: readonly Pick<AttachmentReading, "entries" | "totalBytes">[], limits: ExtractLimits): boolean {
  let entries = 0;
  let totalBytes = 0;
  for (const r of readings) {
    entries += r.entries;
    totalBytes += r.totalBytes;
  }
  return entries <= limits.maxEntries && totalBytes <= limits.maxTotalBytes;
}

/** Reads attachments given by the host (e.g. Outlook) with the same rules and one shared budget. */
export async function extractAttachments(files: readonly AttachmentFile[], options: ExtractOptions = {}): Promise<Extracted> {
  const ctx = contextFor(options);
  const out: Extracted = { texts: [], unreadable: [] };
  for (const f of files) {
    ctx.budget.startAttachment();
    mergeInto(out, await extractFile(f, [], ctx, 0, false));
  }
  return out;
}
