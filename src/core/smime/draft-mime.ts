/**
 * A draft as an RFC 5322 message with MIME, for the pane's "Send krypteret": the recipients,
 * the subject, the HTML body, file attachments, Outlook item attachments (as message/rfc822, the
 * EML Outlook returns for them) and inline pictures (multipart/related, by Content-ID). Every
 * 8-bit text is UTF-8 in base64 (header words RFC 2047, file names RFC 2231), so nothing depends
 * on an 8-bit transport. Cloud attachments (links) cannot be encrypted and are refused before this.
 */
import { binaryToBytes, bytesToBinary, concatBytes, toBase64, toHex, utf8Encode } from "./bytes";
import { canonicalizeCrlf } from "./mime";

export interface MailAddress {
  readonly address: string;
  readonly name?: string;
}

export type DraftPart =
  /** A file: its bytes. */
  | { readonly kind: "file"; readonly name: string; readonly contentType?: string; readonly bytes: Uint8Array; readonly isInline: boolean }
  /** An Outlook item (a mail, a meeting) attached: the EML text Outlook gives for it. */
  | { readonly kind: "item"; readonly name: string; readonly eml: Uint8Array };

export interface DraftForMime {
  readonly from: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly bcc: readonly MailAddress[];
  readonly subject: string;
  readonly html: string;
  readonly parts: readonly DraftPart[];
  readonly date: Date;
  /** Random bytes for the boundaries and the Message-ID (WebCrypto's getRandomValues in the pane). */
  readonly random: (n: number) => Uint8Array;
}

const CRLF = "\r\n";
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
const ATOM_SAFE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*$/;

/**
 * RFC 2047 B-encoded words of at most 75 characters (`maxBytes` of UTF-8 each, 45 by default),
 * split between characters (never inside a UTF-8 sequence).
 */
export function encodedWords(text: string, maxBytes = 45): string {
  const words: string[] = [];
  let chunk = "";
  for (const ch of text) {
    const next = chunk + ch;
    // "=?UTF-8?B?" + base64 + "?=": 12 characters of frame; 45 bytes make 60 of base64.
    if (utf8Encode(next).length > maxBytes) {
      words.push(`=?UTF-8?B?${toBase64(utf8Encode(chunk))}?=`);
      chunk = ch;
    } else chunk = next;
  }
  if (chunk !== "" || words.length === 0) words.push(`=?UTF-8?B?${toBase64(utf8Encode(chunk))}?=`);
  return words.join(`${CRLF} `);
}

function headerText(text: string): string {
  const clean = text.replace(/[\r\n]+/g, " ");
  return ASCII_PRINTABLE.test(clean) && clean.length <= 900 ? clean : encodedWords(clean);
}

function mailbox(a: MailAddress): string {
  const address = a.address.trim();
  const name = (a.name ?? "").replace(/[\r\n]+/g, " ").trim();
  if (name === "" || name.toLowerCase() === address.toLowerCase()) return address;
  if (ATOM_SAFE.test(name)) return `${name} <${address}>`;
  if (ASCII_PRINTABLE.test(name)) return `"${name.replace(/["\\]/g, (c) => `\\${c}`)}" <${address}>`;
  return `${encodedWords(name)} <${address}>`;
}

function addressField(field: string, list: readonly MailAddress[]): string[] {
  return list.length === 0 ? [] : [`${field}: ${list.map(mailbox).join(`,${CRLF} `)}`];
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** RFC 5322 date in UTC, without Intl. */
export function rfc5322Date(d: Date): string {
  return `${DAYS[d.getUTCDay()] ?? ""}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ""} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** Characters of one RFC 2231 parameter piece: a folded line stays under 78 characters. */
const PARAM_PIECE = 50;

/** A value as RFC 2231 extended-value pieces: UTF-8, percent-encoded, never cut inside a %XX or a character. */
function rfc2231Pieces(value: string): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (const ch of value) {
    let enc = "";
    for (const b of utf8Encode(ch)) enc += /[A-Za-z0-9.\-_~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b < 16 ? "0" : ""}${b.toString(16).toUpperCase()}`;
    if (piece.length + enc.length > PARAM_PIECE) {
      pieces.push(piece);
      piece = "";
    }
    piece += enc;
  }
  pieces.push(piece);
  return pieces;
}

/**
 * name="…" and filename (RFC 2231) for a file name of any script and length: a short ASCII name
 * as it is; otherwise filename*=utf-8''…, in numbered continuations (filename*0*, filename*1* …)
 * when long, each on a folded line: a header line must stay under 998 characters (RFC 5322).
 * The name= of Content-Type, which older readers use, is RFC 2047 encoded words, folded too.
 */
function fileNameParams(name: string): { type: string; disposition: string } {
  const safe = name.replace(/[\r\n"\\]+/g, "_");
  if (ASCII_PRINTABLE.test(safe) && safe.length <= PARAM_PIECE) return { type: `name="${safe}"`, disposition: `filename="${safe}"` };
  const pieces = rfc2231Pieces(safe);
  const disposition = pieces.length === 1 ? `filename*=utf-8''${pieces[0] ?? ""}` : pieces.map((p, i) => `filename*${i}*=${i === 0 ? "utf-8''" : ""}${p}`).join(`;${CRLF} `);
  // 36 bytes make 48 characters of base64: ' name="' and the word stay under 78.
  return { type: `name="${encodedWords(safe, 36)}"`, disposition };
}

/** The cid: references of the body, full ("image001.png@01DA…"), in order of appearance. */
function cidRefs(html: string): string[] {
  const out: string[] = [];
  // Bounded, no nested quantifier: linear.
  for (const m of html.matchAll(/cid:([^"'\s<>()]{1,256})/gi)) {
    const ref = m[1] ?? "";
    if (!out.includes(ref)) out.push(ref);
  }
  return out;
}

/** The Content-ID for an inline picture: the body's cid: whose name part (before "@") is the file's name, else the name. */
function contentIdFor(name: string, refs: readonly string[]): string {
  const want = name.toLowerCase();
  const hit = refs.find((r) => {
    let decoded = r;
    try {
      decoded = decodeURIComponent(r);
    } catch {
      // kept as written
    }
    const lower = decoded.toLowerCase();
    const at = lower.indexOf("@");
    return lower === want || (at > 0 && lower.slice(0, at) === want);
  });
  // A Content-ID is printable ASCII without angle brackets (RFC 2392); a body's cid: that is not stays out.
  return hit !== undefined && /^[\x21-\x3b\x3d\x3f-\x7e]+$/.test(hit) ? hit : name.replace(/[^\x21-\x3b\x3d\x3f-\x7e]/g, "_");
}

/**
 * Header lines as bytes, refusing any character outside printable ASCII (folding aside): names,
 * subjects and file names are encoded before they get here, so such a character is an address
 * or a cid: from the body, and binaryToBytes would turn U+010D into CR (a header injection).
 */
function headerBytes(lines: readonly string[]): Uint8Array {
  for (const line of lines) if (!HEADER_LINE.test(line)) throw new MimeHeaderError();
  return binaryToBytes(lines.join(CRLF));
}

/** A header that cannot be written safely; the send stops (nothing is sent). */
export class MimeHeaderError extends Error {
  override readonly name = "MimeHeaderError";
  constructor() {
    super("a header field holds a character that cannot be written in a mail header");
  }
}

/** One header field: printable ASCII, folded only by CRLF before a space or tab. */
const HEADER_LINE = /^(?:[\x20-\x7e]|\r\n[ \t])*$/;

function entity(headers: readonly string[], body: Uint8Array): Uint8Array {
  return concatBytes(headerBytes(headers), binaryToBytes(CRLF + CRLF), body);
}

function multipart(subtype: string, boundary: string, parts: readonly Uint8Array[], extra = ""): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const p of parts) chunks.push(binaryToBytes(`--${boundary}${CRLF}`), p, binaryToBytes(CRLF));
  chunks.push(binaryToBytes(`--${boundary}--${CRLF}`));
  return entity([`Content-Type: multipart/${subtype};${extra} boundary="${boundary}"`], concatBytes(...chunks));
}

function base64Body(bytes: Uint8Array): Uint8Array {
  return binaryToBytes(toBase64(bytes, 76) + CRLF);
}

/** The whole message as bytes (CRLF line ends), ready for buildSmime. */
export function draftToMime(d: DraftForMime): Uint8Array {
  const boundary = (): string => `----=_SikkerPost_${toHex(d.random(12))}`;
  const refs = cidRefs(d.html);
  const htmlPart = entity(["Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64"], base64Body(utf8Encode(d.html)));
  const inline = d.parts.filter((p): p is Extract<DraftPart, { kind: "file" }> => p.kind === "file" && p.isInline);
  const attached = d.parts.filter((p) => p.kind === "item" || !p.isInline);

  let body = htmlPart;
  if (inline.length > 0) {
    const pictures = inline.map((p) => {
      const n = fileNameParams(p.name);
      return entity([`Content-Type: ${p.contentType ?? "application/octet-stream"};${CRLF} ${n.type}`, "Content-Transfer-Encoding: base64", `Content-ID: <${contentIdFor(p.name, refs)}>`, `Content-Disposition: inline;${CRLF} ${n.disposition}`], base64Body(p.bytes));
    });
    body = multipart("related", boundary(), [htmlPart, ...pictures], ' type="text/html";');
  }
  if (attached.length > 0) {
    const files = attached.map((p) => {
      if (p.kind === "item") {
        const eml = canonicalizeCrlf(p.eml);
        const eightBit = eml.some((b) => b > 0x7f);
        const n = fileNameParams(`${p.name}.eml`);
        return entity(["Content-Type: message/rfc822", `Content-Transfer-Encoding: ${eightBit ? "8bit" : "7bit"}`, `Content-Disposition: attachment;${CRLF} ${n.disposition}`], eml);
      }
      const n = fileNameParams(p.name);
      return entity([`Content-Type: ${p.contentType ?? "application/octet-stream"};${CRLF} ${n.type}`, "Content-Transfer-Encoding: base64", `Content-Disposition: attachment;${CRLF} ${n.disposition}`], base64Body(p.bytes));
    });
    body = multipart("mixed", boundary(), [body, ...files]);
  }

  const domain = d.from.address.slice(d.from.address.lastIndexOf("@") + 1) || "sikkerpost.invalid";
  const head = [
    `From: ${mailbox(d.from)}`,
    ...addressField("To", d.to),
    ...addressField("Cc", d.cc),
    ...addressField("Bcc", d.bcc),
    `Subject: ${headerText(d.subject)}`,
    `Date: ${rfc5322Date(d.date)}`,
    `Message-ID: <${toHex(d.random(16))}@${domain}>`,
    "MIME-Version: 1.0",
  ];
  // The body entity's own Content-* fields become the message's.
  return concatBytes(headerBytes(head), binaryToBytes(CRLF), body);
}

/** The length of the base64 text of `bytes` (the sendMail request body), without building it. */
export function base64Length(byteCount: number): number {
  return 4 * Math.ceil(byteCount / 3);
}

/**
 * Puts the Bcc field back on the finished S/MIME message for Graph: buildSmime leaves it out of
 * what recipients see, but Exchange takes a MIME submission's recipients from its header fields
 * and removes Bcc before delivery (as any submission agent does, RFC 5322 section 3.6.3).
 */
export function withBccForSubmission(message: Uint8Array, bcc: readonly MailAddress[]): Uint8Array {
  if (bcc.length === 0) return message;
  return concatBytes(headerBytes(addressField("Bcc", bcc)), binaryToBytes(CRLF), message);
}

/** For tests and the self-check: the message as a binary string. */
export const messageText = (bytes: Uint8Array): string => bytesToBinary(bytes);
