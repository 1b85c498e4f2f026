/**
 * The pane's "Send krypteret" (smime method, docs/smime.md): read the draft, find and check a
 * certificate for every recipient and the sender, build the S/MIME message with the core (which
 * decrypts the sender's copy and verifies it again before it returns), measure it, get a Graph
 * token through nested app authentication, send it with `POST /me/sendMail`, then record the
 * send in the draft's session data and discard the draft.
 *
 * Fails closed: anything wrong before the Graph call sends nothing and leaves the draft as it
 * is; a Graph error keeps the draft. Every outcome is data with messages the user can act on.
 * All host access is behind the small interfaces below, so the whole path runs in a unit test
 * with the fake mailbox, a fake Graph fetch and a fake token source.
 */
import * as pkijs from "pkijs";
import { base64ToBytes, utf8Bytes } from "../core/extract/base64";
import { cidReferences, isInlinePicture } from "../core/extract/inline-images";
import type { Strings } from "../core/i18n/strings";
import type { Decision, Recipient } from "../core/policy/decide-send";
import type { Policy } from "../core/policy/policy";
import type { Protection, SmimePolicy } from "../core/secure/protection";
import { toBase64, utf8Encode } from "../core/smime/bytes";
import { candidatesFor, checkRecipients, EMPTY_DIRECTORY, type CertDirectory, type RecipientCheck } from "../core/smime/cert-directory";
import { parseCertificates } from "../core/smime/certs";
import { SMIME_DA } from "../core/i18n/smime-strings";
import { makeEngine, type KeyHandle, type WebCrypto } from "../core/smime/cms";
import { base64Length, draftToMime, withBccForSubmission, type DraftPart, type MailAddress } from "../core/smime/draft-mime";
import { SmimeError } from "../core/smime/errors";
import type { HeldSenderKey } from "../core/smime/p12";
import { buildSmime, type SenderIdentity } from "../core/smime/smime";
import type { ComposeItem } from "../office/compose-item";

/** The session data key the pane writes after a send (contract with the playground and the send handler). */
export { SMIME_SENT_KEY as SENT_KEY } from "../draft/saved-summaries";

/** The user's key as the key store keeps it: certificates as DER, the private key as two non-extractable WebCrypto keys. */
export interface StoredKey {
  readonly certDer: Uint8Array;
  readonly chainDer: readonly Uint8Array[];
  readonly signKey: KeyHandle;
  readonly decryptKey: KeyHandle;
}

/** Where the pane keeps the user's key and imported certificates (IndexedDB per profile; a memory fake in tests). */
export interface SmimeStore {
  loadKey(): Promise<StoredKey | null>;
  saveKey(key: StoredKey): Promise<void>;
  removeKey(): Promise<void>;
  certificates(): Promise<Uint8Array[]>;
  addCertificate(bytes: Uint8Array): Promise<void>;
}

export class TokenError extends Error {
  override readonly name = "TokenError";
  constructor(
    /** otherAccount: the token is for another account than Outlook's (the message is its user name). */
    readonly kind: "unsupported" | "failed" | "otherAccount",
    message: string,
  ) {
    super(message);
  }
}

/** A Graph access token with Mail.Send (NAA in Outlook: src/office/naa-token.ts). */
export interface TokenSource {
  mailSendToken(): Promise<string>;
}

export interface GraphResponse {
  readonly status: number;
  text(): Promise<string>;
}
export type GraphFetch = (url: string, init: { method: "POST"; headers: Record<string, string>; body: string }) => Promise<GraphResponse>;

/** What the sender needs of the host besides the compose item. */
export interface SmimeSendHost {
  readonly item: ComposeItem;
  readonly policy: Policy;
  readonly strings: Strings;
  readonly user: MailAddress;
  readonly crypto: WebCrypto;
  readonly store: SmimeStore;
  readonly tokens: TokenSource;
  readonly fetch: GraphFetch;
  /** The organisation's certificate directory (fetched from the add-in's origin), or EMPTY_DIRECTORY. */
  loadDirectory(): Promise<CertDirectory>;
  /** The pane's own decision for the draft with the given protection (the same check as the send handler's). */
  decide(protection: Protection): Promise<Decision>;
  /** The draft's From address; undefined where the client cannot say (then the user's own is assumed). */
  draftFrom(): Promise<string | undefined>;
  /** Session data of the draft (Mailbox 1.11). */
  recordSent(value: string): Promise<void>;
  /** closeAsync({ discardItem: true }) (Mailbox 1.14). */
  discardDraft(): Promise<void>;
  now(): Date;
}

export type SendOutcome =
  | { readonly ok: true; readonly recipients: number; readonly closed: boolean; readonly message: string; readonly bytes: number }
  /** Nothing was sent. `stage` says where it stopped; the draft is untouched in every case. */
  | { readonly ok: false; readonly stage: "draft" | "certificates" | "build" | "size" | "token" | "graph"; readonly messages: readonly string[]; readonly checks?: readonly RecipientCheck[] };

/** Why a send (or a certificate check) stopped, with messages the user can act on. */
export class Refusal extends Error {
  override readonly name = "Refusal";
  constructor(
    readonly stage: Exclude<SendOutcome, { ok: true }>["stage"],
    readonly messages: readonly string[],
    readonly checks?: readonly RecipientCheck[],
  ) {
    super(messages.join(" "));
  }
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  pdf: "application/pdf", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", txt: "text/plain", csv: "text/csv",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation", zip: "application/zip", html: "text/html", xml: "application/xml",
};

function contentTypeOf(name: string, given: string | undefined): string {
  if (given !== undefined && /^[\w.+-]+\/[\w.+-]+$/.test(given)) return given;
  const ext = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  return MIME_TYPES[ext] ?? "application/octet-stream";
}

/** Megabytes with one decimal, Danish or English decimal mark. */
export function sizeText(bytes: number, lang: "da" | "en"): string {
  const mb = (Math.round(bytes / 100_000) / 10).toFixed(1);
  return `${lang === "da" ? mb.replace(".", ",") : mb} MB`;
}

const address = (r: Recipient): MailAddress => (r.name !== undefined ? { address: r.address, name: r.name } : { address: r.address });

export class SmimeSender {
  private sentAlready = false;
  private running = false;
  private changedWhileRunning = false;

  constructor(private readonly host: SmimeSendHost) {}

  /** A pinned pane moved to another draft: that one has not been sent from here, and a send under way stops. */
  draftChanged(): void {
    this.sentAlready = false;
    if (this.running) this.changedWhileRunning = true;
  }

  private get s(): Strings {
    return this.host.strings;
  }

  private settings(): SmimePolicy {
    const smime = this.host.policy.send.protection.smime;
    if (smime === undefined) throw new Refusal("draft", [this.s.smime.notConfigured]);
    return smime;
  }

  /**
   * Reads the draft's attachments: files as bytes, items as EML; a cloud link is refused. Before
   * reading anything, the sizes Outlook lists are added up: a mail that is already over the limit
   * in base64 is refused without reading and encrypting megabytes first.
   */
  private async parts(html: string, limit: number): Promise<DraftPart[]> {
    const bodyLength = utf8Encode(html).length;
    // Inline as the send check counts it: Outlook says so, or the body names the file by cid:.
    const cids = cidReferences(html);
    const { item } = this.host;
    const refs = await item.attachments();
    const cloud = refs.filter((a) => a.kind === "cloud");
    if (cloud.length > 0) throw new Refusal("draft", cloud.map((a) => this.s.smime.cloud(a.name)));
    // A lower bound: files and the body are base64 inside the message, items (EML) are not, and
    // the whole message is base64 again in the request.
    const inner = base64Length(bodyLength) + refs.reduce((n, a) => n + (a.kind === "item" ? Math.max(0, a.size) : base64Length(Math.max(0, a.size))), 0);
    const least = base64Length(inner);
    if (least > limit) {
      const lang = this.danish ? "da" : "en";
      throw new Refusal("size", [this.s.smime.tooLarge(sizeText(least, lang), sizeText(limit, lang))]);
    }
    const parts: DraftPart[] = [];
    for (const a of refs) {
      let content;
      try {
        content = await item.attachmentContent(a.id);
      } catch {
        throw new Refusal("draft", [this.s.smime.attachmentFailed(a.name)]);
      }
      if (a.kind === "item" || content.format === "eml") {
        parts.push({ kind: "item", name: a.name, eml: utf8Bytes(content.content) });
      } else if (content.format === "iCalendar") {
        // A calendar item attached to the draft: Outlook gives its iCalendar text.
        parts.push({ kind: "file", name: /\.ics$/i.test(a.name) ? a.name : `${a.name}.ics`, contentType: "text/calendar; charset=utf-8", bytes: utf8Bytes(content.content), isInline: false });
      } else if (content.format === "base64") {
        parts.push({ kind: "file", name: a.name, contentType: contentTypeOf(a.name, a.contentType), bytes: base64ToBytes(content.content), isInline: isInlinePicture(a, cids) });
      } else {
        // "url": a cloud file reported as a file; a link cannot be encrypted.
        throw new Refusal("draft", [this.s.smime.cloud(a.name)]);
      }
    }
    return parts;
  }

  /** Checks every recipient's certificate (and, encrypt-only, the sender's own) without sending: for the pane's list. */
  async checkCertificates(recipients: readonly Recipient[]): Promise<RecipientCheck[]> {
    const smime = this.settings();
    const engine = makeEngine(this.host.crypto);
    const anchors = smime.trustAnchors.flatMap((pem, i) => parseCertificates(utf8Encode(pem), `trustAnchors[${i}]`));
    const sources = { directory: await this.directory(), imported: await this.host.store.certificates() };
    const unique = [...new Map(recipients.map((r) => [r.address.trim().toLowerCase(), r.address.trim()])).values()];
    return checkRecipients(unique, sources, { trustAnchors: anchors, now: this.host.now(), engine });
  }

  /** The directory, read once per pane (a failed read is tried again next time). */
  private loaded: CertDirectory | null = null;

  private async directory(): Promise<CertDirectory> {
    const smime = this.settings();
    if (smime.directory === undefined) return EMPTY_DIRECTORY;
    if (this.loaded !== null) return this.loaded;
    try {
      this.loaded = await this.host.loadDirectory();
      return this.loaded;
    } catch (e) {
      throw new Refusal("certificates", [this.s.smime.directoryFailed(e instanceof Error ? e.message : String(e))]);
    }
  }

  async send(): Promise<SendOutcome> {
    this.running = true;
    this.changedWhileRunning = false;
    try {
      return await this.run();
    } catch (e) {
      if (e instanceof Refusal) return { ok: false, stage: e.stage, messages: [...e.messages, ...(e.stage === "graph" ? [] : [this.s.smime.nothingSent])], ...(e.checks !== undefined ? { checks: e.checks } : {}) };
      const detail = e instanceof SmimeError ? this.say(e) : this.s.smime.readFailed;
      return { ok: false, stage: "build", messages: [detail, this.s.smime.nothingSent] };
    } finally {
      this.running = false;
    }
  }

  private get danish(): boolean {
    return this.s.smime === SMIME_DA;
  }

  /** A refusal of the core in the pane's language (the certificate and the reason). */
  say(e: SmimeError): string {
    return this.danish ? e.da : e.en;
  }

  private async run(): Promise<SendOutcome> {
    const { host, s } = this;
    // A draft this pane sent is not sent again, whatever became of closing it.
    if (this.sentAlready) throw new Refusal("draft", [s.smime.alreadySent]);
    const smime = this.settings();
    const signs = smime.mode === "sign-and-encrypt";
    const say = (e: SmimeError): string => this.say(e);

    // 1. The draft, and the pane's own decision with S/MIME as the protection: a CPR number in
    //    the subject (never encrypted) stops it here too.
    let recipients: Recipient[];
    let subject: string;
    let html: string;
    try {
      [recipients, subject, html] = await Promise.all([host.item.recipients(), host.item.subject(), host.item.bodyHtml()]);
    } catch {
      throw new Refusal("draft", [s.smime.readFailed]);
    }
    if (recipients.length === 0) throw new Refusal("draft", [s.smime.noRecipients]);
    // Graph sends as the signed-in user (/me) and the key is the user's: a mail addressed from a
    // shared mailbox would go from the wrong address, so it is refused rather than changed.
    let from: string | undefined;
    try {
      from = await host.draftFrom();
    } catch {
      throw new Refusal("draft", [s.smime.readFailed]);
    }
    if (from !== undefined && from.toLowerCase() !== host.user.address.toLowerCase()) throw new Refusal("draft", [s.smime.otherSender(from)]);
    const decision = await host.decide({ kind: "smime", signs });
    if (decision.action === "block") throw new Refusal("draft", [s.smime.blocked(decision.reasons.map((r) => s.pane.short[r.code] ?? r.code).join("; "))]);
    const parts = await this.parts(html, smime.maxRequestBytes);

    // 2. The key (sign mode) and every certificate: all refusals at once, each naming the certificate.
    const engine = makeEngine(host.crypto);
    const anchors = smime.trustAnchors.flatMap((pem, i) => parseCertificates(utf8Encode(pem), `trustAnchors[${i}]`));
    const stored = signs ? await host.store.loadKey() : null;
    if (signs && stored === null) throw new Refusal("certificates", [s.smime.noKey]);
    const checks = await this.checkCertificates(recipients);
    const refused = checks.filter((c): c is Extract<RecipientCheck, { ok: false }> => !c.ok);
    if (refused.length > 0) throw new Refusal("certificates", refused.map((c) => say(c.error)), checks);
    const sources = { directory: await this.directory(), imported: await host.store.certificates() };

    let sender: SenderIdentity;
    let senderIntermediates: pkijs.Certificate[] = [];
    if (stored !== null) {
      const key: HeldSenderKey = {
        cert: pkijs.Certificate.fromBER(stored.certDer.slice().buffer),
        chain: stored.chainDer.map((d) => pkijs.Certificate.fromBER(d.slice().buffer)),
        signKey: stored.signKey,
        decryptKey: stored.decryptKey,
      };
      sender = { mode: "sign", key };
    } else {
      // Encrypt-only: the sender's own certificate, from the same sources, encrypts the sender's copy.
      const own = candidatesFor(sources, host.user.address);
      const [mine] = await checkRecipients([host.user.address], sources, { trustAnchors: anchors, now: host.now(), engine });
      if (mine === undefined || !mine.ok) throw new Refusal("certificates", mine === undefined ? [s.smime.noKey] : [say(mine.error)], checks);
      sender = { mode: "encrypt-only", cert: mine.cert };
      senderIntermediates = own.intermediates;
    }

    // 3. The MIME message, signed and enveloped; buildSmime decrypts the sender's copy and
    //    verifies it (sign mode), or re-reads the envelope (encrypt-only), before it returns.
    const field = (f: Recipient["field"]): MailAddress[] => recipients.filter((r) => r.field === f).map(address);
    const mime = draftToMime({
      from: host.user,
      to: field("to"),
      cc: field("cc"),
      bcc: field("bcc"),
      subject,
      html,
      parts,
      date: host.now(),
      random: (n) => host.crypto.getRandomValues(new Uint8Array(n)),
    });
    const recipientCerts = [...checks.flatMap((c) => (c.ok ? [c.cert] : [])), ...recipients.flatMap((r) => candidatesFor(sources, r.address).intermediates), ...senderIntermediates];
    let built;
    try {
      built = await buildSmime({ message: mime, recipientCerts: dedupe(recipientCerts), trustAnchors: anchors, sender, crypto: host.crypto, now: host.now() });
    } catch (e) {
      if (e instanceof SmimeError) throw new Refusal("build", [say(e)], checks);
      throw e;
    }
    const submission = withBccForSubmission(built.bytes, field("bcc"));

    // 4. Graph takes at most maxRequestBytes per request: measured on the base64 body, before anything goes.
    const requestBytes = base64Length(submission.length);
    const lang = this.danish ? "da" : "en";
    if (requestBytes > smime.maxRequestBytes) throw new Refusal("size", [s.smime.tooLarge(sizeText(requestBytes, lang), sizeText(smime.maxRequestBytes, lang))]);

    let token: string;
    try {
      token = await host.tokens.mailSendToken();
    } catch (e) {
      if (e instanceof TokenError && e.kind === "unsupported") throw new Refusal("token", [s.smime.naaUnsupported]);
      if (e instanceof TokenError && e.kind === "otherAccount") throw new Refusal("token", [s.smime.otherAccount(e.message)]);
      throw new Refusal("token", [s.smime.tokenFailed(e instanceof Error ? e.message : String(e))]);
    }

    // The mail goes as it was built: recipients and subject unchanged meanwhile (a token prompt
    // can take a while), and still the same draft in a pinned pane.
    const [recipientsNow, subjectNow] = await Promise.all([host.item.recipients(), host.item.subject()]);
    const addresses = (list: readonly Recipient[]): string => list.map((r) => `${r.field}:${r.address.toLowerCase()}`).join("|");
    if (this.changedWhileRunning || subjectNow !== subject || addresses(recipientsNow) !== addresses(recipients)) throw new Refusal("draft", [s.smime.draftChanged]);

    // 5. The send. From here on a failure keeps the draft: nothing is discarded unless Graph said 202.
    // sendMail is not idempotent: where the answer is lost (no response, a server error) the mail
    // may have gone, so the user is told to look in Sent Items rather than simply to try again.
    let response: GraphResponse;
    try {
      response = await host.fetch(`${smime.graph.endpoint}/me/sendMail`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/plain" }, body: toBase64(submission) });
    } catch {
      throw new Refusal("graph", [s.smime.outcomeUnknown(this.danish ? "ingen forbindelse" : "no connection")]);
    }
    if (response.status !== 202) {
      const code = await graphErrorCode(response);
      if (response.status >= 500) throw new Refusal("graph", [s.smime.outcomeUnknown(`HTTP ${response.status}, ${code}`)]);
      throw new Refusal("graph", [s.smime.graphError(response.status, code)]);
    }

    // 6. Sent: say so in the draft's session data (the send handler then blocks Outlook's own Send
    //    of it), then discard the draft. Each is tried whatever the other did.
    this.sentAlready = true;
    let closed = true;
    try {
      await host.recordSent(JSON.stringify({ at: host.now().toISOString(), recipients: built.recipients.length, signed: built.signed }));
    } catch {
      closed = false;
    }
    try {
      await host.discardDraft();
    } catch {
      closed = false;
    }
    return { ok: true, recipients: built.recipients.length, closed, message: closed ? s.smime.sent(built.recipients.length) : s.smime.sentNotClosed, bytes: requestBytes };
  }
}

function dedupe(certs: readonly pkijs.Certificate[]): pkijs.Certificate[] {
  const out: pkijs.Certificate[] = [];
  for (const c of certs) if (!out.some((o) => o.issuer.isEqual(c.issuer) && o.serialNumber.isEqual(c.serialNumber))) out.push(c);
  return out;
}

/** Graph's error code from `{ "error": { "code": … } }`, or the HTTP status when the body says nothing usable. */
async function graphErrorCode(response: GraphResponse): Promise<string> {
  try {
    const body = JSON.parse(await response.text()) as { error?: { code?: unknown } };
    const code = body.error?.code;
    if (typeof code === "string" && /^[\w.-]{1,80}$/.test(code)) return code;
  } catch {
    // Not JSON: the status says enough.
  }
  return "-";
}
