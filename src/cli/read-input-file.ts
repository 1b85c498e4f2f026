/**
 * Reads one file given to the CLI into scannable parts: .eml, .msg, plain text, or a document
 * (.docx, .xlsx, .pdf, .zip …) read as an attachment would be. Attachments in
 * the mails are read by the core extractors; PDFs with pdf.js (unpdf) and ZIP entries with
 * Node's zlib, unless the options give another reader or inflater.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import MsgReader from "@kenjiuno/msgreader";
import { decodeText, looksBinary } from "../core/extract/decode-text";
import { DEFAULT_EXTRACT_LIMITS } from "../core/extract/extract-limits";
import { extractAttachments, extractMail, type AttachmentFile, type Extracted, type ExtractOptions, type MailRecipient } from "../core/extract/extract-mail";
import type { UnreadablePart } from "../core/scan/findings";
import { rtfToText } from "../core/extract/rtf-text";
import { nodePdfReader } from "../pdf/node-reader";
import { CompressedRtfError, decompressRtf } from "./compressed-rtf";
import { nodeInflater } from "../platform/node-inflater";

import { DOCUMENT_EXTENSIONS, SUPPORTED_EXTENSIONS } from "./supported-files";

export { DOCUMENT_EXTENSIONS, SUPPORTED_EXTENSIONS };

function withNodeReaders(options: ExtractOptions): ExtractOptions {
  const pdfReader = options.pdfReader ?? nodePdfReader;
  return { ...options, pdfReader, inflater: options.inflater ?? nodeInflater };
}

export class InputFileError extends Error {
  override readonly name = "InputFileError";
}

export async function readInputFile(file: string, given: ExtractOptions = {}): Promise<Extracted> {
  const options = withNodeReaders(given);
  const limits = options.limits ?? DEFAULT_EXTRACT_LIMITS;
  const info = await stat(file);
  if (!info.isFile()) throw new InputFileError("not a regular file");
  if (info.size > limits.maxBytes) throw new InputFileError(`file is ${info.size} bytes, over the limit of ${limits.maxBytes}`);
  const bytes = new Uint8Array(await readFile(file));
  const ext = extname(file).toLowerCase();
  // The same extractors as for an attachment; findings carry the file name as their path.
  if ((DOCUMENT_EXTENSIONS as readonly string[]).includes(ext)) return extractAttachments([{ name: basename(file), bytes }], options);
  switch (ext) {
    case ".eml":
      if (looksBinary(bytes)) throw new InputFileError("not a mail: the file holds binary data");
      return extractMail(bytes, options);
    case ".msg":
      return readMsg(bytes, options);
    case ".txt":
      if (looksBinary(bytes)) throw new InputFileError("not a text file: the file holds binary data");
      return { texts: [{ part: "body", format: "text", content: decodeText(bytes) }], unreadable: [] };
    default:
      throw new InputFileError(`unsupported file type (supported: ${SUPPORTED_EXTENSIONS.join(", ")})`);
  }
}

/** Outlook .msg (compound file) with @kenjiuno/msgreader. */
async function readMsg(bytes: Uint8Array, options: ExtractOptions): Promise<Extracted> {
  const limits = options.limits ?? DEFAULT_EXTRACT_LIMITS;
  let reader: MsgReader;
  let data: ReturnType<MsgReader["getFileData"]>;
  try {
    reader = new MsgReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    data = reader.getFileData();
  } catch (e) {
    throw new InputFileError(`not a readable Outlook .msg file: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (data.error) throw new InputFileError(`not a readable Outlook .msg file: ${data.error}`);
  const texts: Extracted["texts"] = [];
  const unreadable: UnreadablePart[] = [];
  if (data.subject) texts.push({ part: "subject", format: "text", content: data.subject });
  const bodies = msgBodies(data, limits.maxBytes);
  texts.push(...bodies.map((b) => ({ part: "body" as const, ...b })));
  if (bodies.length === 0) {
    const why = data.compressedRtf !== undefined ? "its compressed RTF body could not be decompressed" : "no text, HTML or RTF body found";
    unreadable.push({ part: "body", reason: data.compressedRtf !== undefined ? "corrupt" : "no_content", detail: `the .msg file's body could not be read: ${why}` });
  }
  const files: AttachmentFile[] = [];
  const embedded: Extracted["texts"] = [];
  for (const att of data.attachments ?? []) {
    const inner = att.innerMsgContent === true ? att.innerMsgContentFields : undefined;
    if (inner !== undefined) {
      // An Outlook item attached inside the .msg: its fields are already parsed.
      const path = [inner.subject ?? att.name ?? "vedhæftet element"];
      if (inner.subject) embedded.push({ part: "attachment", path, format: "text", content: inner.subject });
      const innerBodies = msgBodies(inner, limits.maxBytes);
      embedded.push(...innerBodies.map((b) => ({ part: "attachment" as const, path, ...b })));
      if (innerBodies.length === 0) unreadable.push({ part: "attachment", path, reason: "no_content", detail: "an attached Outlook item whose body could not be read" });
      // Its attachments are not read here, but their names are text (see extractFile).
      for (const a of inner.attachments ?? []) {
        const name = a.fileName || a.name || a.innerMsgContentFields?.subject;
        if (name) embedded.push({ part: "attachment", path: [...path, name], format: "text", content: name });
      }
      continue;
    }
    const got = reader.getAttachment(att);
    files.push({ name: got.fileName || att.fileName || att.name || "bilag", contentType: att.attachMimeTag, bytes: got.content });
  }
  const inner = await extractAttachments(files, options);
  return { texts: [...texts, ...embedded, ...inner.texts], unreadable: [...unreadable, ...inner.unreadable], recipients: msgRecipients(data) };
}

/** The .msg's recipients (PR_SMTP_ADDRESS where Exchange stored one, else the address as given). */
function msgRecipients(data: MsgFields): MailRecipient[] {
  const out: MailRecipient[] = [];
  for (const r of data.recipients ?? []) {
    const address = r.smtpAddress ?? r.email;
    if (address === undefined || !address.includes("@")) continue;
    out.push({ address, ...(r.name ? { name: r.name } : {}), field: r.recipType ?? "to" });
  }
  return out;
}

type MsgFields = ReturnType<MsgReader["getFileData"]>;

/** Windows code pages (PR_INTERNET_CPID) as encoding labels. */
function codePageLabel(cp: number | undefined): string | undefined {
  if (cp === undefined) return undefined;
  if (cp === 65001) return "utf-8";
  if (cp === 1200) return "utf-16le";
  if (cp === 20127) return "us-ascii";
  if (cp >= 28591 && cp <= 28605) return `iso-8859-${cp - 28590}`;
  if (cp >= 1250 && cp <= 1258) return `windows-${cp}`;
  if (cp === 850 || cp === 865) return `ibm${cp}`;
  return undefined;
}

/** The charset an HTML body names in its first bytes (<meta charset=…>), if any. */
function metaCharset(html: Uint8Array): string | undefined {
  const head = decodeText(html.subarray(0, 2048), "windows-1252");
  return /<meta[^>]{0,200}charset\s{0,4}=\s{0,4}["']?([\w.:-]{1,40})/i.exec(head)?.[1];
}

/**
 * An Outlook item's bodies: plain text, HTML as a string (PR_BODY_HTML) and HTML kept only as
 * bytes (PR_HTML, 0x1013, which Outlook writes for most HTML mails), decoded in the item's code
 * page (PR_INTERNET_CPID) or the charset the HTML names.
 */
function msgBodies(data: MsgFields, maxBytes: number): { format: "text" | "html"; content: string }[] {
  const out: { format: "text" | "html"; content: string }[] = [];
  if (data.body) out.push({ format: "text", content: data.body });
  if (data.bodyHtml) out.push({ format: "html", content: data.bodyHtml });
  else if (data.html !== undefined && data.html.length > 0) {
    const html = data.html;
    out.push({ format: "html", content: decodeText(html, metaCharset(html) ?? codePageLabel(data.internetCodepage) ?? "utf-8") });
  }
  // Only an RTF body (Outlook's rich text format): decompressed and read as an RTF attachment is.
  if (out.length === 0 && data.compressedRtf !== undefined) {
    try {
      out.push({ format: "text", content: rtfToText(decompressRtf(data.compressedRtf, maxBytes), () => undefined) });
    } catch (e) {
      if (!(e instanceof CompressedRtfError)) throw e;
    }
  }
  return out.filter((b) => b.content.trim() !== "");
}
