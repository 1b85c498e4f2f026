/**
 * The playground's stand-in for Microsoft Graph's `POST /me/sendMail` with MIME content, and the
 * fake host's nested app authentication tokens it accepts. It answers as Graph does:
 *
 *  - 202 Accepted with an empty body on success; the MIME is the base64 request body with
 *    `Content-Type: text/plain` (learn.microsoft.com/graph/api/user-sendmail, "Send message in
 *    MIME format").
 *  - 400 for malformed MIME with "Invalid base64 string for MIME content." (same page).
 *  - 401 `InvalidAuthenticationToken` without a valid bearer token ("Access token is empty." is
 *    Graph's text for a missing one: microsoftgraph/msgraph-sample-reactspa#54).
 *  - 413 Request Entity Too Large over 4 MB: "The S/MIME message payload is currently limited to
 *    4 MB" (learn.microsoft.com/graph/api/user-post-messages), and Graph's "The maximum request
 *    length supported is 4MB." (microsoftgraph/microsoft-graph-docs-contrib#682).
 * Errors have Graph's shape: {"error": {"code", "message", "innerError"}}.
 *
 * What it received is kept in memory, and "Sendt post" shows what the server can read of it with
 * the test PKI's keys: decrypted as the sender and as each recipient, the signature checked
 * against the playground CA.
 */
import { randomBytes, randomUUID, webcrypto } from "node:crypto";
import PostalMime from "postal-mime";
import { CprDetector } from "../core/cpr/cpr-detector";
import { maskedSnippet } from "../core/scan/scan-text";
import { certLabel, openSmime, readEnvelope, envelopeOf, SmimeError, type WebCrypto } from "../core/smime";
import { normaliseText } from "../core/text/normalise";
import { PLAYGROUND_CA_NAME, type PkiPerson, type PlaygroundPki } from "./smime-pki";

export const GRAPH_BASE_PATH = "/graph/v1.0";
export const SEND_MAIL_PATH = `${GRAPH_BASE_PATH}/me/sendMail`;
export const NAA_TOKEN_PATH = "/playground/naa-token";
export const SENT_PATH = "/playground/sent";
/** Graph's limit on one request: 4 MB. */
export const GRAPH_MAX_REQUEST_BYTES = 4 * 1024 * 1024;
export const TOKEN_PREFIX = "playground-token-";

export interface GraphReply {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

const JSON_TYPE = "application/json; charset=utf-8";

function graphError(status: number, code: string, message: string): GraphReply {
  const innerError = { date: new Date().toISOString().slice(0, 19), "request-id": randomUUID(), "client-request-id": randomUUID() };
  return { status, type: JSON_TYPE, body: JSON.stringify({ error: { code, message, innerError } }) };
}

/** A received sendMail request: the MIME bytes as Graph decoded them. */
export interface ReceivedMail {
  readonly id: number;
  readonly receivedAt: string;
  readonly mime: Uint8Array;
}

/** One read of a sent message with one test key. */
export interface ReadAs {
  readonly role: "sender" | "recipient";
  readonly address: string;
  readonly ok: boolean;
  /** Why it could not be read (a code and the core's Danish message). */
  readonly error?: string;
}

/** What the playground server can read of a message the pane sent: for "Sendt post". */
export interface SentSmimeView {
  readonly id: number;
  readonly receivedAt: string;
  /** The request body's MIME, in bytes. */
  readonly size: number;
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  /** The outer Content-Type, e.g. application/pkcs7-mime; smime-type=enveloped-data. */
  readonly contentType: string;
  /** Who the envelope is encrypted to: the certificates' names, serials and known addresses. */
  readonly envelopeRecipients: readonly { readonly commonName: string; readonly serial: string; readonly address?: string }[];
  readonly readAs: readonly ReadAs[];
  readonly signature?: { readonly valid: true; readonly signer: string; readonly signerAddress?: string; readonly chainTo: string; readonly signingTime?: string } | { readonly valid: false; readonly error: string };
  /** The inner message: text with CPR numbers masked, and the attachments' names. */
  readonly inner?: { readonly excerpt: string; readonly attachments: readonly string[] };
  readonly error?: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const EXCERPT_CHARS = 240;

export class FakeGraph {
  private readonly tokens = new Set<string>();
  private readonly received: ReceivedMail[] = [];
  private readonly views = new Map<number, SentSmimeView>();
  private readonly cpr = new CprDetector();

  constructor(
    private readonly pki: PlaygroundPki,
    private readonly crypto: WebCrypto = webcrypto as unknown as WebCrypto,
  ) {}

  /** A token the fake host hands the pane through its NAA bridge; only these open sendMail. */
  issueToken(): string {
    const token = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
    this.tokens.add(token);
    return token;
  }

  get mails(): readonly ReceivedMail[] {
    return this.received;
  }

  /** The MIME of received message `id` as Graph got it, or undefined. */
  mime(id: number): Uint8Array | undefined {
    return this.received.find((m) => m.id === id)?.mime;
  }

  /**
   * POST /me/sendMail. `declaredLength` is the Content-Length header; `body` is what arrived,
   * or "too-large" when the server stopped reading it at the limit.
   */
  sendMail(headers: { authorization?: string | undefined; contentType?: string | undefined }, body: Buffer | "too-large"): GraphReply {
    const auth = headers.authorization ?? "";
    if (auth === "") return graphError(401, "InvalidAuthenticationToken", "Access token is empty.");
    const match = /^Bearer (\S+)$/.exec(auth);
    if (match === null || !this.tokens.has(match[1] ?? "")) return graphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
    if (body === "too-large" || body.length > GRAPH_MAX_REQUEST_BYTES) return graphError(413, "RequestEntityTooLarge", "The maximum request length supported is 4MB.");
    const type = (headers.contentType ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "text/plain") {
      // JSON sendMail needs a "message" object; anything else is not a request Graph can read.
      return graphError(400, "BadRequest", type === "application/json" ? "Empty Payload. JSON content expected." : `Content-Type ${type === "" ? "(none)" : type} is not supported; use text/plain for MIME content.`);
    }
    const text = body.toString("latin1").replace(/\s+/g, "");
    if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) return graphError(400, "ErrorMimeContentInvalidBase64String", "Invalid base64 string for MIME content.");
    const mime = new Uint8Array(Buffer.from(text, "base64"));
    this.received.push({ id: this.received.length + 1, receivedAt: new Date().toISOString(), mime });
    return { status: 202, type: "text/plain; charset=utf-8", body: "" };
  }

  /** Every message received, newest first, as the server can read it. */
  async sent(): Promise<SentSmimeView[]> {
    const out: SentSmimeView[] = [];
    for (const mail of [...this.received].reverse()) {
      let view = this.views.get(mail.id);
      if (view === undefined) {
        view = await this.read(mail);
        this.views.set(mail.id, view);
      }
      out.push(view);
    }
    return out;
  }

  private people(): PkiPerson[] {
    return [this.pki.sender, ...this.pki.recipients];
  }

  private async read(mail: ReceivedMail): Promise<SentSmimeView> {
    let outer: Awaited<ReturnType<typeof PostalMime.parse>>;
    try {
      outer = await PostalMime.parse(mail.mime);
    } catch (e) {
      return { id: mail.id, receivedAt: mail.receivedAt, size: mail.mime.length, from: "", to: [], cc: [], subject: "", contentType: "", envelopeRecipients: [], readAs: [], error: `Ikke MIME: ${e instanceof Error ? e.message : String(e)}` };
    }
    const list = (a: { address?: string; group?: { address?: string }[] }[] | undefined): string[] => (a ?? []).flatMap((x) => (x.group !== undefined ? x.group.map((g) => g.address ?? "") : [x.address ?? ""])).filter((s) => s !== "");
    const contentType = outer.headers.find((h) => h.key === "content-type")?.value ?? "";
    const base = { id: mail.id, receivedAt: mail.receivedAt, size: mail.mime.length, from: outer.from?.address ?? "", to: list(outer.to), cc: list(outer.cc), subject: outer.subject ?? "", contentType };

    let envelopeRecipients: SentSmimeView["envelopeRecipients"];
    try {
      const { recipients } = readEnvelope(envelopeOf(mail.mime));
      envelopeRecipients = recipients.map((r) => {
        const known = this.people().find((p) => p.cert !== undefined && p.cert.issuer.isEqual(r.issuer) && p.cert.serialNumber.isEqual(r.serial));
        const label = known?.cert !== undefined ? certLabel(known.cert) : { commonName: "(ukendt certifikat)", serial: Buffer.from(r.serial.valueBlock.valueHexView).toString("hex") };
        return { ...label, ...(known !== undefined ? { address: known.address } : {}) };
      });
    } catch (e) {
      return { ...base, envelopeRecipients: [], readAs: [], error: `Ikke en S/MIME-krypteret besked: ${describe(e)}` };
    }

    const readAs: ReadAs[] = [];
    let signature: SentSmimeView["signature"];
    let content: Uint8Array | undefined;
    const readers = this.people().filter((p) => p.cert !== undefined && p.pkcs8 !== undefined && envelopeRecipients.some((r) => r.address === p.address));
    for (const p of readers) {
      if (p.cert === undefined || p.pkcs8 === undefined) continue;
      const role = p.address === this.pki.sender.address ? "sender" : "recipient";
      try {
        const opened = await openSmime(mail.mime, { cert: p.cert, pkcs8: p.pkcs8, trustAnchors: [this.pki.ca], crypto: this.crypto });
        readAs.push({ role, address: p.address, ok: true });
        content ??= opened.signature?.signedEntity ?? opened.content;
        if (signature === undefined && opened.signature !== undefined) {
          const signer = certLabel(opened.signature.signerCert);
          const signerCert = opened.signature.signerCert;
          const signerAddress = this.people().find((x) => x.cert !== undefined && x.cert.issuer.isEqual(signerCert.issuer) && x.cert.serialNumber.isEqual(signerCert.serialNumber))?.address;
          signature = { valid: true, signer: signer.commonName, ...(signerAddress !== undefined ? { signerAddress } : {}), chainTo: PLAYGROUND_CA_NAME, ...(opened.signature.signingTime !== undefined ? { signingTime: opened.signature.signingTime.toISOString() } : {}) };
        }
      } catch (e) {
        readAs.push({ role, address: p.address, ok: false, error: describe(e) });
        if (e instanceof SmimeError && e.code === "SIGNATURE_INVALID") signature = { valid: false, error: describe(e) };
      }
    }
    const inner = content !== undefined ? await this.innerOf(content) : undefined;
    return { ...base, envelopeRecipients, readAs, ...(signature !== undefined ? { signature } : {}), ...(inner !== undefined ? { inner } : {}) };
  }

  /** The inner message's text (CPR numbers masked, as everywhere the add-in shows mail text) and attachment names. */
  private async innerOf(entity: Uint8Array): Promise<SentSmimeView["inner"]> {
    try {
      const parsed = await PostalMime.parse(entity);
      const raw = parsed.text ?? (parsed.html ?? "").replace(/<[^>]*>/g, " ");
      const { text } = normaliseText(raw);
      const excerpt = maskedSnippet(text, 0, Math.min(text.length, EXCERPT_CHARS), this.cpr.find(text));
      return { excerpt, attachments: parsed.attachments.map((a) => a.filename ?? "(uden navn)") };
    } catch {
      return undefined;
    }
  }
}

function describe(e: unknown): string {
  if (e instanceof SmimeError) return `${e.code}: ${e.da}`;
  return e instanceof Error ? e.message : String(e);
}
