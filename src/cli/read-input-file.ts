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
import { extractAttachments, extractMail, type AttachmentFile, type Extracted, type ExtractOptions } from "../core/extract/extract-mail";
import { nodePdfReader } from "../pdf/node-reader";
import { nodeInflater } from "../platform/node-inflater";

/** Documents a caseworker attaches, scanned on their own as if attached to a mail. */
export const DOCUMENT_EXTENSIONS = [".docx", ".xlsx", ".pptx", ".odt", ".ods", ".rtf", ".pdf", ".zip", ".csv", ".htm", ".html", ".ics", ".vcf"] as const;
export const SUPPORTED_EXTENSIONS = [".eml", ".msg", ".txt", ...DOCUMENT_EXTENSIONS] as const;

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
  if (data.subject) texts.push({ part: "subject", format: "text", content: data.subject });
  if (data.body) texts.push({ part: "body", format: "text", content: data.body });
  if (data.bodyHtml) texts.push({ part: "body", format: "html", content: data.bodyHtml });
  const files: AttachmentFile[] = [];
  const embedded: Extracted["texts"] = [];
  for (const att of data.attachments ?? []) {
    const inner = att.innerMsgContent === true ? att.innerMsgContentFields : undefined;
    if (inner !== undefined) {
      // An Outlook item attached inside the .msg: its fields are already parsed.
      const path = [inner.subject ?? att.name ?? "vedhæftet element"];
      if (inner.subject) embedded.push({ part: "attachment", path, format: "text", content: inner.subject });
      if (inner.body) embedded.push({ part: "attachment", path, format: "text", content: inner.body });
      continue;
    }
    const got = reader.getAttachment(att);
    files.push({ name: got.fileName || att.fileName || att.name || "bilag", contentType: att.attachMimeTag, bytes: got.content });
  }
  const inner = await extractAttachments(files, options);
  return { texts: [...texts, ...embedded, ...inner.texts], unreadable: inner.unreadable };
}
