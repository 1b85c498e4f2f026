/**
 * Outlook items saved as .msg ([MS-OXMSG] on a compound file, cfb-reader.ts): the subject, the
 * bodies (plain text, HTML as text or kept only as bytes, compressed RTF) and the attachments,
 * files and attached Outlook items alike. DOM- and Node-free: the send handler reads an attached
 * .msg with it, and the CLI reads .msg files with it.
 */
import { CfbReader, type CfbStorage } from "./cfb-reader";
import { CompressedRtfError, decompressRtf } from "./compressed-rtf";
import { decodeText } from "./decode-text";
import type { MailRecipient } from "./extracted";
import { rtfToText } from "./rtf-text";

export interface MsgBody {
  readonly format: "text" | "html";
  readonly content: string;
}

export interface MsgAttachment {
  /** The file name, or for an attached item its display name or subject. */
  readonly name: string;
  readonly contentType?: string;
  /** A file's bytes; undefined for an attached Outlook item or an attachment without data. */
  readonly bytes?: Uint8Array;
  /** An attached Outlook item, read when it is asked for (the reader stops at its depth limit). */
  readonly item?: () => MsgItem;
  /** Why there is nothing to read (an embedded OLE object, a link): set when neither bytes nor item is. */
  readonly unsupported?: string;
  /** PR_ATTACH_CONTENT_ID: what the HTML body calls it (`cid:`), for a picture shown in the body. */
  readonly contentId?: string;
  /** PR_ATTACHMENT_HIDDEN: Outlook does not list it (a picture in the body). */
  readonly hidden?: boolean;
}

export interface MsgItem {
  readonly subject?: string;
  readonly bodies: readonly MsgBody[];
  /** Set when no body could be read, saying why. */
  readonly noBody?: { readonly reason: "corrupt" | "no_content"; readonly detail: string };
  readonly attachments: readonly MsgAttachment[];
  /** To, Cc and Bcc, from the recipient storages (an address Exchange keeps only as X.500 is left out). */
  readonly recipients: readonly MailRecipient[];
}

// Property ids and types ([MS-OXPROPS], [MS-OXCDATA] 2.11.1).
const PR_SUBJECT = 0x0037;
const PR_BODY = 0x1000;
const PR_RTF_COMPRESSED = 0x1009;
const PR_HTML = 0x1013;
const PR_DISPLAY_NAME = 0x3001;
const PR_EMAIL_ADDRESS = 0x3003;
const PR_SMTP_ADDRESS = 0x39fe;
const PR_RECIPIENT_TYPE = 0x0c15;
const PR_ATTACH_DATA = 0x3701;
const PR_ATTACH_FILENAME = 0x3704;
const PR_ATTACH_METHOD = 0x3705;
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PR_ATTACH_MIME_TAG = 0x370e;
const PR_ATTACH_CONTENT_ID = 0x3712;
const PR_ATTACHMENT_HIDDEN = 0x7ffe;
const PR_INTERNET_CPID = 0x3fde;
const PR_MESSAGE_CODEPAGE = 0x3ffd;
const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;
const PT_BINARY = 0x0102;
const PT_OBJECT = 0x000d;
const ATTACH_EMBEDDED_MSG = 5;

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, "0");
const streamName = (id: number, type: number): string => `__SUBSTG1.0_${hex4(id)}${hex4(type)}`;

/** Windows code pages (PR_INTERNET_CPID, PR_MESSAGE_CODEPAGE) as encoding labels. */
export function codePageLabel(cp: number | undefined): string | undefined {
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

/** Reads a .msg file's top-level item. Throws CfbError when it is no readable compound file. */
export function readMsgFile(bytes: Uint8Array, maxBytes: number): MsgItem {
  const cfb = new CfbReader(bytes);
  return readItem(cfb, cfb.root, 32, maxBytes);
}

/** The fixed-size properties of a storage's property stream: PT_LONG and PT_BOOLEAN values by property id. */
function longProperties(cfb: CfbReader, storage: CfbStorage, headerSize: number): Map<number, number> {
  const out = new Map<number, number>();
  const at = storage.streams.get("__PROPERTIES_VERSION1.0");
  if (at === undefined) return out;
  const b = cfb.read(at);
  for (let k = headerSize; k + 16 <= b.length; k += 16) {
    const type = (b[k] ?? 0) | ((b[k + 1] ?? 0) << 8);
    if (type !== 0x0003 && type !== 0x000b) continue;
    const id = (b[k + 2] ?? 0) | ((b[k + 3] ?? 0) << 8);
    out.set(id, ((b[k + 8] ?? 0) | ((b[k + 9] ?? 0) << 8) | ((b[k + 10] ?? 0) << 16)) + (b[k + 11] ?? 0) * 0x1000000);
  }
  return out;
}

function readItem(cfb: CfbReader, storage: CfbStorage, headerSize: number, maxBytes: number): MsgItem {
  const longs = longProperties(cfb, storage, headerSize);
  const charset = codePageLabel(longs.get(PR_MESSAGE_CODEPAGE) ?? longs.get(PR_INTERNET_CPID)) ?? "windows-1252";
  const stream = (id: number, type: number): Uint8Array | undefined => {
    const at = storage.streams.get(streamName(id, type));
    return at === undefined ? undefined : cfb.read(at);
  };
  const string = (id: number): string | undefined => {
    const unicode = stream(id, PT_UNICODE);
    if (unicode !== undefined) return decodeText(unicode, "utf-16le").replace(/\0+$/, "");
    const eight = stream(id, PT_STRING8);
    return eight === undefined ? undefined : decodeText(eight, charset).replace(/\0+$/, "");
  };
  const subject = string(PR_SUBJECT);
  const bodies: MsgBody[] = [];
  const text = string(PR_BODY);
  if (text !== undefined) bodies.push({ format: "text", content: text });
  const htmlText = stream(PR_HTML, PT_UNICODE);
  const htmlBytes = stream(PR_HTML, PT_BINARY);
  if (htmlText !== undefined) bodies.push({ format: "html", content: decodeText(htmlText, "utf-16le") });
  else if (htmlBytes !== undefined && htmlBytes.length > 0) {
    // Outlook keeps most HTML bodies only as bytes (PR_HTML), in the item's code page or the HTML's own charset.
    bodies.push({ format: "html", content: decodeText(htmlBytes, metaCharset(htmlBytes) ?? codePageLabel(longs.get(PR_INTERNET_CPID)) ?? "utf-8") });
  }
  const rtf = stream(PR_RTF_COMPRESSED, PT_BINARY);
  let noBody: MsgItem["noBody"];
  const read = bodies.filter((b) => b.content.trim() !== "");
  if (read.length === 0 && rtf !== undefined) {
    // Only an RTF body (Outlook's rich text format): decompressed and read as an RTF attachment is.
    try {
      const content = rtfToText(decompressRtf(rtf, maxBytes));
      if (content.trim() !== "") read.push({ format: "text", content });
    } catch (e) {
      if (!(e instanceof CompressedRtfError)) throw e;
      noBody = { reason: "corrupt", detail: "the .msg file's body could not be read: its compressed RTF body could not be decompressed" };
    }
  }
  if (read.length === 0 && noBody === undefined) noBody = { reason: "no_content", detail: "the .msg file's body could not be read: no text, HTML or RTF body found" };
  const attachments: MsgAttachment[] = [];
  const attachStorages = [...storage.storages.entries()].filter(([name]) => name.startsWith("__ATTACH_VERSION1.0_#")).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [, att] of attachStorages) attachments.push(readAttachment(cfb, att, charset, maxBytes));
  const recipStorages = [...storage.storages.entries()].filter(([name]) => name.startsWith("__RECIP_VERSION1.0_#")).sort(([a], [b]) => (a < b ? -1 : 1));
  const recipients = recipStorages.map(([, r]) => readRecipient(cfb, r, charset)).filter((r): r is MailRecipient => r !== undefined);
  return { ...(subject !== undefined ? { subject } : {}), bodies: read, ...(noBody !== undefined ? { noBody } : {}), attachments, recipients };
}

/** One recipient ([MS-OXMSG] 2.2.1): PR_SMTP_ADDRESS where Exchange stored one, else an SMTP PR_EMAIL_ADDRESS. */
function readRecipient(cfb: CfbReader, r: CfbStorage, charset: string): MailRecipient | undefined {
  const string = (id: number): string | undefined => {
    const u = r.streams.get(streamName(id, PT_UNICODE));
    if (u !== undefined) return decodeText(cfb.read(u), "utf-16le").replace(/\0+$/, "");
    const e = r.streams.get(streamName(id, PT_STRING8));
    return e === undefined ? undefined : decodeText(cfb.read(e), charset).replace(/\0+$/, "");
  };
  const address = [string(PR_SMTP_ADDRESS), string(PR_EMAIL_ADDRESS)].find((a) => a !== undefined && a.includes("@"));
  if (address === undefined) return undefined;
  const type = longProperties(cfb, r, 8).get(PR_RECIPIENT_TYPE);
  const field = type === 2 ? "cc" : type === 3 ? "bcc" : "to";
  const name = string(PR_DISPLAY_NAME);
  return { address, ...(name ? { name } : {}), field };
}

function readAttachment(cfb: CfbReader, att: CfbStorage, charset: string, maxBytes: number): MsgAttachment {
  const longs = longProperties(cfb, att, 8);
  const string = (id: number): string | undefined => {
    const u = att.streams.get(streamName(id, PT_UNICODE));
    if (u !== undefined) return decodeText(cfb.read(u), "utf-16le").replace(/\0+$/, "");
    const s = att.streams.get(streamName(id, PT_STRING8));
    return s === undefined ? undefined : decodeText(cfb.read(s), charset).replace(/\0+$/, "");
  };
  const contentType = string(PR_ATTACH_MIME_TAG);
  const withType = contentType !== undefined && contentType !== "" ? { contentType } : {};
  const object = att.storages.get(streamName(PR_ATTACH_DATA, PT_OBJECT));
  if (object !== undefined) {
    const name = string(PR_DISPLAY_NAME) || string(PR_ATTACH_LONG_FILENAME) || string(PR_ATTACH_FILENAME) || "";
    if (longs.get(PR_ATTACH_METHOD) === ATTACH_EMBEDDED_MSG || object.streams.has(streamName(PR_SUBJECT, PT_UNICODE)) || object.streams.has(streamName(PR_BODY, PT_UNICODE))) {
      // An attached item is a message storage whose property stream has a 24-byte header.
      return { name, item: () => readItem(cfb, object, 24, maxBytes) };
    }
    return { name: name || "indlejret objekt", ...withType, unsupported: "an embedded OLE object in the Outlook item cannot be read" };
  }
  const name = string(PR_ATTACH_LONG_FILENAME) || string(PR_ATTACH_FILENAME) || string(PR_DISPLAY_NAME) || "bilag";
  const data = att.streams.get(streamName(PR_ATTACH_DATA, PT_BINARY));
  if (data === undefined) return { name, ...withType, unsupported: "an attachment without content in the Outlook item (a link or a reference)" };
  const contentId = string(PR_ATTACH_CONTENT_ID);
  const shown = { ...(contentId ? { contentId } : {}), ...((longs.get(PR_ATTACHMENT_HIDDEN) ?? 0) !== 0 ? { hidden: true } : {}) };
  return { name, ...withType, ...shown, bytes: cfb.read(data) };
}
